// The queues of JOB-3 with their policies, timeouts and schedules, and the retry policy of JOB-4.

export const QUEUES = {
  readModelRefresh: 'readmodel.refresh',
  ledgerIntegrity: 'ledger.integrity',
  marketClose: 'market.close',
  marketNotify: 'market.notify',
  idempotencyCleanup: 'idempotency.cleanup',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Where a job goes after its last failed attempt; nothing consumes it, so it stays for an operator to inspect. */
export const DEAD_LETTER_QUEUE = 'jobs.dead_letter';

export interface RetryPolicy {
  /** retries after the first attempt */
  limit: number;
  delaySeconds: number;
  backoff: boolean;
  /** cap of the backed-off delay */
  maxDelaySeconds: number;
}

/** JOB-4: 3 retries, exponential backoff from 30 s, capped at 10 min. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { limit: 3, delaySeconds: 30, backoff: true, maxDelaySeconds: 600 };

export interface QueueDefinition {
  name: QueueName;
  /**
   * pg-boss policy. `stately` keeps at most one queued and one active job per singleton key: a request made while
   * one is queued is already covered by it (the queued job has not read anything yet), and one made while a job
   * runs queues exactly one follow-up. `standard` for the per-market fan-out, whose jobs all differ.
   */
  policy: 'stately' | 'standard';
  /** seconds a job may stay active before pg-boss counts the attempt as failed */
  expireInSeconds: number;
}

export const QUEUE_DEFINITIONS: readonly QueueDefinition[] = [
  { name: QUEUES.readModelRefresh, policy: 'stately', expireInSeconds: 300 },
  { name: QUEUES.ledgerIntegrity, policy: 'stately', expireInSeconds: 900 },
  { name: QUEUES.marketClose, policy: 'stately', expireInSeconds: 120 },
  { name: QUEUES.marketNotify, policy: 'standard', expireInSeconds: 120 },
  { name: QUEUES.idempotencyCleanup, policy: 'stately', expireInSeconds: 300 },
];

/** Dead letters are kept a month (pg-boss deletes queued jobs after their retention). */
export const DEAD_LETTER_RETENTION_SECONDS = 30 * 24 * 3600;

export interface ScheduleDefinition {
  queue: QueueName;
  /** distinguishes two schedules of one queue */
  key: string;
  /** cron, UTC */
  cron: string;
  data: Record<string, unknown>;
}

/** JOB-3 cadences. The refresh also runs 2 s after a stale mark (`requestReadModelRefresh`). */
export const SCHEDULES: readonly ScheduleDefinition[] = [
  { queue: QUEUES.readModelRefresh, key: 'global', cron: '0 * * * *', data: {} },
  { queue: QUEUES.ledgerIntegrity, key: 'hourly', cron: '30 * * * *', data: {} },
  { queue: QUEUES.marketClose, key: 'minutely', cron: '* * * * *', data: {} },
  { queue: QUEUES.idempotencyCleanup, key: 'ten-minutely', cron: '*/10 * * * *', data: {} },
];

/**
 * Queues and schedules of earlier releases. pg-boss keeps both in the database, so a consumer removes them on start:
 * left alone, the schedules would keep enqueuing jobs nothing handles (deleting a queue deletes its schedules).
 */
export const RETIRED_QUEUES: readonly string[] = ['snapshot.cleanup'];
export const RETIRED_SCHEDULES: readonly Pick<ScheduleDefinition, 'queue' | 'key'>[] = [{ queue: QUEUES.readModelRefresh, key: 'discovery' }];

/** Debounce of the refresh that follows a write marking a global read model stale (JOB-3). */
export const READ_MODEL_REFRESH_DEBOUNCE_SECONDS = 2;
