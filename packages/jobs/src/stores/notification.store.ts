// Notification records (JOB-3): written by the jobs, delivered by channels that do not exist yet. One record per
// kind, recipient and market, so a job that runs twice records nothing new. Table `notifications`.
import type { Database } from '@socialpredict/persistence';
import { inTransaction, isoTime } from './sql-session.ts';

export type NoticeKind = 'resolution_due' | 'market_resolved';

export interface Notice {
  kind: NoticeKind;
  recipient: string;
  marketId: number;
  createdAt: number;
}

export interface NotificationStore {
  /** Returns how many were new. */
  record(notices: readonly Notice[]): Promise<number>;
}

export function sqlNotificationStore(database: Database): NotificationStore {
  return {
    record: async (notices) => {
      if (notices.length === 0) return 0;
      return inTransaction(database, async (tx) => {
        let inserted = 0;
        for (const notice of notices) {
          const rows = await tx.query(
            `INSERT INTO notifications (kind, recipient_username, market_id, created_at)
             VALUES ($1, $2, $3, $4::timestamptz)
             ON CONFLICT (kind, recipient_username, market_id) DO NOTHING
             RETURNING id`,
            [notice.kind, notice.recipient, notice.marketId, isoTime(notice.createdAt)],
          );
          inserted += rows.length;
        }
        return inserted;
      });
    },
  };
}
