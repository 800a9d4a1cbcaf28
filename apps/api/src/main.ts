// `pnpm start`: the composition root. Boot order of DEP-1 — config → database → migrate or verify → seed → listen →
// ready — and the shutdown of DEP-2. The only module besides tests and seed-dev.ts that reads the environment.
import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import { formatConfigIssues, loadConfig, type AppConfig } from '@socialpredict/config';
import { generatePassword } from '@socialpredict/domain';
import { createAuthenticator } from './authenticator.ts';
import { openRuntime, StartupError, type Runtime } from './composition.ts';
import { createLifecycle } from './lifecycle.ts';
import { createLogger } from './logger.ts';
import { createServer, listen, type RunningServer } from './server.ts';
import { seedAdmin, SeedPasswordRejected } from './startup-seed.ts';

/** EX_CONFIG: the process cannot start with this configuration (CFG-2). */
const EXIT_CONFIG = 78;
const VERSION = '0.1.0';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(`${formatConfigIssues(loaded.issues)}\n`);
  process.exit(EXIT_CONFIG);
}
const config = loaded.config;
const logger = createLogger(config.logLevel);

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
if (config.auth.jwtSigningKeyEphemeral) {
  logger.warn({ event: 'startup.ephemeral_jwt_key' }, 'JWT_SIGNING_KEY is not set: using a random key, tokens end with this process');
}

const lifecycle = createLifecycle();
let runtime: Runtime | undefined;
let running: RunningServer | undefined;
let stopping = false;

async function seed(runtime: Runtime, config: AppConfig, logger: Logger): Promise<void> {
  if (!config.process.startupWriter) return;
  const existing = await runtime.deps.users.findByUsername('admin');
  if (existing.isErr()) throw new StartupError('seed.failed', existing.error.message, { cause: existing.error });
  if (existing.value !== null) {
    logger.info({ event: 'seed.done', admin: 'present' }, 'seed checked');
    return;
  }
  let password = config.auth.adminPassword;
  if (password === undefined) {
    if (config.appEnv !== 'development' && config.appEnv !== 'test') {
      throw new StartupError('seed.failed', `ADMIN_PASSWORD is required in ${config.appEnv} to create the admin account`);
    }
    password = generatePassword({ int: (maxExclusive) => randomInt(maxExclusive) });
    // CFG-5: development only, written once and never logged.
    process.stderr.write(`\nGenerated password for the seeded "admin" account (shown once): ${password}\n\n`);
  }
  const seeded = await seedAdmin(runtime.deps, password);
  if (seeded.isErr()) throw new StartupError('seed.failed', seeded.error.message, { cause: seeded.error });
  logger.info({ event: 'seed.done', admin: seeded.value }, 'seed applied');
}

async function shutdown(exitCode: number): Promise<never> {
  logger.info({ event: 'shutdown.begin' }, 'shutting down');
  try {
    await running?.shutdown();
    await runtime?.database.close();
  } catch (error) {
    logger.error({ event: 'shutdown.error', err: error }, 'error during shutdown');
    exitCode = exitCode === 0 ? 1 : exitCode;
  }
  logger.info({ event: 'shutdown.done', exitCode }, 'stopped');
  process.exit(exitCode);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    // A second signal means "now".
    if (stopping) process.exit(1);
    stopping = true;
    void shutdown(0);
  });
}

const fatal = (kind: string) => (error: unknown) => {
  logger.fatal({ event: 'process.fatal', kind, err: error }, 'fatal error; shutting down');
  lifecycle.markFatal();
  if (stopping) return;
  stopping = true;
  void shutdown(1);
};
process.on('uncaughtException', fatal('uncaughtException'));
process.on('unhandledRejection', fatal('unhandledRejection'));

try {
  runtime = await openRuntime(config, logger);
  await seed(runtime, config, logger);
  const server = await createServer(
    {
      config,
      lifecycle,
      probe: runtime.probe,
      // Reporting visibility is editable only once Tier 2 CMS routes exist; until then both reports are public.
      authenticator: createAuthenticator(runtime.useCases.authenticate, async () => ({ systemMetricsPublic: true, globalLeaderboardPublic: true })),
      useCases: runtime.useCases,
      clock: runtime.clock,
      version: VERSION,
    },
    logger,
  );
  running = await listen(server, { config, lifecycle });
} catch (error) {
  const event = error instanceof StartupError ? error.event : 'startup.failed';
  logger.fatal({ event, err: error }, error instanceof Error ? error.message : 'startup failed');
  await runtime?.database.close().catch(() => undefined);
  process.exit(error instanceof SeedPasswordRejected || (error instanceof StartupError && error.event === 'seed.failed') ? EXIT_CONFIG : 1);
}
