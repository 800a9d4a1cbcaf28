// In-memory adapters of every persistence port (DB-5 (docs/architecture.md#db-5)), for tests across the project, and every port on
// fakes at once (createMemoryPorts; the clock, randomness, hashing and token fakes come from @socialpredict/adapters).
export * from './async-mutex.ts';
export * from './memory-database.ts';
export * from './user.memory-repository.ts';
export * from './market.memory-repository.ts';
export * from './bet.memory-repository.ts';
export * from './ledger.memory-repository.ts';
export * from './unit-of-work.memory.ts';
export * from './read-model-snapshot.memory-repository.ts';
export * from './notification.memory-repository.ts';
export * from './due-market.memory-repository.ts';
export * from './job.memory-repositories.ts';
export * from './audit-log.memory-repository.ts';
export * from './idempotency.memory-repository.ts';
export * from './site-settings.memory-repository.ts';
export * from './site-content.memory-repository.ts';
export * from './stewardship-audit.memory-repository.ts';
export * from './description-amendment.memory-repository.ts';
export * from './memory-ports.ts';
export * from './memory-integrity.ts';
export * from './market-tag.memory-repository.ts';
export * from './market-group.memory-repository.ts';
