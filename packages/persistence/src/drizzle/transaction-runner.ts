// Transactions that add no round trips of their own (issue 3: trades hold the hot market's row lock, so every round
// trip under it caps the market's throughput). On postgres.js, BEGIN travels with the first statement and COMMIT
// can follow the last ones without waiting for them, and every statement is prepared so postgres.js pipelines it
// instead of describing it first. PGlite runs in-process: its transactions are plain.
import type { PGlite, Transaction as PgliteTransaction } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { AppDatabase } from './app-database.ts';

type Row = Record<string, unknown>;

/** Fixed SQL text run directly on the transaction's connection, for the statements too hot for a query builder. */
export interface TransactionStatements {
  /** Sent at once, so statements not awaited in between travel together. */
  query(text: string, params: readonly unknown[]): Promise<Row[]>;
  /**
   * Commits behind every statement already sent, without waiting for them; later calls fail. Rejects when the
   * transaction had failed (the server answers a COMMIT of a failed transaction with a rollback).
   */
  commit(): Promise<void>;
}

export interface OpenTransaction {
  /** Drizzle bound to this transaction (no relational schema: the repositories only use the query builders) */
  readonly db: AppDatabase;
  readonly statements: TransactionStatements;
}

/** Runs `work` in one transaction: committed when it resolves (unless it already committed), rolled back on throw. */
export type TransactionRunner = <T>(work: (tx: OpenTransaction) => Promise<T>) => Promise<T>;

export const TRANSACTION_ENDED = 'the transaction has already been committed';

/** Savepoints for the repositories that group their own statements (a nested Drizzle transaction). */
async function withSavepoint<T>(run: (text: string) => PromiseLike<unknown>, name: string, work: () => Promise<T>): Promise<T> {
  await run(`SAVEPOINT ${name}`);
  try {
    const result = await work();
    await run(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await run(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}

export function postgresTransactions(pool: postgres.Sql): TransactionRunner {
  return async (work) => {
    const connection = await pool.reserve();
    let open = true;
    let savepoints = 0;
    const prepared = (text: string, params: readonly unknown[] = []) => {
      if (!open) throw new Error(TRANSACTION_ENDED);
      return connection.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true });
    };
    const send = (text: string, params: readonly unknown[] = []) => prepared(text, params).execute();
    // Not awaited: it is written together with the work's first statement. Awaited with every result, so a failed
    // BEGIN is never mistaken for success.
    const begun = send('BEGIN');
    begun.catch(() => undefined);
    // The part of a postgres.js client Drizzle uses: queries, plus `begin` for a nested transaction.
    const client = {
      options: pool.options,
      unsafe: (text: string, params: readonly unknown[] = []) => prepared(text, params),
      begin: <T>(nested: (sql: unknown) => Promise<T>) =>
        withSavepoint(send, `sp_${String(++savepoints)}`, () => nested(client)),
    };
    const commit = async () => {
      const committing = send('COMMIT');
      open = false;
      const [, outcome] = await Promise.all([begun, committing]);
      if (outcome.command !== 'COMMIT') throw new Error(`the transaction failed and was rolled back (${outcome.command})`);
    };
    const statements: TransactionStatements = {
      query: async (text, params) => (await Promise.all([begun, send(text, params)]))[1],
      commit,
    };
    try {
      const result = await work({ db: drizzlePostgres({ client: client as unknown as postgres.Sql }) as unknown as AppDatabase, statements });
      if (open) await commit();
      return result;
    } catch (error) {
      open = false;
      // Queued behind whatever the work left in flight, so the connection goes back to the pool idle.
      await connection.unsafe('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  };
}

export function pgliteTransactions(database: PGlite): TransactionRunner {
  return async <T>(work: (tx: OpenTransaction) => Promise<T>) => {
    let open = true;
    // PGlite commits when the callback resolves, so a failure after `commit()` is carried out of the callback
    // instead of thrown inside it.
    const outcome = await database.transaction(async (transaction: PgliteTransaction) => {
      let savepoints = 0;
      const query = async (text: string, params: readonly unknown[] = []) => {
        if (!open) throw new Error(TRANSACTION_ENDED);
        return (await transaction.query<Row>(text, [...params])).rows;
      };
      // The part of a PGlite client Drizzle uses.
      const client = {
        query: (text: string, params: unknown[] | undefined, options: object | undefined) => {
          if (!open) throw new Error(TRANSACTION_ENDED);
          return transaction.query(text, params, options);
        },
        transaction: <R>(nested: (tx: unknown) => Promise<R>) =>
          withSavepoint((text) => transaction.exec(text), `sp_${String(++savepoints)}`, () => nested(client)),
      };
      const statements: TransactionStatements = {
        query,
        commit: async () => {
          open = false;
        },
      };
      try {
        return { value: await work({ db: drizzlePglite({ client: client as unknown as PGlite }) as unknown as AppDatabase, statements }) };
      } catch (error) {
        if (open) throw error;
        return { error };
      }
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  };
}
