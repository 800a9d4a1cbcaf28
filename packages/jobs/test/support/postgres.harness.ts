// Per-file databases cloned from the migrated template, plus the tables the jobs need that no migration creates yet.
import type { Database } from '@socialpredict/persistence';
import { createTestDatabase, type TestDatabase } from '../../../persistence/test/support/postgres.harness.ts';

export { postgresServer, type TestDatabase } from '../../../persistence/test/support/postgres.harness.ts';

/**
 * The DDL requested from the persistence package as a migration (see the jobs README section of the report):
 * snapshot rows of the display read models (PERF-2) and notification records (JOB-3).
 */
export const REQUESTED_JOB_TABLES = `
CREATE TABLE IF NOT EXISTS read_model_snapshots (
  kind text NOT NULL,
  key text NOT NULL DEFAULT '',
  payload jsonb,
  generated_at timestamptz(3),
  stale_since timestamptz(3),
  PRIMARY KEY (kind, key)
);
CREATE TABLE IF NOT EXISTS notifications (
  id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  kind text NOT NULL CHECK (kind IN ('resolution_due', 'market_resolved')),
  recipient_username text NOT NULL REFERENCES users (username),
  market_id bigint NOT NULL REFERENCES markets (id),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  read_at timestamptz(3),
  CONSTRAINT notifications_kind_recipient_market_unique UNIQUE (kind, recipient_username, market_id)
);
CREATE INDEX IF NOT EXISTS notifications_market_id_idx ON notifications (market_id);
`;

/** A template copy with the requested tables added. */
export async function createJobsTestDatabase(): Promise<{ target: TestDatabase; database: Database }> {
  const target = await createTestDatabase();
  const database = await target.open();
  const session = await database.reserve();
  try {
    await session.script(REQUESTED_JOB_TABLES);
  } finally {
    await session.release();
  }
  return { target, database };
}
