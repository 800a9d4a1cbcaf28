// Per-file databases cloned from the migrated template (or empty ones, for the migration commands).
export {
  createEmptyDatabase,
  createTestDatabase,
  postgresServer,
  type TestDatabase,
} from '../../../../packages/persistence/test/support/postgres.harness.ts';
