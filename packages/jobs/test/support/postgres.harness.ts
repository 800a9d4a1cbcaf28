// Per-file databases cloned from the migrated template of the persistence test harness (TST-3), and the small
// helpers every job suite shares.
import { afterEach } from 'vitest';
import type { Database } from '@socialpredict/persistence';
import { createTestDatabase, type TestDatabase } from '../../../persistence/test/support/postgres.harness.ts';

export type { TestDatabase } from '../../../persistence/test/support/postgres.harness.ts';

/** A fresh migrated database and an open pool on it. */
export async function createJobsTestDatabase(): Promise<{ target: TestDatabase; database: Database }> {
  const target = await createTestDatabase();
  return { target, database: await target.open() };
}

/**
 * For a suite whose tests each need their own database: returns `open()`, and drops every database it opened
 * after each test.
 */
export function freshDatabases(): () => Promise<Database> {
  const opened: TestDatabase[] = [];
  afterEach(async () => {
    for (const target of opened.splice(0)) await target.drop();
  });
  return async () => {
    const { target, database } = await createJobsTestDatabase();
    opened.push(target);
    return database;
  };
}

/** The context pg-boss hands a handler, for calling one directly. */
export const FIRST_ATTEMPT = { data: {}, attempt: 1, signal: new AbortController().signal };

/** Raw rows, to check what a job wrote. */
export async function selectRows<T extends Record<string, unknown>>(database: Database, text: string): Promise<T[]> {
  const session = await database.reserve();
  try {
    return await session.query<T>(text);
  } finally {
    await session.release();
  }
}
