// `pnpm seed:dev`: the development fixtures of CFG-7 on the database the server would use. Refused outside the
// development and test profiles; on PGlite run it while the server is stopped (one process may open the files).
import { formatConfigIssues, loadConfig } from '@socialpredict/config';
import { openRuntime } from './composition.ts';
import { createLogger } from './logger.ts';
import { DEV_PASSWORD, seedDevFixtures } from './startup-seed.ts';

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(`${formatConfigIssues(loaded.issues)}\n`);
  process.exit(78);
}
const config = loaded.config;
if (config.appEnv !== 'development' && config.appEnv !== 'test') {
  process.stderr.write(`seed:dev refuses to run with APP_ENV=${config.appEnv}; it is for development and test only.\n`);
  process.exit(78);
}

const logger = createLogger(config.logLevel);
const runtime = await openRuntime(config, logger);
try {
  const seeded = await seedDevFixtures(runtime.deps);
  if (seeded.isErr()) throw new Error(seeded.error.message, { cause: seeded.error });
  logger.info({ event: 'seed.done', accounts: seeded.value }, 'development fixtures ready');
  process.stdout.write(`Seeded ${Object.keys(seeded.value).join(', ')} with the password "${DEV_PASSWORD}".\n`);
} finally {
  await runtime.database.close();
}
