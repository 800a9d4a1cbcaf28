import { err, ok, type ResultAsync } from 'neverthrow';
import { infrastructureError, type InfrastructureError, type Notification, type NotificationRepository } from '@socialpredict/domain';
import { writeOperation, type MemoryContext } from './memory-operation.ts';

/** The unique (kind, recipient, market) of the notifications table. */
function notificationKey(notification: Notification): string {
  return JSON.stringify([notification.kind, notification.recipient, notification.marketId]);
}

export class MemoryNotificationRepository implements NotificationRepository {
  readonly #context: MemoryContext;

  constructor(context: MemoryContext) {
    this.#context = context;
  }

  record(notifications: readonly Notification[]): ResultAsync<number, InfrastructureError> {
    return writeOperation(this.#context, 'notifications.record', (tables) => {
      // The table's foreign keys: one unknown recipient or market fails the whole statement.
      const dangling = notifications.find(({ recipient, marketId }) => !tables.users.has(recipient) || !tables.markets.has(marketId));
      if (dangling !== undefined) {
        return err(infrastructureError('UNEXPECTED', `notification for unknown ${dangling.recipient} or market ${dangling.marketId}`));
      }
      let recorded = 0;
      for (const notification of notifications) {
        const key = notificationKey(notification);
        if (tables.notifications.has(key)) continue;
        tables.notifications.set(key, Object.freeze({ ...notification }));
        recorded += 1;
      }
      return ok(recorded);
    });
  }
}
