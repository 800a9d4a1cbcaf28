// The API's boot after configuration, run by the CLI's `serve` (`pnpm start`): DEP-1 order —
// database → migrate or verify → seed → start jobs → listen → ready — and the DEP-2 shutdown as one call.
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import type { AppConfig } from '@socialpredict/config';
import type { JobRunner } from '@socialpredict/jobs';
import {
  composeUseCases,
  followUpEffects,
  openRuntime,
  seedStartupData,
  startBackgroundJobs,
  withSnapshotReaders,
  type AppUseCases,
  type Runtime,
  type SigningKeySource,
} from '@socialpredict/runtime';
import { createAuthenticator } from './authenticator.ts';
import { createLifecycle } from './lifecycle.ts';
import { createServer, listen, type RunningServer } from './server.ts';
import { runShutdown } from './shutdown.ts';

const VERSION = '0.1.0';

export interface ApiProcess {
  /** ERR-6: `/health` reports the process as not live from now on. */
  markFatal(): void;
  /** DEP-2: readiness closes, in-flight requests drain, the jobs stop, the pool closes; resolves with the exit code. */
  shutdown(): Promise<number>;
}

function logConfiguration(config: AppConfig, logger: Logger): void {
  logger.info(
    {
      event: 'startup.config_loaded',
      appEnv: config.appEnv,
      database: config.database.url === undefined ? 'pglite' : 'postgres',
      startupWriter: config.process.startupWriter,
      setupFile: config.setupFile,
      gameMode: config.setup.game.mode,
    },
    'configuration loaded',
  );
}

function logSigningKey(source: SigningKeySource, logger: Logger): void {
  if (source.kind === 'process') {
    logger.warn({ event: 'startup.ephemeral_jwt_key' }, 'JWT_SIGNING_KEY is not set: using a random key, tokens end with this process');
  } else if (source.kind === 'data-directory') {
    logger.info(
      { event: 'startup.kept_jwt_key', path: source.path, created: source.created },
      'JWT_SIGNING_KEY is not set: using the development key kept in the data directory',
    );
  }
}

/**
 * Loads the most recently traded markets' histories before readiness opens (docs/performance.md#history-warm-up). A
 * failure is logged and the boot goes on: the cache fills on demand as it would without the warm-up.
 */
async function warmMarketHistories(useCases: Pick<AppUseCases, 'warmMarketHistories'>, config: AppConfig, logger: Logger): Promise<void> {
  if (config.api.historyWarmUpRows === 0) return;
  const started = performance.now();
  const warmed = await useCases.warmMarketHistories({ maxRows: config.api.historyWarmUpRows });
  const ms = Math.round(performance.now() - started);
  if (warmed.isOk()) {
    logger.info({ event: 'startup.histories_warmed', markets: warmed.value.markets, rows: warmed.value.rows, duration_ms: ms }, 'market histories loaded');
  } else {
    logger.warn({ event: 'startup.history_warm_up_failed', err: warmed.error, duration_ms: ms }, 'market histories not loaded ahead; they load on first read');
  }
}

/**
 * Resolves once the server listens and readiness is open; a failed boot closes what it opened and rethrows.
 * `holder` names this process to others that the embedded database's lock refuses.
 */
export async function startApi(config: AppConfig, logger: Logger, holder?: string): Promise<ApiProcess> {
  logConfiguration(config, logger);
  const lifecycle = createLifecycle();
  const jobsStopTimeoutMs = config.server.shutdownTimeoutSeconds * 1000;
  let runtime: Runtime | undefined;
  let jobs: JobRunner | undefined;
  let running: RunningServer;
  try {
    const metricsRegistry = new Registry();
    runtime = await openRuntime(config, logger, metricsRegistry, holder);
    logSigningKey(runtime.signingKey, logger);
    await seedStartupData(runtime, config, logger);
    const runner = await startBackgroundJobs(runtime, config, metricsRegistry, logger);
    jobs = runner;
    const useCases = withSnapshotReaders(
      composeUseCases(runtime.deps, followUpEffects(runtime.snapshots, runtime.clock, runner), logger, metricsRegistry),
      runtime.readModels,
    );
    await warmMarketHistories(useCases, config, logger);
    const server = await createServer(
      {
        config,
        lifecycle,
        probe: { ...runtime.probe, jobs: () => runner.status() },
        authenticator: createAuthenticator(useCases.authenticate, useCases.getReportingVisibility),
        useCases,
        idempotency: runtime.idempotency,
        clock: runtime.clock,
        version: VERSION,
        metricsRegistry,
      },
      logger,
    );
    running = await listen(server, { config, lifecycle });
  } catch (error) {
    await jobs?.stop(jobsStopTimeoutMs).catch(() => undefined);
    await runtime?.database.close().catch(() => undefined);
    throw error;
  }

  const opened = runtime;
  return {
    markFatal: () => lifecycle.markFatal(),
    shutdown: async () => {
      logger.info({ event: 'shutdown.begin' }, 'shutting down');
      const exitCode = await runShutdown(
        {
          closeHttp: () => running.shutdown(),
          stopJobs: async (timeoutMs) => jobs?.stop(timeoutMs),
          closePool: () => opened.database.close(),
        },
        { ...config.server, jobsStopTimeoutMs },
        logger,
      );
      logger.info({ event: 'shutdown.done', exitCode }, 'stopped');
      return exitCode;
    },
  };
}
