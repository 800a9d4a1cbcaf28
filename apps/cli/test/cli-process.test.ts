// CFG-6, CFG-2, DB-3, DEP-5 end to end: the CLI spawned as a process. Usage and configuration errors, the migration
// commands on an empty database, and a backup restored into another database.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '@socialpredict/persistence';
import { EXIT } from '../src/command.ts';
import { runCliProcess } from './support/cli-process.ts';
import { createEmptyDatabase, createTestDatabase, itOnFullServer, type TestDatabase } from './support/postgres.harness.ts';

/** Why the embedded test server cannot host the backup tests. */
const PG_DUMP = 'pg_dump and pg_restore, which the embedded server cannot serve';

const journalTags = (
  JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }
).entries.map((entry) => entry.tag);

describe('the CLI process', () => {
  it('prints the usage with every command and exits 0 on --help', async () => {
    const run = await runCliProcess(['--help']);
    expect(run.code).toBe(EXIT.ok);
    for (const command of ['serve', 'worker', 'migrate', 'verify-migrations', 'seed', 'seed-dev', 'integrity-check', 'create-user', 'reset-password', 'set-role', 'list-users', 'grant-credits', 'resolve-market', 'backup', 'restore']) {
      expect(run.stdout).toContain(`  ${command} `);
    }
  });

  it('prints the options of one command on <command> --help', async () => {
    const run = await runCliProcess(['grant-credits', '--help']);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toContain('Usage: pnpm cli grant-credits --username <name> --amount <credits>');
  });

  it('refuses an unknown command or option with the usage and exit 64', async () => {
    const unknown = await runCliProcess(['frobnicate']);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    expect(unknown.stderr).toContain('Usage: pnpm cli <command>');
    const option = await runCliProcess(['migrate', '--force']);
    expect(option.code).toBe(EXIT.usage);
    expect(option.stderr).toContain("Unknown option '--force'");
  });

  it('exits 78 naming every bad key, without echoing secrets, before doing anything', async () => {
    const run = await runCliProcess(['migrate'], {
      BACKEND_PORT: 'eighty',
      DB_POOL_MAX: '0',
      APP_ENV: 'production',
      JWT_SIGNING_KEY: 'short-secret-value',
      DATABASE_URL: 'postgres://app:hunter2@127.0.0.1:1/none',
    });
    expect(run.code).toBe(EXIT.config);
    for (const key of ['BACKEND_PORT', 'DB_POOL_MAX', 'JWT_SIGNING_KEY', 'CORS_ALLOW_ORIGINS']) expect(run.stderr).toContain(key);
    expect(run.stderr).not.toContain('short-secret-value');
    expect(run.stderr).not.toContain('hunter2');
  });

  it('names a missing required option with exit 64', async () => {
    const run = await runCliProcess(['backup']);
    expect(run.code).toBe(EXIT.usage);
    expect(run.stderr).toContain('--file is required');
  });

  it('refuses a one-shot command on memory://, whose changes would end with it', async () => {
    const run = await runCliProcess(['create-user', '--username', 'bob'], { PGLITE_DATA_DIR: 'memory://' });
    expect(run.code).toBe(EXIT.failure);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('create-user needs a database that outlives it: PGLITE_DATA_DIR=memory:// is private to this process');
  });

  it('refuses backup on embedded PGlite with an explanation', async () => {
    const run = await runCliProcess(['backup', '--file', '/tmp/never-written.dump'], { PGLITE_DATA_DIR: 'memory://' });
    expect(run.code).toBe(EXIT.failure);
    expect(run.stderr).toContain('backup needs PostgreSQL (DATABASE_URL)');
  });
});

describe('the CLI process on PostgreSQL', () => {
  let empty: TestDatabase;
  let seeded: TestDatabase;
  let restoreTarget: TestDatabase;
  let folder: string;

  beforeAll(async () => {
    [empty, seeded, restoreTarget] = await Promise.all([createEmptyDatabase(), createTestDatabase(), createEmptyDatabase()]);
    folder = await mkdtemp(join(tmpdir(), 'sp-cli-'));
  });

  afterAll(async () => {
    await Promise.all([empty.drop(), seeded.drop(), restoreTarget.drop()]);
    await rm(folder, { recursive: true, force: true });
  });

  it('verify-migrations fails on an empty database; migrate applies everything once; then both succeed', async () => {
    const env = { DATABASE_URL: empty.url };
    const before = await runCliProcess(['verify-migrations'], env);
    expect(before.code).toBe(EXIT.failure);
    expect(before.stderr).toContain(`verify-migrations failed: the database schema does not match this build (not applied: ${journalTags.join(', ')})`);

    const first = await runCliProcess(['migrate'], env);
    expect(first.code).toBe(EXIT.ok);
    expect(first.stdout).toContain(`Applied ${journalTags.length} of ${journalTags.length} migration(s): ${journalTags.join(', ')}.`);
    const second = await runCliProcess(['migrate'], env);
    expect(second.stdout).toContain('Database schema is up to date');
    expect((await runCliProcess(['verify-migrations'], env)).code).toBe(EXIT.ok);
  });

  it('migrate fails with a message when the database is unreachable', async () => {
    const run = await runCliProcess(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere', DB_CONNECT_TIMEOUT_SECONDS: '2' });
    expect(run.code).toBe(EXIT.failure);
    expect(run.stderr).toMatch(/^migrate failed: /m);
  });

  itOnFullServer('backs up a database and restores it into an empty one; refuses a non-empty target without --clean', PG_DUMP, async () => {
    const file = join(folder, 'seeded.dump');
    const backup = await runCliProcess(['backup', '--file', file], { DATABASE_URL: seeded.url });
    expect(backup.code).toBe(EXIT.ok);
    expect(backup.stdout).toMatch(/^Backup written to .*seeded\.dump \(\d+ bytes/m);

    // Not a terminal: plain progress lines on stderr, one per tenth of the tables, ending with all of them.
    expect(backup.stderr).toMatch(/^Backing up tables: 0\/(\d+) \(0 %, \d+ s\)\n(.*\n)*Backing up tables: \1\/\1 \(100 %/);
    const restore = await runCliProcess(['restore', '--file', file], { DATABASE_URL: restoreTarget.url });
    expect(restore.stderr.trim().split('\n').filter((line) => !line.startsWith('Restoring tables: '))).toEqual([]);
    expect(restore.stderr).toMatch(/Restoring tables: (\d+)\/\1 \(100 %/);
    expect(restore.code).toBe(EXIT.ok);
    expect((await runCliProcess(['verify-migrations'], { DATABASE_URL: restoreTarget.url })).code).toBe(EXIT.ok);

    const again = await runCliProcess(['restore', '--file', file], { DATABASE_URL: restoreTarget.url });
    expect(again.code).toBe(EXIT.failure);
    expect(again.stderr).toContain('pass --clean to replace its contents');
    expect((await runCliProcess(['restore', '--file', file, '--clean'], { DATABASE_URL: restoreTarget.url })).code).toBe(EXIT.ok);

    const missing = await runCliProcess(['restore', '--file', join(folder, 'absent.dump')], { DATABASE_URL: restoreTarget.url });
    expect(missing.code).toBe(EXIT.failure);
    expect(missing.stderr).toContain('does not exist');
  });

  itOnFullServer('backup fails naming a database that does not exist', PG_DUMP, async () => {
    const run = await runCliProcess(['backup', '--file', join(folder, 'x.dump')], {
      DATABASE_URL: new URL('/sp_test_does_not_exist', empty.url).toString(),
    });
    expect(run.code).toBe(EXIT.failure);
    expect(run.stderr).toContain('database "sp_test_does_not_exist" does not exist');
  });

  it('backup fails with pg_dump’s error when the file cannot be written', async () => {
    const run = await runCliProcess(['backup', '--file', join(folder, 'absent', 'x.dump')], { DATABASE_URL: empty.url });
    expect(run.code).toBe(EXIT.failure);
    expect(run.stderr).toMatch(/pg_dump exited with 1: pg_dump: error: could not open output file .*absent/);
  });
});
