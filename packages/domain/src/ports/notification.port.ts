import type { ResultAsync } from 'neverthrow';
import type { InfrastructureError } from './infrastructure.error.ts';

export type NotificationKind = 'resolution_due' | 'market_resolved';

export interface Notification {
  readonly kind: NotificationKind;
  readonly recipient: string;
  readonly marketId: number;
  readonly createdAt: number;
}

/**
 * Notification records (JOB-3), written by the jobs; delivery channels are future work. At most one record per kind,
 * recipient and market, so a job that runs twice records nothing new.
 */
export interface NotificationRepository {
  /** Returns how many were new; the others already existed and are left unchanged. */
  record(notifications: readonly Notification[]): ResultAsync<number, InfrastructureError>;
}
