// The wiring shared by both apps (the API's boot, the CLI's commands): database (with retries), migrations or their
// verification, the real adapters behind every port (DEP-1 order up to, not including, listening), and the one
// function that makes the use cases with their write follow-ups.
import { ResultAsync } from 'neverthrow';
import type { Logger } from 'pino';
import { Counter, Registry } from 'prom-client';
import type { AppConfig, ProcessConfig } from '@socialpredict/config';
import {
  makeUseCases,
  STALE_MARK_WINDOW_MS,
  withAudit,
  withWriteFollowUps,
  type AuditedUseCases,
  type Clock,
  type IdempotencyStore,
  type InfrastructureError,
  type ReadModelSnapshotRepository,
  type UseCaseDeps,
  type WriteFollowUpEffects,
} from '@socialpredict/domain';
import {
  createGlobalReadModels,
  globalReadModelBuilds,
  QUEUES,
  READ_MODEL_REFRESH_DEBOUNCE_SECONDS,
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
  DataDirectoryLocked,
  drizzleRepositories,
  migrate,
  openDatabase,
  tlsMismatch,
  verifyMigrations,
  type Database,
  type DatabaseObserver,
} from '@socialpredict/persistence';
import { createArgon2PasswordHasher, createJoseTokenIssuer, cryptoRandom, systemClock } from '@socialpredict/adapters';
import { createAccountCache } from './adapters/account-cache.adapter.ts';
import { createMarketHistoryCache } from './adapters/market-history-cache.adapter.ts';
import { createDatabaseObserver, registerPoolMetrics } from './adapters/database-observer.adapter.ts';
import { dataDirectoryOf, keptSigningKey } from './data-directory.ts';
import { debouncedRefreshRequests, REFRESH_MARGIN_MS, windowedStaleMarks } from './follow-up-coalescing.ts';
import type { OpsProbe } from './ops-probe.ts';

/** Where the JWT signing key came from: JWT_SIGNING_KEY, the data directory (CFG-5), or this process alone. */
export type SigningKeySource = { kind: 'configured' } | { kind: 'data-directory'; path: string; created: boolean } | { kind: 'process' };

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
  signingKey: SigningKeySource;
}

export class StartupError extends Error {
  readonly event: string;
  constructor(event: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
    this.event = event;
  }
}

/**
 * `metricsRegistry`: where the database series go (the /metrics registry of the API; a private one otherwise).
 * `holder`: how this process is named to others refused by the embedded database's lock (e.g. `pnpm start`).
 */
export async function openRuntime(config: AppConfig, logger: Logger, metricsRegistry = new Registry(), holder?: string): Promise<Runtime> {
  const database = await connectWithRetries(config, logger, createDatabaseObserver(logger, metricsRegistry), holder);
  registerPoolMetrics(metricsRegistry, () => database.poolFigures());
  let signing: { key: string; source: SigningKeySource };
  try {
    await prepareSchema(database, config.process.startupWriter, logger);
    signing = await signingKeyFor(config);
  } catch (error) {
    await database.close();
    throw error;
  }

  const deps: UseCaseDeps = {
    ...drizzleRepositories(database),
    unitOfWork: new DrizzleUnitOfWork(database),
    clock: systemClock,
    passwordHasher: await createArgon2PasswordHasher(),
    tokenIssuer: createJoseTokenIssuer({ signingKey: signing.key, ttlSeconds: config.auth.jwtTtlSeconds }),
    random: cryptoRandom,
    economics: config.setup.economics,
    game: config.setup.game,
    probabilityPointsMax: config.api.probabilityPointsMax,
    shareSiteName: config.api.shareSiteName,
    ...(config.auth.accountCacheTtlMs === 0 ? {} : { accountCache: createAccountCache({ ttlMs: config.auth.accountCacheTtlMs }) }),
    marketHistoryCache: createMarketHistoryCache(),
  };
  const snapshots = new DrizzleReadModelSnapshotRepository(database.db, database.scope);
  const readModels = globalReadModelsOn(snapshots, deps, config.process, logger);
  return { database, deps, snapshots, readModels, probe: opsProbe(database, config), clock: systemClock, signingKey: signing.source, idempotency: new DrizzleIdempotencyStore(database.db, database.scope) };
}

/**
 * CFG-5: without JWT_SIGNING_KEY (never in staging or production, CFG-3), an embedded database on disk keeps a
 * generated key beside its data, so a restart does not log everyone out; elsewhere the key dies with the process.
 * This process holds the directory's lock by now, so no other one creates the key at the same time.
 */
async function signingKeyFor(config: AppConfig): Promise<{ key: string; source: SigningKeySource }> {
  if (!config.auth.jwtSigningKeyEphemeral) return { key: config.auth.jwtSigningKey, source: { kind: 'configured' } };
  const directory = dataDirectoryOf(config.database);
  if (directory === undefined) return { key: config.auth.jwtSigningKey, source: { kind: 'process' } };
  const kept = await keptSigningKey(directory);
  return { key: kept.key, source: { kind: 'data-directory', path: kept.path, created: kept.created } };
}

/** What the follow-ups send to the job queue (a consuming runner, or a producer-only one). */
export type FollowUpJobs = Pick<JobRunner, 'requestReadModelRefresh' | 'enqueue'>;

/**
 * JOB-3 follow-ups on adapters: stale marks in the snapshot table, the refresh and notification jobs on the queue.
 * Concurrent writes share their refresh requests (docs/performance.md#follow-up-coalescing), and the writes of one
 * window share a stale mark (docs/performance.md#stale-mark-window).
 */
export function followUpEffects(snapshots: Pick<ReadModelSnapshotRepository, 'markStale'>, clock: Clock, jobs: FollowUpJobs): WriteFollowUpEffects {
  const attempt = <T>(operation: string, send: () => Promise<T>) => ResultAsync.fromPromise(send(), (error) => toInfrastructureError(error, operation));
  // One window per set of kinds: a write is covered only by a mark of at least the kinds it marks.
  const marks = new Map<string, () => ResultAsync<void, InfrastructureError>>();
  const now = () => clock.now();
  return {
    markStale: (kinds) => {
      const key = [...kinds].sort().join(',');
      let send = marks.get(key);
      if (send === undefined) {
        send = windowedStaleMarks((at) => snapshots.markStale(kinds, at), now, STALE_MARK_WINDOW_MS);
        marks.set(key, send);
      }
      return send();
    },
    requestRefresh: debouncedRefreshRequests(
      () => attempt('jobs.requestReadModelRefresh', () => jobs.requestReadModelRefresh()),
      now,
      READ_MODEL_REFRESH_DEBOUNCE_SECONDS,
      // Besides the usual margin, a job must start a whole mark window after the write, or its save keeps the mark
      // that stands for the write and the snapshot stays marked stale with nothing left to refresh it.
      REFRESH_MARGIN_MS + STALE_MARK_WINDOW_MS,
    ),
    notifyMarketResolved: (marketId) => attempt('jobs.marketNotify', () => jobs.enqueue(QUEUES.marketNotify, { marketId })).map(() => undefined),
  };
}

/**
 * The use cases every driver runs (HTTP routes, CLI commands): the domain's, each write followed by what
 * WRITE_FOLLOW_UPS lists and audited as WRITE_AUDIT says (docs/api.md#audit-log). A failed follow-up logs
 * `write.follow_up_failed` and counts `socialpredict_write_follow_up_failures_total{use_case,step}`; the committed
 * write still answers with its result. A refusal whose audit row could not be stored logs `audit.append_failed` and counts
 * `socialpredict_audit_append_failures_total{use_case}`.
 */
export function composeUseCases(
  deps: UseCaseDeps,
  effects: WriteFollowUpEffects,
  logger: JobLogger,
  metricsRegistry = new Registry(),
): AuditedUseCases {
  const failures = new Counter({
    name: 'socialpredict_write_follow_up_failures_total',
    help: 'Follow-ups of committed writes (stale marks, refresh requests, notifications) that failed',
    labelNames: ['use_case', 'step'],
    registers: [metricsRegistry],
  });
  const auditFailures = new Counter({
    name: 'socialpredict_audit_append_failures_total',
    help: 'Audit rows of refused writes that could not be stored',
    labelNames: ['use_case'],
    registers: [metricsRegistry],
  });
  // An account changed by a write is forgotten by this process's account cache (docs/security.md#account-cache).
  const { accountCache } = deps;
  const withCache: WriteFollowUpEffects = accountCache === undefined ? effects : { ...effects, forgetAccount: (username) => accountCache.forget(username) };
  const followed = withWriteFollowUps(makeUseCases(deps), withCache, ({ useCase, step, error }) => {
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

/** DB-4: wait for the database, then fail closed; a TLS mismatch fails at once, naming DB_REQUIRE_TLS. */
async function connectWithRetries(config: AppConfig, logger: Logger, observer: DatabaseObserver, holder: string | undefined): Promise<Database> {
  const { connectRetries, connectRetryDelayMs } = config.database;
  for (let attempt = 0; ; attempt += 1) {
    let database: Database | undefined;
    try {
      database = await openDatabase(config.database, observer, holder);
      const session = await database.reserve();
      await session.query('SELECT 1').finally(() => session.release());
      logger.info({ event: 'db.connected', driver: database.driver }, 'database connected');
      logger.info(
        { event: 'db_pool.configured', driver: database.driver, max: database.driver === 'pglite' ? 1 : config.database.poolMax, tls: config.database.requireTls },
        'database pool configured',
      );
      return database;
    } catch (error) {
      // An attempt that opened but did not answer is closed, so the next one starts clean (and PGlite's lock is free).
      await database?.close().catch(() => undefined);
      // A held embedded database is not a database still starting: its holder runs until someone stops it.
      if (error instanceof DataDirectoryLocked) throw error;
      const mismatch = await tlsMismatch(config.database, error);
      if (mismatch !== undefined) throw new StartupError('db.tls_mismatch', mismatch, { cause: error });
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
    ping: (signal) => database.readinessPing(signal),
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
