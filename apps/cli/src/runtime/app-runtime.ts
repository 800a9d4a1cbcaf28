// The bridge to the shared composition root: the CLI drives the same ports and use cases as the HTTP process, built
// by @socialpredict/runtime (database with retries, migrate or verify, real adapters). The runtime package is loaded
// on demand, so commands that only need the database (migrate, backup) never load argon2 or the job runner. Tests
// hand commands a fake bridge.
import type { ResultAsync } from 'neverthrow';
import type { AppConfig } from '@socialpredict/config';
import type { UseCaseDeps } from '@socialpredict/domain';
import { createJobProcess, NO_JOB_METRICS, type JobLogger } from '@socialpredict/jobs';
import { lazyJobProducer, operatorRuntime, type AppRuntime } from './operator-runtime.ts';

export type { AppRuntime } from './operator-runtime.ts';

/** pino, as the runtime configures it (LOG-1, LOG-4 redaction). */
export interface CliLogger extends JobLogger {
  fatal(fields: Record<string, unknown>, message: string): void;
}

export interface RuntimeBridge {
  createLogger(config: AppConfig, stream: NodeJS.WritableStream): CliLogger;
  openRuntime(config: AppConfig, logger: CliLogger, holder: string): Promise<AppRuntime>;
  seedStartupData(runtime: AppRuntime, config: AppConfig, logger: CliLogger): Promise<void>;
  /** CFG-2: whether a start-up failure is the configuration's (a rejected or missing ADMIN_PASSWORD). */
  isSeedConfigurationProblem(error: unknown): boolean;
  seedDevFixtures(deps: UseCaseDeps): ResultAsync<Record<string, string>, { message: string }>;
  devPassword: string;
}

export async function loadRuntimeBridge(): Promise<RuntimeBridge> {
  const runtime = await import('@socialpredict/runtime');
  type PinoLogger = ReturnType<typeof runtime.createLogger>;
  // The loggers handed back in were made by `createLogger` here; the casts only restore their pino type.
  return {
    createLogger: (config, stream) => runtime.createLogger(config.logLevel, stream),
    openRuntime: async (config, logger, holder) => {
      const opened = await runtime.openRuntime(config, logger as PinoLogger, undefined, holder);
      // Producer only: the consuming workers run in the API process or `pnpm cli worker` (JOB-2).
      const startProducer = async () => {
        const runner = createJobProcess({
          database: opened.database,
          reporting: opened.deps,
          clock: opened.clock,
          logger,
          metrics: NO_JOB_METRICS,
          settings: config.database,
          consume: false,
        });
        await runner.start();
        return runner;
      };
      const jobs = lazyJobProducer(startProducer, config.server.shutdownTimeoutSeconds * 1000);
      return operatorRuntime(opened, jobs, runtime, logger);
    },
    seedStartupData: (opened, config, logger) => runtime.seedStartupData(opened, config, logger as PinoLogger),
    isSeedConfigurationProblem: runtime.isSeedConfigurationProblem,
    seedDevFixtures: (deps) => runtime.seedDevFixtures(deps),
    devPassword: runtime.DEV_PASSWORD,
  };
}
