// DB-4: the startup writer's seeding after migrations succeeded, shared by the API's boot and the CLI's `seed`.
import type { Logger } from 'pino';
import type { AppConfig } from '@socialpredict/config';
import { cryptoRandom } from '@socialpredict/adapters';
import { generatePassword } from '@socialpredict/domain';
import { StartupError, type Runtime } from './composition.ts';
import { seedAdmin } from './startup-seed.ts';

/** The writer seeds the `admin` account once; a non-writer leaves seeding to the writer. */
export async function seedStartupData(runtime: Pick<Runtime, 'deps'>, config: AppConfig, logger: Logger): Promise<void> {
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
    password = generatePassword(cryptoRandom);
    // CFG-5: development only, written once and never logged.
    process.stderr.write(`\nGenerated password for the seeded "admin" account (shown once): ${password}\n\n`);
  }
  const seeded = await seedAdmin(runtime.deps, password);
  if (seeded.isErr()) throw new StartupError('seed.failed', seeded.error.message, { cause: seeded.error });
  logger.info({ event: 'seed.done', admin: seeded.value }, 'seed applied');
}

/** CFG-2: a seed the configuration cannot satisfy (ADMIN_PASSWORD missing or against the policy) ends with EX_CONFIG. */
export function isSeedConfigurationProblem(error: unknown): boolean {
  return error instanceof StartupError && error.event === 'seed.failed';
}
