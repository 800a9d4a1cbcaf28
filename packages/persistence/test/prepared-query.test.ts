// Request-path reads built once per executor (docs/performance.md#prepared-reads).
import { describe, expect, it } from 'vitest';
import type { Executor } from '../src/drizzle/app-database.ts';
import { preparedQuery } from '../src/drizzle/prepared-query.ts';

/** Only the identity of an executor matters to the memo. */
const executor = () => ({}) as unknown as Executor;

describe('preparedQuery', () => {
  it('builds a query once per executor and name', () => {
    const database = executor();
    const transaction = executor();
    const built: string[] = [];
    const build = (label: string) => (on: Executor) => {
      built.push(label);
      return { on, label };
    };
    const first = preparedQuery(database, 'markets.findById', build('database'));
    expect(preparedQuery(database, 'markets.findById', build('again'))).toBe(first);
    expect(preparedQuery(database, 'users.findByUsername', build('other name')).label).toBe('other name');
    expect(preparedQuery(transaction, 'markets.findById', build('transaction')).on).toBe(transaction);
    expect(built).toEqual(['database', 'other name', 'transaction']);
  });
});
