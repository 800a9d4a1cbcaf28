// DB-3: the writer applies the drizzle-kit migrations of /drizzle under a PostgreSQL advisory lock held on a reserved
// connection, one transaction per migration; a second writer blocks on the lock, then finds nothing left to do.
// Non-writers only verify that every journal entry is applied. The bookkeeping table is drizzle's own
// (drizzle.__drizzle_migrations, same columns and rule: a migration is pending when its journal timestamp is later than
// the newest applied one), so drizzle-kit and this migrator agree on what is applied.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import type { InfrastructureError } from '@socialpredict/domain';
import type { Database, DedicatedSession, SqlRunner } from './database.factory.ts';
import { dbOperation } from './drizzle-operation.ts';

/** The repository's /drizzle folder, the same relative path from src/drizzle and from dist/drizzle. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../../drizzle', import.meta.url));

/** Fixed advisory-lock key of the migration writer ("socialpr" in ASCII). */
export const MIGRATION_LOCK_KEY = '8317976341033807986';

export interface MigrationReport {
  /** Tags applied by this call, in order; empty when another writer (or an earlier run) already applied them. */
  applied: string[];
  /** Journal entries in the migrations folder. */
  total: number;
}

export interface MigrationStatus {
  /** Journal tags with no applied row. */
  missing: string[];
  /** Applied migrations whose file content changed since (a released migration must never be edited). */
  changed: string[];
}

interface AppliedRow extends Record<string, unknown> {
  hash: string;
  created_at: string | number;
}

interface JournalMigration extends MigrationMeta {
  tag: string;
}

function readJournal(folder: string): JournalMigration[] {
  const { entries } = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  // readMigrationFiles reads the same journal, in the same order, and adds each file's statements and hash.
  return readMigrationFiles({ migrationsFolder: folder }).map((migration, index) => ({
    ...migration,
    tag: entries[index]?.tag ?? String(migration.folderMillis),
  }));
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (
  id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`;

async function appliedRows(runner: SqlRunner): Promise<AppliedRow[]> {
  const [exists] = await runner.query<{ present: boolean }>(
    `SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`,
  );
  if (exists?.present !== true) return [];
  return runner.query<AppliedRow>('SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at');
}

async function applyPending(session: DedicatedSession, journal: JournalMigration[]): Promise<string[]> {
  await session.script('CREATE SCHEMA IF NOT EXISTS drizzle');
  await session.script(CREATE_TABLE);
  const applied = await appliedRows(session);
  const newest = applied.reduce((max, row) => Math.max(max, Number(row.created_at)), -Infinity);
  const done: string[] = [];
  for (const migration of journal) {
    if (migration.folderMillis <= newest) continue;
    await session
      .transaction(async (tx) => {
        for (const statement of migration.sql) if (statement.trim() !== '') await tx.script(statement);
        await tx.query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [
          migration.hash,
          migration.folderMillis,
        ]);
      })
      .catch((error: unknown) => {
        // Name the failing migration and keep the driver's code, so the SQLSTATE mapping still applies.
        const { code, message } = error as { code?: unknown; message?: unknown };
        throw Object.assign(new Error(`migration ${migration.tag} failed: ${String(message)}`), { code });
      });
    done.push(migration.tag);
  }
  return done;
}

async function migrateUnderLock(database: Database, journal: JournalMigration[]): Promise<MigrationReport> {
  const session = await database.reserve();
  try {
    // Waiting for another writer is expected: no lock or statement timeout on this session while it migrates.
    await session.script('SET lock_timeout = 0; SET statement_timeout = 0');
    await session.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      return { applied: await applyPending(session, journal), total: journal.length };
    } finally {
      await session.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await session.script('RESET lock_timeout; RESET statement_timeout').catch(() => undefined);
    await session.release();
  }
}

/**
 * The writer's step (`migrate`, STARTUP_WRITER=true): applies every pending migration. Concurrent writers, in other
 * processes or pools, are serialised by the advisory lock; the later ones find nothing left to apply.
 */
export function migrate(database: Database, folder = MIGRATIONS_FOLDER): ResultAsync<MigrationReport, InfrastructureError> {
  return dbOperation(database.scope, 'migrate', () => migrateUnderLock(database, readJournal(folder)));
}

/** Which journal entries are missing from the database or were edited after being applied. */
export function migrationStatus(database: Database, folder = MIGRATIONS_FOLDER): ResultAsync<MigrationStatus, InfrastructureError> {
  return dbOperation(database.scope, 'migrationStatus', async () => {
    const journal = readJournal(folder);
    const session = await database.reserve();
    try {
      const applied = new Map((await appliedRows(session)).map((row) => [Number(row.created_at), row.hash]));
      return {
        missing: journal.filter((m) => !applied.has(m.folderMillis)).map((m) => m.tag),
        changed: journal.filter((m) => applied.has(m.folderMillis) && applied.get(m.folderMillis) !== m.hash).map((m) => m.tag),
      };
    } finally {
      await session.release();
    }
  });
}

/** The schema does not match this build's migrations: a non-writer must refuse to start (startup.incompatibility). */
export interface MigrationsIncompatible extends MigrationStatus {
  readonly code: 'MIGRATIONS_INCOMPATIBLE';
  readonly message: string;
}

/** The non-writer's check (DB-3): Ok only when every journal entry is applied, unedited. */
export function verifyMigrations(
  database: Database,
  folder = MIGRATIONS_FOLDER,
): ResultAsync<MigrationStatus, MigrationsIncompatible | InfrastructureError> {
  return migrationStatus(database, folder).andThen((status) =>
    status.missing.length === 0 && status.changed.length === 0
      ? okAsync(status)
      : errAsync({
          code: 'MIGRATIONS_INCOMPATIBLE' as const,
          message: `missing migrations: [${status.missing.join(', ')}]; edited after being applied: [${status.changed.join(', ')}]`,
          ...status,
        }),
  );
}
