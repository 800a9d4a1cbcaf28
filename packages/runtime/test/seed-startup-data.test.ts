// DB-4 start-up seeding on in-memory ports: what the writer creates, what a non-writer leaves alone, and which
// failures count as configuration problems (CFG-2, exit 78 in `serve`).
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConfigIssues, loadConfig, type AppConfig, type Env } from '@socialpredict/config';
import { DEFAULT_ECONOMICS, STANDARD_GAME } from '@socialpredict/domain';
import { createMemoryPorts } from '@socialpredict/persistence/memory';
import { createLogger } from '../src/logger.ts';
import { keptSigningKey, SIGNING_KEY_FILE } from '../src/data-directory.ts';
import { isSeedConfigurationProblem, seedStartupData } from '../src/seed-startup-data.ts';
import { StartupError } from '../src/composition.ts';

const silent = createLogger('silent');

function config(env: Env): AppConfig {
  const loaded = loadConfig({ APP_ENV: 'test', PGLITE_DATA_DIR: 'memory://', ...env });
  if (!loaded.ok) throw new Error(formatConfigIssues(loaded.issues));
  return loaded.config;
}

function memoryRuntime() {
  const ports = createMemoryPorts();
  return { ports, runtime: { deps: { ...ports, economics: DEFAULT_ECONOMICS, game: STANDARD_GAME, probabilityPointsMax: 100 } } };
}

describe('seedStartupData', () => {
  it('creates the admin from ADMIN_PASSWORD once, with a forced password change', async () => {
    const { ports, runtime } = memoryRuntime();
    await seedStartupData(runtime, config({ ADMIN_PASSWORD: 'Admin1Password' }), silent);
    await seedStartupData(runtime, config({ ADMIN_PASSWORD: 'Other2Password' }), silent);
    const admin = (await ports.users.findByUsername('admin'))._unsafeUnwrap();
    expect(admin).toMatchObject({ role: 'ADMIN', mustChangePassword: true, passwordHash: 'fake$p1$Admin1Password' });
  });

  it('frames a generated password and keeps it in an embedded data directory, owner-only; a given one is never shown', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'sp-seed-'));
    try {
      const notices: string[] = [];
      const { ports, runtime } = memoryRuntime();
      await seedStartupData(runtime, config({ PGLITE_DATA_DIR: directory }), silent, (notice) => notices.push(notice));
      const file = join(directory, 'initial-admin-password');
      const password = (await readFile(file, 'utf8')).trim();
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await ports.users.findByUsername('admin'))._unsafeUnwrap()?.passwordHash).toBe(`fake$p1$${password}`);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(new RegExp(`^\\n(=+)\\n[^]*\\n {6}${password}\\n[^]*It is also in ${file} [^]*\\n\\1\\n\\n$`));

      const given = memoryRuntime();
      await seedStartupData(given.runtime, config({ ADMIN_PASSWORD: 'Admin1Password' }), silent, (notice) => notices.push(notice));
      expect(notices).toHaveLength(1);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('keeps one generated signing key per data directory, owner-only', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'sp-key-'));
    try {
      const first = await keptSigningKey(directory);
      const again = await keptSigningKey(directory);
      expect([first.created, again.created, again.key]).toEqual([true, false, first.key]);
      expect(first.key.length).toBeGreaterThanOrEqual(43);
      expect((await stat(join(directory, SIGNING_KEY_FILE))).mode & 0o777).toBe(0o600);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('leaves seeding to the writer', async () => {
    const { ports, runtime } = memoryRuntime();
    await seedStartupData(runtime, config({ ADMIN_PASSWORD: 'Admin1Password', STARTUP_WRITER: 'false' }), silent);
    expect((await ports.users.findByUsername('admin'))._unsafeUnwrap()).toBeNull();
  });

  it('reports a password against the policy as a configuration problem', async () => {
    const { runtime } = memoryRuntime();
    const failure = await seedStartupData(runtime, config({ ADMIN_PASSWORD: 'short' }), silent).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StartupError);
    expect((failure as Error).message).toContain('ADMIN_PASSWORD breaks the password policy');
    expect(isSeedConfigurationProblem(failure)).toBe(true);
  });

  it('does not count other start-up failures as configuration problems', () => {
    expect(isSeedConfigurationProblem(new StartupError('db.connect_failed', 'the database did not answer'))).toBe(false);
    expect(isSeedConfigurationProblem(new Error('seed.failed'))).toBe(false);
  });
});
