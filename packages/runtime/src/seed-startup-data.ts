// DB-4: the startup writer's seeding after migrations succeeded, shared by the API's boot and the CLI's `seed`.
import type { Logger } from 'pino';
import type { AppConfig } from '@socialpredict/config';
import { cryptoRandom } from '@socialpredict/adapters';
import { generatePassword } from '@socialpredict/domain';
import { StartupError, type Runtime } from './composition.ts';
import { dataDirectoryOf, writeAdminPassword } from './data-directory.ts';
import { seedAdmin } from './startup-seed.ts';

/**
 * The writer seeds the `admin` account once; a non-writer leaves seeding to the writer. `announce` receives the
 * notice of a generated password (stderr by default).
 */
export async function seedStartupData(
  runtime: Pick<Runtime, 'deps'>,
  config: AppConfig,
  logger: Logger,
  announce: (notice: string) => void = (notice) => void process.stderr.write(notice),
): Promise<void> {
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
  }
  const seeded = await seedAdmin(runtime.deps, password);
  if (seeded.isErr()) throw new StartupError('seed.failed', seeded.error.message, { cause: seeded.error });
  if (password !== config.auth.adminPassword) {
    // CFG-5: development and test only, shown once and never logged; kept beside an embedded database on disk too.
    const directory = dataDirectoryOf(config.database);
    announce(adminPasswordNotice(password, directory === undefined ? undefined : await writeAdminPassword(directory, password)));
  }
  logger.info({ event: 'seed.done', admin: seeded.value }, 'seed applied');
}

/** A framed block, so the one-time password stands out among the JSON log lines around it. */
export function adminPasswordNotice(password: string, file: string | undefined): string {
  const lines = [
    'The "admin" account was created with this generated password (shown once):',
    '',
    `    ${password}`,
    '',
    ...(file === undefined ? [] : [`It is also in ${file} (readable by you only).`]),
    'Log in as admin with it; the API then asks for a new password (POST /v0/changepassword)',
    'before anything else. See "First requests" in README.md.',
  ];
  const rule = '='.repeat(Math.max(...lines.map((line) => line.length)) + 4);
  return `\n${rule}\n${lines.map((line) => `  ${line}`).join('\n')}\n${rule}\n\n`;
}

/** CFG-2: a seed the configuration cannot satisfy (ADMIN_PASSWORD missing or against the policy) ends with EX_CONFIG. */
export function isSeedConfigurationProblem(error: unknown): boolean {
  return error instanceof StartupError && error.event === 'seed.failed';
}
