// Per-file databases cloned from the migrated template of the persistence test harness (TST-3).
import type { Database } from '@socialpredict/persistence';
import { createTestDatabase, type TestDatabase } from '../../../persistence/test/support/postgres.harness.ts';

export { postgresServer, type TestDatabase } from '../../../persistence/test/support/postgres.harness.ts';

/** A fresh migrated database and an open pool on it. */
export async function createJobsTestDatabase(): Promise<{ target: TestDatabase; database: Database }> {
  const target = await createTestDatabase();
  return { target, database: await target.open() };
}
