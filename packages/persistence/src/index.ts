// @socialpredict/persistence: the Drizzle adapters of the domain's persistence ports on PostgreSQL (postgres.js) or
// embedded PGlite, the driver factory, the migrator and the ledger integrity query. The in-memory fakes are the
// `./memory` entry.
export * from './drizzle/database.factory.ts';
export { tlsMismatch } from './drizzle/tls-mismatch.ts';
export { DataDirectoryLocked, LOCK_FILE_NAME, type LockHolder } from './drizzle/data-directory.lock.ts';
export type { DatabaseObserver, OperationScope, PoolFigures } from './drizzle/operation.monitor.ts';
export * from './drizzle/migrations.migrator.ts';
export * from './drizzle/pg-error.mapper.ts';
export * from './drizzle/user.repository.ts';
export * from './drizzle/market.repository.ts';
export * from './drizzle/bet.repository.ts';
export * from './drizzle/ledger.repository.ts';
export * from './drizzle/unit-of-work.drizzle.ts';
export * from './drizzle/read-model-snapshot.repository.ts';
export * from './drizzle/notification.repository.ts';
export * from './drizzle/due-market.repository.ts';
export * from './drizzle/job.repositories.ts';
export * from './drizzle/audit-log.repository.ts';
export * from './drizzle/site-settings.repository.ts';
export * from './drizzle/site-content.repository.ts';
export * from './drizzle/stewardship-audit.repository.ts';
export * from './drizzle/market-tag.repository.ts';
export * from './drizzle/description-amendment.repository.ts';
export * from './drizzle/market-group.repository.ts';
export * from './drizzle/idempotency.repository.ts';
export * from './drizzle/ledger-integrity.query.ts';
export * from './drizzle/bulk-trades.ts';
export { schema, type Schema } from './drizzle/schema.ts';
