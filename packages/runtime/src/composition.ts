// The wiring shared by both apps (the API's boot, the CLI's commands): database (with retries), migrations or their
// verification, the real adapters behind every port (DEP-1 order up to, not including, listening), and the one
// function that makes the use cases with their write follow-ups.
import { ResultAsync } from 'neverthrow';
import type { Logger } from 'pino';
import { Counter, Registry } from 'prom-client';
import type { AppConfig, ProcessConfig } from '@socialpredict/config';
import {
  makeUseCases,
  withAudit,
  withWriteFollowUps,
  type AuditedUseCases,
  type Clock,
  type IdempotencyStore,
  type ReadModelSnapshotRepository,
  type UseCaseDeps,
  type WriteFollowUpEffects,
} from '@socialpredict/domain';
import {
  createGlobalReadModels,
  globalReadModelBuilds,
  QUEUES,
  type GlobalReadModels,
  type GlobalReadModelsDeps,
  type JobLogger,
  type JobRunner,
} from '@socialpredict/jobs';
import {
  DrizzleIdempotencyStore,
  DrizzleReadModelSnapshotRepository,
  DrizzleUnitOfWork,
  toInfrastructureError,
  drizzleRepositories,
  migrate,
  openDatabase,
  verifyMigrations,
  type Database,
  type DatabaseObserver,
} from '@socialpredict/persistence';
import { createArgon2PasswordHasher, createJoseTokenIssuer, cryptoRandom, systemClock } from '@socialpredict/adapters';
import { createDatabaseObserver, registerPoolMetrics } from './adapters/database-observer.adapter.ts';
import type { OpsProbe } from './ops-probe.ts';

export interface Runtime {
  database: Database;
  deps: UseCaseDeps;
  /** the snapshot table of the read models, where writes leave their stale marks */
  snapshots: ReadModelSnapshotRepository;
  readModels: GlobalReadModels;
  /** `Idempotency-Key` records of the HTTP adapter (docs/api.md#idempotency) */
  idempotency: IdempotencyStore;
  probe: OpsProbe;
  clock: Clock;
}

export class StartupError extends Error {
  readonly event: string;
  constructor(event: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
    this.event = event;
  }
}

/** `metricsRegistry`: where the database series go (the /metrics registry of the API; a private one otherwise). */
export async function openRuntime(config: AppConfig, logger: Logger, metricsRegistry = new Registry()): Promise<Runtime> {
  const database = await connectWithRetries(config, logger, createDatabaseObserver(logger, metricsRegistry));
  registerPoolMetrics(metricsRegistry, () => database.poolFigures());
  try {
    await prepareSchema(database, config.process.startupWriter, logger);
  } catch (error) {
    await database.close();
    throw error;
  }

  const deps: UseCaseDeps = {
    ...drizzleRepositories(database),
    unitOfWork: new DrizzleUnitOfWork(database),
    clock: systemClock,
    passwordHasher: await createArgon2PasswordHasher(),
    tokenIssuer: createJoseTokenIssuer({ signingKey: config.auth.jwtSigningKey, ttlSeconds: config.auth.jwtTtlSeconds }),
    random: cryptoRandom,
    economics: config.setup.economics,
    game: config.setup.game,
    probabilityPointsMax: config.api.probabilityPointsMax,
  };
  const snapshots = new DrizzleReadModelSnapshotRepository(database.db, database.scope);
  const readModels = globalReadModelsOn(snapshots, deps, config.process, logger);
  const idempotency = new DrizzleIdempotencyStore(database.db, database.scope);
  return { database, deps, snapshots, readModels, idempotency, probe: opsProbe(database, config), clock: systemClock };
}

/** What the follow-ups send to the job queue (a consuming runner, or a producer-only one). */
export type FollowUpJobs = Pick<JobRunner, 'requestReadModelRefresh' | 'enqueue'>;

/** JOB-3 follow-ups on adapters: stale marks in the snapshot table, the refresh and notification jobs on the queue. */
export function followUpEffects(snapshots: Pick<ReadModelSnapshotRepository, 'markStale'>, clock: Clock, jobs: FollowUpJobs): WriteFollowUpEffects {
  const attempt = (operation: string, send: () => Promise<unknown>) =>
    ResultAsync.fromPromise(send(), (error) => toInfrastructureError(error, operation)).map(() => undefined);
  return {
    markStale: (kinds) => snapshots.markStale(kinds, clock.now()),
    requestRefresh: () => attempt('jobs.requestReadModelRefresh', () => jobs.requestReadModelRefresh()),
    notifyMarketResolved: (marketId) => attempt('jobs.marketNotify', () => jobs.enqueue(QUEUES.marketNotify, { marketId })),
  };
}

/**
 * The use cases every driver runs (HTTP routes, CLI commands): the domain's, each write followed by what
 * WRITE_FOLLOW_UPS lists and audited as WRITE_AUDIT says (docs/api.md#audit-log). A failed follow-up logs
 * `write.follow_up_failed` and counts `write_follow_up_failures_total{use_case,step}`; the committed write still
 * answers with its result. A refusal whose audit row could not be stored logs `audit.append_failed` and counts
 * `audit_append_failures_total{use_case}`.
 */
export function composeUseCases(
  deps: UseCaseDeps,
  effects: WriteFollowUpEffects,
  logger: JobLogger,
  metricsRegistry = new Registry(),
): AuditedUseCases {
  const failures = new Counter({
    name: 'write_follow_up_failures_total',
    help: 'Follow-ups of committed writes (stale marks, refresh requests, notifications) that failed',
    labelNames: ['use_case', 'step'],
    registers: [metricsRegistry],
  });
  const auditFailures = new Counter({
    name: 'audit_append_failures_total',
    help: 'Audit rows of refused writes that could not be stored',
    labelNames: ['use_case'],
    registers: [metricsRegistry],
  });
  const followed = withWriteFollowUps(makeUseCases(deps), effects, ({ useCase, step, error }) => {
    failures.inc({ use_case: useCase, step });
    logger.warn({ event: 'write.follow_up_failed', useCase, step, err: error }, 'a follow-up of a committed write failed');
  });
  return withAudit(followed, deps, ({ useCase, error }) => {
    auditFailures.inc({ use_case: useCase });
    logger.error({ event: 'audit.append_failed', useCase, err: error }, 'the audit row of a refused write could not be stored');
  });
}

/** The global read models on a snapshot store; readers rebuild them only when no job consumer runs (docs/api.md#read-model-freshness). */
export function globalReadModelsOn(
  store: GlobalReadModelsDeps['store'],
  deps: UseCaseDeps,
  process: Pick<ProcessConfig, 'jobsEnabled' | 'readModelWorker'>,
  logger: Logger,
): GlobalReadModels {
  return createGlobalReadModels({
    store,
    builds: globalReadModelBuilds(deps),
    clock: deps.clock,
    logger,
    rebuildInline: !process.jobsEnabled && process.readModelWorker !== 'external',
  });
}

/** DB-4: wait for the database, then fail closed. */
async function connectWithRetries(config: AppConfig, logger: Logger, observer: DatabaseObserver): Promise<Database> {
  const { connectRetries, connectRetryDelayMs } = config.database;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const database = await openDatabase(config.database, observer);
      const session = await database.reserve();
      await session.query('SELECT 1').finally(() => session.release());
      logger.info({ event: 'db.connected', driver: database.driver }, 'database connected');
      logger.info(
        { event: 'db_pool.configured', driver: database.driver, max: database.driver === 'pglite' ? 1 : config.database.poolMax, tls: config.database.requireTls },
        'database pool configured',
      );
      return database;
    } catch (error) {
      if (attempt >= connectRetries) throw new StartupError('db.connect_failed', 'the database did not answer', { cause: error });
      logger.warn({ event: 'db.connect_retry', attempt: attempt + 1, err: error }, 'database not reachable yet; retrying');
      await new Promise((resolve) => setTimeout(resolve, connectRetryDelayMs));
    }
  }
}

/** DB-3: the writer migrates under the advisory lock; everyone else only checks that the schema is current. */
async function prepareSchema(database: Database, writer: boolean, logger: Logger): Promise<void> {
  if (writer) {
    const report = await migrate(database);
    if (report.isErr()) throw new StartupError('startup.migration_failed', 'applying the migrations failed', { cause: report.error });
    logger.info({ event: 'migrations.applied', applied: report.value.applied, total: report.value.total }, 'migrations applied');
    return;
  }
  const verified = await verifyMigrations(database);
  if (verified.isErr()) {
    throw new StartupError('startup.incompatibility', `the database schema is not the one this build expects: ${verified.error.message}`, {
      cause: verified.error,
    });
  }
}

function opsProbe(database: Database, config: AppConfig): OpsProbe {
  // postgres.js exposes no pool statistics: the figures are the adapters' own count (MON-1). Connections are known to
  // be open while in use; closures for idleness or lifetime cannot be observed and are reported as 0.
  const max = database.driver === 'pglite' ? 1 : config.database.poolMax;
  return {
    database: database.driver,
    ping: async () => {
      const session = await database.reserve();
      try {
        await session.query('SELECT 1');
      } finally {
        await session.release();
      }
    },
    poolStats: () => {
      const pool = database.poolFigures();
      return {
        maxOpenConnections: max,
        openConnections: pool.inUse,
        inUseConnections: pool.inUse,
        idleConnections: pool.idle,
        waitCount: pool.waits,
        waitDurationNanoseconds: 0,
        maxIdleClosedConnections: 0,
        maxLifetimeClosedConnections: 0,
      };
    },
    jobs: () => ({ enabled: false, queued: 0, failed: 0, deadLettered: 0 }),
  };
}
