import { MemoryDueMarketRepository } from './due-market.memory-repository.ts';
import { MemoryIdempotencyStore } from './idempotency.memory-repository.ts';
import type { MemoryDatabase } from './memory-database.ts';
import { MemoryNotificationRepository } from './notification.memory-repository.ts';
import { MemoryReadModelSnapshotRepository } from './read-model-snapshot.memory-repository.ts';

/** The in-memory counterpart of `drizzleJobRepositories`, on committed state. */
export function memoryJobRepositories(database: MemoryDatabase) {
  const context = { database, scope: database.autocommit };
  return {
    snapshots: new MemoryReadModelSnapshotRepository(context),
    notifications: new MemoryNotificationRepository(context),
    dueMarkets: new MemoryDueMarketRepository(context),
    idempotency: new MemoryIdempotencyStore(context),
  };
}
