// The repositories of the background jobs' own tables (read-model snapshots, notifications, idempotency records) and
// of the market sweep, outside any transaction: each call runs on its own pooled connection.
import type { Database } from './database.factory.ts';
import { DrizzleIdempotencyStore } from './idempotency.repository.ts';
import { DrizzleDueMarketRepository } from './due-market.repository.ts';
import { DrizzleNotificationRepository } from './notification.repository.ts';
import { DrizzleReadModelSnapshotRepository } from './read-model-snapshot.repository.ts';

export function drizzleJobRepositories({ db, scope }: Database) {
  return {
    snapshots: new DrizzleReadModelSnapshotRepository(db, scope),
    notifications: new DrizzleNotificationRepository(db, scope),
    dueMarkets: new DrizzleDueMarketRepository(db, scope),
    idempotency: new DrizzleIdempotencyStore(db, scope),
  };
}
