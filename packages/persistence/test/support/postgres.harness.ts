// Per-file PostgreSQL databases cloned from the migrated template of the global setup (TST-3).
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type Database, type DatabaseSettings } from '../../src/drizzle/database.factory.ts';
import type { DatabaseObserver } from '../../src/drizzle/operation.monitor.ts';
import { databaseUrl, TEST_DATABASE_PREFIX, testDatabaseSettings } from './database.settings.ts';

/** null when the run has no PostgreSQL server: suites that need one use `describe.skipIf(!postgresServer)`. */
export const postgresServer = inject('postgresServer');

export interface TestDatabase {
  name: string;
  url: string;
  /** A new pool on this database (close it yourself, or let `drop` force-close every connection). */
  open(overrides?: Partial<DatabaseSettings>, observer?: DatabaseObserver): Promise<Database>;
  drop(): Promise<void>;
}

function requireServer() {
  if (postgresServer === null) throw new Error('no PostgreSQL server in this run');
  return postgresServer;
}

async function withAdmin<T>(work: (admin: postgres.Sql) => Promise<T>): Promise<T> {
  const admin = postgres(requireServer().adminUrl, { max: 1, onnotice: () => undefined });
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** An empty database (no schema at all), for the migration tests. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  return createDatabase(null);
}

/** A fresh copy of the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  return createDatabase(requireServer().template);
}

async function createDatabase(template: string | null): Promise<TestDatabase> {
  const server = requireServer();
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  await withAdmin(async (admin) => {
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
  const url = databaseUrl(server.adminUrl, name);
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
      await withAdmin((admin) => admin`DROP DATABASE IF EXISTS ${admin(name)} WITH (FORCE)`);
    },
  };
}
