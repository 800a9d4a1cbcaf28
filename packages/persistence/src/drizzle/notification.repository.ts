// NotificationRepository on Drizzle: table `notifications`, whose (kind, recipient, market) unique constraint makes a
// repeated record a no-op.
import type { ResultAsync } from 'neverthrow';
import type { InfrastructureError, Notification, NotificationRepository } from '@socialpredict/domain';
import type { Executor } from './database.factory.ts';
import { dbOperation } from './drizzle-operation.ts';
import type { OperationScope } from './operation.monitor.ts';
import { notifications } from './schema.ts';

export class DrizzleNotificationRepository implements NotificationRepository {
  readonly #db: Executor;
  readonly #scope: OperationScope;

  constructor(db: Executor, scope: OperationScope) {
    this.#db = db;
    this.#scope = scope;
  }

  record(records: readonly Notification[]): ResultAsync<number, InfrastructureError> {
    return dbOperation(this.#scope, 'notifications.record', async () => {
      if (records.length === 0) return 0;
      const inserted = await this.#db
        .insert(notifications)
        .values(
          records.map((record) => ({
            kind: record.kind,
            recipientUsername: record.recipient,
            marketId: record.marketId,
            createdAt: record.createdAt,
          })),
        )
        .onConflictDoNothing({ target: [notifications.kind, notifications.recipientUsername, notifications.marketId] })
        .returning({ id: notifications.id });
      return inserted.length;
    });
  }
}
