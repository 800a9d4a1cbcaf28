// The bridge to the API package: the CLI drives the same ports and use cases as the HTTP process, built by the same
// composition code (database with retries, migrate or verify, real adapters), and `serve` starts the API's own
// boot sequence. This is the only module that imports @socialpredict/api, and it is loaded on demand, so commands
// that only need the database (migrate, backup) never load the HTTP stack. Tests hand commands a fake bridge.
import type { ResultAsync } from 'neverthrow';
import type { AppConfig } from '@socialpredict/config';
import type { UseCaseDeps } from '@socialpredict/domain';
import { createJobProcess, NO_JOB_METRICS, type JobLogger } from '@socialpredict/jobs';
import { lazyJobProducer, operatorRuntime, type AppRuntime } from './operator-runtime.ts';

export type { AppRuntime } from './operator-runtime.ts';

/** pino, as the API configures it (LOG-1, LOG-4 redaction). */
export interface CliLogger extends JobLogger {
  fatal(fields: Record<string, unknown>, message: string): void;
}

export interface ApiProcess {
  /** DEP-2 shutdown; resolves with the exit code. */
  shutdown(): Promise<number>;
}

export interface ApiBridge {
  createLogger(config: AppConfig, stream: NodeJS.WritableStream): CliLogger;
  openRuntime(config: AppConfig, logger: CliLogger): Promise<AppRuntime>;
  seedStartupData(runtime: AppRuntime, config: AppConfig, logger: CliLogger): Promise<void>;
  seedDevFixtures(deps: UseCaseDeps): ResultAsync<Record<string, string>, { message: string }>;
  devPassword: string;
  /** The API's boot after configuration (DEP-1): resolves once it listens and readiness is open. */
  startApi(config: AppConfig, logger: CliLogger): Promise<ApiProcess>;
}

export async function loadApiBridge(): Promise<ApiBridge> {
  const api = await import('@socialpredict/api');
  type PinoLogger = ReturnType<typeof api.createLogger>;
  // The loggers handed back in were made by `createLogger` here; the casts only restore their pino type.
  return {
    createLogger: (config, stream) => api.createLogger(config.logLevel, stream),
    openRuntime: async (config, logger) => {
      const runtime = await api.openRuntime(config, logger as PinoLogger);
      // Producer only: the consuming workers run in the API process or `pnpm cli worker` (JOB-2).
      const startProducer = async () => {
        const runner = createJobProcess({
          database: runtime.database,
          reporting: runtime.deps,
          clock: runtime.clock,
          logger,
          metrics: NO_JOB_METRICS,
          settings: config.database,
          consume: false,
        });
        await runner.start();
        return runner;
      };
      const jobs = lazyJobProducer(startProducer, config.server.shutdownTimeoutSeconds * 1000);
      return operatorRuntime(runtime, jobs, api, logger);
    },
    seedStartupData: (runtime, config, logger) => api.seedStartupData(runtime, config, logger as PinoLogger),
    seedDevFixtures: (deps) => api.seedDevFixtures(deps),
    devPassword: api.DEV_PASSWORD,
    startApi: (config, logger) => api.startApi(config, logger as PinoLogger),
  };
}
