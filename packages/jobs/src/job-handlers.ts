// Every handler of JOB-3 wired to its repositories, and the runner around them, for the composition roots (API process
// or `pnpm cli worker`).
import type {
  Clock,
  DueMarketRepository,
  IdempotencyStore,
  NotificationRepository,
  ReadModelSnapshotRepository,
  UseCaseDeps,
} from '@socialpredict/domain';
import { drizzleJobRepositories, type Database } from '@socialpredict/persistence';
import type { JobLogger, JobMetrics } from './job-ports.ts';
import { databaseIntegrityCheck, ledgerIntegrityJob, type IntegrityCheck } from './ledger-integrity/ledger-integrity.job.ts';
import { idempotencyCleanupJob } from './idempotency-cleanup/idempotency-cleanup.job.ts';
import { marketCloseJob } from './market-close/market-close.job.ts';
import { marketNotifyJob } from './market-notify/market-notify.job.ts';
import { QUEUES } from './queues.ts';
import { exportReadModelAges, globalReadModelBuilds, readModelRefreshJob } from './readmodel-refresh/readmodel-refresh.job.ts';
import { createJobRunner, type JobHandlers, type JobRunner, type JobsConnection } from './runner/job-runner.ts';

/** The jobs' own tables and the market sweep's query (`drizzleJobRepositories` or `memoryJobRepositories`). */
export interface JobRepositories {
  snapshots: ReadModelSnapshotRepository;
  notifications: NotificationRepository;
  dueMarkets: DueMarketRepository;
  idempotency: Pick<IdempotencyStore, 'deleteExpired'>;
}

export interface JobHandlerDeps {
  repositories: JobRepositories;
  /** read-only repositories and the economics the reporting use cases need */
  reporting: Pick<UseCaseDeps, 'markets' | 'bets' | 'ledger' | 'economics'>;
  integrityCheck: IntegrityCheck;
  clock: Clock;
  logger: JobLogger;
  metrics: JobMetrics;
}

export interface WiredJobs {
  handlers: JobHandlers;
  /** pass as the runner's `onStatsTick` */
  onStatsTick: () => Promise<void>;
}

export function createJobHandlers(deps: JobHandlerDeps): WiredJobs {
  const { repositories, clock, logger, metrics } = deps;
  const { snapshots, notifications } = repositories;
  return {
    handlers: {
      [QUEUES.readModelRefresh]: readModelRefreshJob({ builds: globalReadModelBuilds(deps.reporting), snapshots, clock, logger, metrics }),
      [QUEUES.ledgerIntegrity]: ledgerIntegrityJob({ check: deps.integrityCheck, clock, logger, metrics }),
      [QUEUES.marketClose]: marketCloseJob({ dueMarkets: repositories.dueMarkets, notifications, clock, logger }),
      [QUEUES.marketNotify]: marketNotifyJob({ bets: deps.reporting.bets, notifications, clock }),
      [QUEUES.idempotencyCleanup]: idempotencyCleanupJob({ idempotency: repositories.idempotency, clock, logger }),
    },
    onStatsTick: () => exportReadModelAges({ snapshots, clock, metrics }),
  };
}

/** pg-boss opens its own pool beside the application's; one job at a time per queue needs only a handful. */
export const JOBS_POOL_MAX = 4;

/** The slice of the database settings pg-boss needs on PostgreSQL (structurally the config's DatabaseConfig). */
export interface JobsDatabaseSettings {
  url: string | undefined;
  poolMax: number;
  requireTls: boolean;
}

export interface JobProcessDeps extends Omit<JobHandlerDeps, 'repositories' | 'integrityCheck'> {
  /** the application database: the jobs' repositories, the integrity query and pg-boss (JOB-2) all run on it */
  database: Database;
  /** its settings: pg-boss runs on the same database, in schema `pgboss` (JOB-2) */
  settings: JobsDatabaseSettings;
  /** false: this process only enqueues (JOBS_ENABLED=false) */
  consume: boolean;
}

/**
 * pg-boss beside the application: on PGlite through the embedded client itself (one connection, serialised by
 * PGlite), on PostgreSQL with a small pool of its own.
 */
export function jobsConnection(database: Database, settings: JobsDatabaseSettings): JobsConnection {
  if (database.pgliteClient !== undefined) return { driver: 'pglite', client: database.pgliteClient };
  if (settings.url === undefined) throw new Error('the jobs need the PostgreSQL URL of the application database');
  return { driver: 'postgres', url: settings.url, poolMax: Math.min(JOBS_POOL_MAX, settings.poolMax), requireTls: settings.requireTls };
}

/** The runner with every JOB-3 handler, built alike by the API process and `pnpm cli worker`; not yet started. */
export function createJobProcess(deps: JobProcessDeps): JobRunner {
  const { database, settings, consume, ...handlerDeps } = deps;
  const wired = createJobHandlers({
    ...handlerDeps,
    repositories: drizzleJobRepositories(database),
    integrityCheck: databaseIntegrityCheck(database, deps.reporting.economics.user.maximumDebtAllowed),
  });
  return createJobRunner({
    connection: jobsConnection(database, settings),
    handlers: wired.handlers,
    onStatsTick: wired.onStatsTick,
    logger: deps.logger,
    metrics: deps.metrics,
    consume,
  });
}
