// Every handler of JOB-3 wired to its stores, and the runner around them, for the composition roots (API process or
// `pnpm cli worker`).
import type { Clock, UseCaseDeps } from '@socialpredict/domain';
import type { Database } from '@socialpredict/persistence';
import type { JobLogger, JobMetrics } from './job-ports.ts';
import { databaseIntegrityCheck, ledgerIntegrityJob } from './ledger-integrity/ledger-integrity.job.ts';
import { marketCloseJob } from './market-close/market-close.job.ts';
import { marketNotifyJob } from './market-notify/market-notify.job.ts';
import { QUEUES } from './queues.ts';
import {
  exportReadModelAges,
  globalReadModelBuilders,
  readModelRefreshJob,
  type ReadModelBuilder,
} from './readmodel-refresh/readmodel-refresh.job.ts';
import { createJobRunner, type JobHandlers, type JobRunner, type JobsConnection } from './runner/job-runner.ts';
import { snapshotCleanupJob } from './snapshot-cleanup/snapshot-cleanup.job.ts';
import { sqlDueMarketSource } from './stores/due-market.store.ts';
import { sqlNotificationStore } from './stores/notification.store.ts';
import { sqlReadModelStore } from './stores/read-model.store.ts';

export interface JobHandlerDeps {
  /** the application database, for the jobs' own tables */
  database: Database;
  /** read-only repositories and the economics the reporting use cases need */
  reporting: Pick<UseCaseDeps, 'markets' | 'bets' | 'ledger' | 'economics'>;
  clock: Clock;
  logger: JobLogger;
  metrics: JobMetrics;
  /** read models the HTTP adapter owns (the default discovery page), pre-warmed with scope `discovery` */
  extraBuilders?: readonly ReadModelBuilder[];
}

export interface WiredJobs {
  handlers: JobHandlers;
  /** pass as the runner's `onStatsTick` */
  onStatsTick: () => Promise<void>;
}

export function createJobHandlers(deps: JobHandlerDeps): WiredJobs {
  const readModels = sqlReadModelStore(deps.database);
  const notifications = sqlNotificationStore(deps.database);
  const { clock, logger, metrics } = deps;
  return {
    handlers: {
      [QUEUES.readModelRefresh]: readModelRefreshJob({
        builders: [...globalReadModelBuilders(deps.reporting), ...(deps.extraBuilders ?? [])],
        readModels,
        clock,
        logger,
        metrics,
      }),
      [QUEUES.ledgerIntegrity]: ledgerIntegrityJob({
        check: databaseIntegrityCheck(deps.database, deps.reporting.economics.user.maximumDebtAllowed),
        clock,
        logger,
        metrics,
      }),
      [QUEUES.marketClose]: marketCloseJob({
        dueMarkets: sqlDueMarketSource(deps.database),
        readModels,
        notifications,
        clock,
        logger,
      }),
      [QUEUES.marketNotify]: marketNotifyJob({ bets: deps.reporting.bets, notifications, clock }),
      [QUEUES.snapshotCleanup]: snapshotCleanupJob({ readModels, clock, logger }),
    },
    onStatsTick: () => exportReadModelAges({ readModels, clock, metrics }),
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

export interface JobProcessDeps extends JobHandlerDeps {
  /** the application database's settings: pg-boss runs on the same database, in schema `pgboss` (JOB-2) */
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
  const { settings, consume, ...handlerDeps } = deps;
  const wired = createJobHandlers(handlerDeps);
  return createJobRunner({
    connection: jobsConnection(deps.database, settings),
    handlers: wired.handlers,
    onStatsTick: wired.onStatsTick,
    logger: deps.logger,
    metrics: deps.metrics,
    consume,
  });
}
