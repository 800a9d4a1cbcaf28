// Per-file databases copied from the migrated template (or empty ones, for the migration commands).
export {
  createEmptyDatabase,
  createTestDatabase,
  describeOnFullServer,
  itOnFullServer,
  postgresAdminUrl,
  type TestDatabase,
} from '../../../../packages/persistence/test/support/postgres.harness.ts';
