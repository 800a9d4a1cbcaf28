// The persistence package's global setup (TST-3): one migrated template per run on TEST_DATABASE_URL.
export { default } from '../../../../packages/persistence/test/support/postgres.global-setup.ts';
