// The wiring shared by both apps (the API's boot, the CLI's commands): database (with retries), migrations or their
// verification, the real adapters behind every port, and the use cases (DEP-1 order up to, not including, listening).
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import type { AppConfig, ProcessConfig } from '@socialpredict/config';
import type { Clock, UseCaseDeps } from '@socialpredict/domain';
import { createGlobalReadModels, globalReadModelBuilds, sqlReadModelStore, type GlobalReadModels, type GlobalReadModelsDeps } from '@socialpredict/jobs';
import {
  DrizzleUnitOfWork,
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
import { buildUseCases, type AppUseCases } from './use-cases.ts';

export interface Runtime {
  database: Database;
  deps: UseCaseDeps;
  useCases: AppUseCases;
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
  const readModels = globalReadModelsOn(sqlReadModelStore(database), deps, config.process, logger);
  return { database, deps, useCases: buildUseCases(deps, readModels), probe: opsProbe(database, config), clock: systemClock };
}

/** The global read models on a snapshot store; readers rebuild them only when no job consumer runs (§1.7). */
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
