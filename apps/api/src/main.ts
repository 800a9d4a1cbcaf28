// `pnpm start`: configuration, then the API's boot (start-api.ts), with the process-level signal and fatal-error
// handling of DEP-2 and ERR-6. The only module besides tests and seed-dev.ts that reads the environment.
import { formatConfigIssues, loadConfig } from '@socialpredict/config';
import { StartupError } from './composition.ts';
import { createLogger } from './logger.ts';
import { startApi, type ApiProcess } from './start-api.ts';
import { SeedPasswordRejected } from './startup-seed.ts';

/** EX_CONFIG: the process cannot start with this configuration (CFG-2). */
const EXIT_CONFIG = 78;

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(`${formatConfigIssues(loaded.issues)}\n`);
  process.exit(EXIT_CONFIG);
}
const config = loaded.config;
const logger = createLogger(config.logLevel);

let api: ApiProcess | undefined;
let stopping = false;

async function stop(exitCode: number): Promise<never> {
  const shutdownCode = (await api?.shutdown()) ?? 0;
  process.exit(exitCode === 0 ? shutdownCode : exitCode);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    // A second signal means "now".
    if (stopping) process.exit(1);
    stopping = true;
    void stop(0);
  });
}

const fatal = (kind: string) => (error: unknown) => {
  logger.fatal({ event: 'process.fatal', kind, err: error }, 'fatal error; shutting down');
  api?.markFatal();
  if (stopping) return;
  stopping = true;
  void stop(1);
};
process.on('uncaughtException', fatal('uncaughtException'));
process.on('unhandledRejection', fatal('unhandledRejection'));

try {
  api = await startApi(config, logger);
} catch (error) {
  const event = error instanceof StartupError ? error.event : 'startup.failed';
  logger.fatal({ event, err: error }, error instanceof Error ? error.message : 'startup failed');
  const configProblem = error instanceof SeedPasswordRejected || (error instanceof StartupError && error.event === 'seed.failed');
  process.exit(configProblem ? EXIT_CONFIG : 1);
}
