// The jobs' own SQL runs on one reserved connection of the application pool (or on PGlite itself), through the
// persistence package's driver-neutral session, so the same statements serve both drivers.
import type { Database, SqlRunner } from '@socialpredict/persistence';

export async function withSession<T>(database: Database, work: (session: SqlRunner) => Promise<T>): Promise<T> {
  const session = await database.reserve();
  try {
    return await work(session);
  } finally {
    await session.release();
  }
}

export async function inTransaction<T>(database: Database, work: (tx: SqlRunner) => Promise<T>): Promise<T> {
  const session = await database.reserve();
  try {
    return await session.transaction(work);
  } finally {
    await session.release();
  }
}

/** Timestamps travel as ISO text (the session takes strings and numbers only) and are cast in SQL. */
export const isoTime = (epochMs: number): string => new Date(epochMs).toISOString();

/** A timestamptz as either driver returns it. */
export const epochMs = (value: unknown): number => (value instanceof Date ? value.getTime() : new Date(String(value)).getTime());
