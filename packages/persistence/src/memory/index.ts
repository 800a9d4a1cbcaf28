// In-memory adapters of every domain port (production.md DB-5), for tests across the project.
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
export * from './manual-clock.fake.ts';
export * from './password-hasher.fake.ts';
export * from './token-issuer.fake.ts';
export * from './seeded-random.fake.ts';
export * from './memory-ports.ts';
