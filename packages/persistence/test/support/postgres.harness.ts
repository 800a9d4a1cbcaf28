// Per-file databases copied from the migrated template of the global setup (TST-3): a clone of the template database
// on PostgreSQL, or a PGlite loaded from the template dump behind a socket server of its own in embedded mode.
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { describe, inject, it, type TestFunction } from 'vitest';
import { openDatabase, type Database, type DatabaseSettings } from '../../src/drizzle/database.factory.ts';
import type { DatabaseObserver } from '../../src/drizzle/operation.monitor.ts';
import { databaseUrl, TEST_DATABASE_PREFIX, testDatabaseSettings } from './database.settings.ts';
import { startEmbeddedServer } from './embedded-postgres.ts';
// For its declarations of what vitest injects and of the skip reason.
import type {} from './test-database-server.ts';

/** The run's database: a PostgreSQL server, or the embedded PGlite (see postgres.global-setup.ts). */
const testDatabaseServer = inject('testDatabaseServer');

/** Why a test needing a real PostgreSQL server (`needs` says what for) cannot run in this run, if it cannot. */
function fullServerSkip(needs: string): string | undefined {
  return testDatabaseServer.mode === 'embedded' ? `needs a full PostgreSQL server: ${needs}` : undefined;
}

/** `describe` for a suite that needs a real PostgreSQL server: skipped on the embedded one, the reason in the summary. */
export function describeOnFullServer(name: string, needs: string, body: () => void): void {
  const skipReason = fullServerSkip(needs);
  describe.skipIf(skipReason !== undefined)(name, { meta: { skipReason } }, body);
}

/** `it` for a test that needs a real PostgreSQL server: skipped on the embedded one, the reason in the summary. */
export function itOnFullServer(name: string, needs: string, body: TestFunction): void {
  const skipReason = fullServerSkip(needs);
  it.skipIf(skipReason !== undefined)(name, { meta: { skipReason } }, body);
}

/** The PostgreSQL server's admin URL, for suites that run on a full server only. */
export function postgresAdminUrl(): string {
  if (testDatabaseServer.mode !== 'postgres') throw new Error('no PostgreSQL server in this run (embedded mode)');
  return testDatabaseServer.adminUrl;
}

export interface TestDatabase {
  name: string;
  url: string;
  /** A new pool on this database (close it yourself, or let `drop` force-close every connection). */
  open(overrides?: Partial<DatabaseSettings>, observer?: DatabaseObserver): Promise<Database>;
  drop(): Promise<void>;
}

/** An empty database (no schema at all), for the migration tests. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const server = testDatabaseServer;
  return server.mode === 'embedded' ? embeddedDatabase(server.emptyDump) : postgresDatabase(server.adminUrl, null);
}

/** A fresh copy of the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = testDatabaseServer;
  return server.mode === 'embedded' ? embeddedDatabase(server.templateDump) : postgresDatabase(server.adminUrl, server.template);
}

function withPools(name: string, url: string, dispose: () => Promise<void>): TestDatabase {
  const opened: Database[] = [];
  return {
    name,
    url,
    open: async (overrides, observer) => {
      const database = await openDatabase(testDatabaseSettings(url, overrides), observer);
      opened.push(database);
      return database;
    },
    drop: async () => {
      await Promise.all(opened.map((database) => database.close().catch(() => undefined)));
      await dispose();
    },
  };
}

async function withAdmin<T>(adminUrl: string, work: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

async function postgresDatabase(adminUrl: string, template: string | null): Promise<TestDatabase> {
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, async (admin) => {
    // Two files cloning the template at the same instant can see "source database is being accessed"; retry briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        await (template === null
          ? admin`CREATE DATABASE ${admin(name)}`
          : admin`CREATE DATABASE ${admin(name)} TEMPLATE ${admin(template)}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt === 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  });
  return withPools(name, databaseUrl(adminUrl, name), async () => {
    await withAdmin(adminUrl, (admin) => admin`DROP DATABASE IF EXISTS ${admin(name)} WITH (FORCE)`);
  });
}

/** Each dump is read once per worker; a Blob can be loaded any number of times. */
const dumps = new Map<string, Promise<Blob>>();

async function embeddedDatabase(dumpPath: string): Promise<TestDatabase> {
  let dump = dumps.get(dumpPath);
  if (dump === undefined) {
    dump = readFile(dumpPath).then((bytes) => new Blob([bytes]));
    dumps.set(dumpPath, dump);
  }
  const server = await startEmbeddedServer(await dump);
  return withPools('postgres', server.url, server.close);
}
