// DB-3: migrations applied by one writer under the advisory lock; a concurrent writer waits and finds nothing to do;
// non-writers see exactly which journal entries are missing or were edited.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/drizzle/database.factory.ts';
import { migrate, MIGRATION_LOCK_KEY, migrationStatus, MIGRATIONS_FOLDER, verifyMigrations } from '../src/drizzle/migrations.migrator.ts';
import { testDatabaseSettings } from './support/database.settings.ts';
import { createEmptyDatabase, itOnFullServer, type TestDatabase } from './support/postgres.harness.ts';

const journalTags = (
  JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }
).entries.map((entry) => entry.tag);

const run = promisify(execFile);
const CHILD = new URL('./support/migrate.child.ts', import.meta.url).pathname;

describe('migrations on PGlite', () => {
  it('applies every journal entry once; a second run is a no-op', async () => {
    const database = await openDatabase(testDatabaseSettings(undefined));
    try {
      expect((await migrationStatus(database))._unsafeUnwrap()).toEqual({ missing: journalTags, changed: [] });
      expect((await verifyMigrations(database))._unsafeUnwrapErr()).toMatchObject({ code: 'MIGRATIONS_INCOMPATIBLE', missing: journalTags });
      expect((await migrate(database))._unsafeUnwrap()).toEqual({ applied: journalTags, total: journalTags.length });
      expect((await migrate(database))._unsafeUnwrap()).toEqual({ applied: [], total: journalTags.length });
      expect((await verifyMigrations(database))._unsafeUnwrap()).toEqual({ missing: [], changed: [] });
    } finally {
      await database.close();
    }
  });
});

describe('migrations on PostgreSQL', () => {
  let target: TestDatabase | undefined;
  afterEach(async () => {
    await target?.drop();
    target = undefined;
  });

  itOnFullServer('two writer processes started together on an empty database: one applies everything, the other waits, one applied set', 'two sessions contending for the advisory lock (the embedded server has one session)', async () => {
    target = await createEmptyDatabase();
    const url = target.url;
    const outputs = await Promise.all(
      [0, 1].map(() => run(process.execPath, ['--conditions=source', CHILD, url], { cwd: process.cwd() })),
    );
    const reports = outputs.map(({ stdout }) => JSON.parse(stdout) as { applied: string[] });
    expect(reports.map((report) => report.applied).sort()).toEqual([[], journalTags]);

    const database = await target.open();
    const session = await database.reserve();
    try {
      const rows = await session.query('SELECT hash FROM drizzle.__drizzle_migrations');
      expect(rows).toHaveLength(journalTags.length);
    } finally {
      await session.release();
    }
    expect((await verifyMigrations(database))._unsafeUnwrap()).toEqual({ missing: [], changed: [] });
  });

  itOnFullServer('a writer blocks on the advisory lock while another session holds it', 'two sessions contending for the advisory lock (the embedded server has one session)', async () => {
    target = await createEmptyDatabase();
    const holder = await (await target.open()).reserve();
    const waiter = await target.open();
    await holder.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    let finished = false;
    const running = migrate(waiter).map((report) => {
      finished = true;
      return report;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(finished).toBe(false);
    await holder.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    await holder.release();
    expect((await running)._unsafeUnwrap().applied).toEqual(journalTags);
  });

  it('a non-writer refuses a stale schema and a migration edited after it was applied', async () => {
    target = await createEmptyDatabase();
    const database = await target.open();
    expect((await verifyMigrations(database))._unsafeUnwrapErr()).toMatchObject({ missing: journalTags, changed: [] });
    (await migrate(database))._unsafeUnwrap();
    const session = await database.reserve();
    try {
      await session.query('UPDATE drizzle.__drizzle_migrations SET hash = $1 WHERE id = 1', ['edited']);
    } finally {
      await session.release();
    }
    expect((await verifyMigrations(database))._unsafeUnwrapErr()).toMatchObject({
      code: 'MIGRATIONS_INCOMPATIBLE',
      missing: [],
      changed: journalTags.slice(0, 1),
    });
  });
});
