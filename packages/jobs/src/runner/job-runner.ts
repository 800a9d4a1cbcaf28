// The pg-boss adapter (JOB-2, JOB-4, JOB-5): one PgBoss instance on the application database (schema `pgboss`),
// the queues of JOB-3 with retries and a dead-letter queue, workers and schedules when this process consumes, and
// queue figures for /ops/status and the metrics. A producer-only process (JOBS_ENABLED=false) still enqueues.
import { performance } from 'node:perf_hooks';
import { fromPglite, PgBoss, type ConstructorOptions, type Job, type PGliteLike, type QueueResult } from 'pg-boss';
import { NO_JOB_METRICS, type JobLogger, type JobMetrics } from '../job-ports.ts';
import {
  DEAD_LETTER_QUEUE,
  DEAD_LETTER_RETENTION_SECONDS,
  DEFAULT_RETRY_POLICY,
  QUEUE_DEFINITIONS,
  QUEUES,
  READ_MODEL_REFRESH_DEBOUNCE_SECONDS,
  RETIRED_QUEUES,
  RETIRED_SCHEDULES,
  SCHEDULES,
  type QueueDefinition,
  type QueueName,
  type RetryPolicy,
} from '../queues.ts';

export const PGBOSS_SCHEMA = 'pgboss';

export type JobsConnection =
  | { driver: 'postgres'; url: string; poolMax: number; requireTls: boolean }
  /** PGlite is one connection shared with the application (DB-2), so pg-boss runs through it. */
  | { driver: 'pglite'; client: PGliteLike };

export interface JobInput {
  data: Record<string, unknown>;
  /** 1 for the first attempt */
  attempt: number;
  /** aborted when pg-boss gives up on the attempt (expiry, shutdown) */
  signal: AbortSignal;
}

export type JobHandler = (input: JobInput) => Promise<unknown>;
export type JobHandlers = Partial<Record<QueueName, JobHandler>>;

export interface JobRunnerOptions {
  connection: JobsConnection;
  handlers: JobHandlers;
  logger: JobLogger;
  metrics?: JobMetrics;
  /** false: this process only enqueues (JOBS_ENABLED=false); workers and schedules run elsewhere (JOB-2) */
  consume: boolean;
  retry?: RetryPolicy;
  /** how often an idle worker polls its queue */
  pollingIntervalSeconds?: number;
  /** how often queue figures are refreshed for /ops/status and `socialpredict_jobs_queue_depth` */
  statsIntervalSeconds?: number;
  /** extra periodic work on the same timer, e.g. exporting read-model ages */
  onStatsTick?: () => Promise<void>;
}

/** The `jobs` object of /ops/status (docs/api.md#ops-endpoints). */
export interface JobsStatus {
  enabled: boolean;
  queued: number;
  failed: number;
  deadLettered: number;
}

export interface DeadLetter {
  id: string;
  sourceQueue: string | null;
  sourceId: string | null;
  attempts: number;
  data: unknown;
  createdOn: Date;
}

export interface EnqueueOptions {
  /** with a `stately` queue, at most one queued and one active job per key */
  singletonKey?: string;
  startAfterSeconds?: number;
}

export interface JobRunner {
  start(): Promise<void>;
  /** JOB-5: lets active jobs finish for up to `timeoutMs`, then releases them for retry. */
  stop(timeoutMs: number): Promise<void>;
  enqueue(queue: QueueName, data?: Record<string, unknown>, options?: EnqueueOptions): Promise<string | null>;
  /**
   * The debounced refresh after a write marked a global read model stale (JOB-3): true when this call queued a new
   * job, false when one was already waiting.
   */
  requestReadModelRefresh(): Promise<boolean>;
  /** Latest figures, kept by the stats timer; cheap enough for every /ops/status call. */
  status(): JobsStatus;
  refreshStats(): Promise<JobsStatus>;
  deadLetters(): Promise<DeadLetter[]>;
}

const DEFAULT_POLLING_INTERVAL_SECONDS = 2;
const DEFAULT_STATS_INTERVAL_SECONDS = 15;

function bossOptions(connection: JobsConnection, consume: boolean): ConstructorOptions {
  // Only consumers run cron and maintenance; a producer-only process just inserts jobs.
  const common = { schema: PGBOSS_SCHEMA, schedule: consume, supervise: consume, instanceName: consume ? 'worker' : 'producer' };
  if (connection.driver === 'pglite') return { ...common, db: fromPglite(connection.client), backend: 'pglite' };
  const tlsFromUrl = new URL(connection.url).searchParams.has('sslmode');
  return {
    ...common,
    connectionString: connection.url,
    max: connection.poolMax,
    application_name: 'socialpredict-jobs',
    ...(connection.requireTls && !tlsFromUrl ? { ssl: true } : {}),
  };
}

function queueOptions(definition: QueueDefinition, retry: RetryPolicy) {
  return {
    expireInSeconds: definition.expireInSeconds,
    retryLimit: retry.limit,
    retryDelay: retry.delaySeconds,
    retryBackoff: retry.backoff,
    ...(retry.backoff ? { retryDelayMax: retry.maxDelaySeconds } : {}),
    deadLetter: DEAD_LETTER_QUEUE,
  };
}

function summarise(queues: readonly QueueResult[], enabled: boolean): JobsStatus {
  const status: JobsStatus = { enabled, queued: 0, failed: 0, deadLettered: 0 };
  for (const queue of queues) {
    if (queue.name === DEAD_LETTER_QUEUE) {
      status.deadLettered += queue.queuedCount;
      continue;
    }
    status.queued += queue.queuedCount;
    status.failed += queue.failedCount;
  }
  return status;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { logger, consume } = options;
  const metrics = options.metrics ?? NO_JOB_METRICS;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? DEFAULT_POLLING_INTERVAL_SECONDS;
  const boss = new PgBoss(bossOptions(options.connection, consume));
  let latest: JobsStatus = { enabled: consume, queued: 0, failed: 0, deadLettered: 0 };
  let statsTimer: NodeJS.Timeout | undefined;

  // pg-boss reports background failures (maintenance, polling) as events; unhandled, they would crash the process.
  boss.on('error', (error) => logger.error({ event: 'jobs.error', err: error }, 'job queue error'));

  const ensureQueue = async (name: string, queue: Parameters<PgBoss['createQueue']>[1]) => {
    if ((await boss.getQueue(name)) === null) await boss.createQueue(name, queue);
    else {
      const { policy: _fixedAtCreation, ...changeable } = queue ?? {};
      await boss.updateQueue(name, changeable);
    }
  };

  const wrap = (queue: QueueName, handler: JobHandler) => async ([job]: Job<Record<string, unknown>>[]) => {
    if (job === undefined) return undefined;
    const attempt = job.retryCount + 1;
    const started = performance.now();
    const fields = { queue, job_id: job.id, attempt };
    try {
      const result = await handler({ data: job.data ?? {}, attempt, signal: job.signal });
      const seconds = (performance.now() - started) / 1000;
      metrics.jobCompleted(queue, seconds);
      logger.debug({ event: 'jobs.completed', ...fields, duration_ms: Math.round(seconds * 1000) }, 'job completed');
      return result;
    } catch (error) {
      metrics.jobFailed(queue, (performance.now() - started) / 1000);
      if (job.retryCount >= retry.limit) {
        logger.error({ event: 'jobs.dead_lettered', ...fields, dead_letter_queue: DEAD_LETTER_QUEUE, err: error }, 'job moved to the dead-letter queue');
      } else {
        logger.warn({ event: 'jobs.attempt_failed', ...fields, err: error }, 'job attempt failed; it will be retried');
      }
      throw error;
    }
  };

  const refreshStats = async (): Promise<JobsStatus> => {
    const queues = await boss.getQueues();
    for (const queue of queues) {
      metrics.queueDepth(queue.name, 'queued', queue.queuedCount);
      metrics.queueDepth(queue.name, 'active', queue.activeCount);
      metrics.queueDepth(queue.name, 'failed', queue.failedCount);
    }
    latest = summarise(queues, consume);
    await options.onStatsTick?.();
    return latest;
  };

  const tick = () => {
    refreshStats().catch((error: unknown) => logger.warn({ event: 'jobs.stats_failed', err: error }, 'could not read queue figures'));
  };

  return {
    start: async () => {
      await boss.start();
      await ensureQueue(DEAD_LETTER_QUEUE, { retentionSeconds: DEAD_LETTER_RETENTION_SECONDS });
      for (const definition of QUEUE_DEFINITIONS) {
        await ensureQueue(definition.name, { policy: definition.policy, ...queueOptions(definition, retry) });
      }
      if (consume) {
        for (const retired of RETIRED_QUEUES) if ((await boss.getQueue(retired)) !== null) await boss.deleteQueue(retired);
        for (const retired of RETIRED_SCHEDULES) await boss.unschedule(retired.queue, retired.key);
        for (const definition of QUEUE_DEFINITIONS) {
          const handler = options.handlers[definition.name];
          if (handler === undefined) continue;
          await boss.work(definition.name, { pollingIntervalSeconds, batchSize: 1 }, wrap(definition.name, handler));
        }
        for (const schedule of SCHEDULES) {
          if (options.handlers[schedule.queue] === undefined) continue;
          await boss.schedule(schedule.queue, schedule.cron, schedule.data, {
            tz: 'UTC',
            key: schedule.key,
            singletonKey: schedule.key,
          });
        }
      }
      statsTimer = setInterval(tick, (options.statsIntervalSeconds ?? DEFAULT_STATS_INTERVAL_SECONDS) * 1000);
      statsTimer.unref();
      tick();
      logger.info({ event: 'jobs.started', consume, queues: QUEUE_DEFINITIONS.length }, 'job queue started');
    },
    stop: async (timeoutMs) => {
      clearInterval(statsTimer);
      await boss.stop({ graceful: true, timeout: timeoutMs });
      logger.info({ event: 'jobs.stopped' }, 'job queue stopped');
    },
    enqueue: (queue, data = {}, enqueueOptions = {}) =>
      boss.send(queue, data, {
        ...(enqueueOptions.singletonKey === undefined ? {} : { singletonKey: enqueueOptions.singletonKey }),
        ...(enqueueOptions.startAfterSeconds === undefined ? {} : { startAfter: enqueueOptions.startAfterSeconds }),
      }),
    requestReadModelRefresh: async () => {
      // Shares the hourly schedule's key: a refresh already queued covers this write too.
      const id = await boss.send(QUEUES.readModelRefresh, {}, {
        singletonKey: 'global',
        startAfter: READ_MODEL_REFRESH_DEBOUNCE_SECONDS,
      });
      return id !== null;
    },
    status: () => latest,
    refreshStats,
    deadLetters: async () => {
      const jobs = await boss.findJobs<unknown>(DEAD_LETTER_QUEUE);
      return jobs.map((job) => ({
        id: job.id,
        sourceQueue: job.sourceName,
        sourceId: job.sourceId,
        attempts: (job.sourceRetryCount ?? 0) + 1,
        data: job.data,
        createdOn: job.createdOn,
      }));
    },
  };
}
