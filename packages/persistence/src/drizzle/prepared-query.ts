// Reads on the request path built once and run with placeholders (docs/performance.md#prepared-reads). Building a
// Drizzle select costs about 0.35 ms of CPU (measured on `markets` by id: 425 µs a query built each time, 90 µs
// prepared), more than the database spends answering it, and a market page runs five of them.
import { sql, type Column, type SQL } from 'drizzle-orm';
import type { Executor } from './app-database.ts';

const byExecutor = new WeakMap<Executor, Map<string, unknown>>();

/**
 * The query `build` returns, built on first use and kept for as long as `executor` lives: for the process on the
 * database handle, for its transaction on a transaction's. `name` must identify the query text across the process.
 */
export function preparedQuery<T>(executor: Executor, name: string, build: (executor: Executor) => T): T {
  let queries = byExecutor.get(executor);
  if (queries === undefined) {
    queries = new Map();
    byExecutor.set(executor, queries);
  }
  let query = queries.get(name) as T | undefined;
  if (query === undefined) {
    query = build(executor);
    queries.set(name, query);
  }
  return query;
}

/** `column = ANY($name)` with the whole list as one array parameter, so one prepared text serves any length. */
export function anyOf(column: Column, name: string): SQL {
  return sql`${column} = ANY(${sql.placeholder(name)})`;
}
