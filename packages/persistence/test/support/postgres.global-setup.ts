// vitest globalSetup of every project with database suites (TST-3): picks the run's database once and migrates a
// template on it, which each test file copies into a database of its own.
// 1. TEST_DATABASE_URL: that PostgreSQL server (CI's local one).
// 2. else a Testcontainers PostgreSQL when a Docker engine answers.
// 3. else, unless CI=true (where a missing PostgreSQL fails the run), the embedded server: PGlite behind its socket
//    server. PGlite has one database per instance, so the template is a dump of a migrated data directory and each
//    test file loads it into a PGlite of its own; suites that need a real server skip (see postgres.harness.ts).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { databaseUrl, TEST_DATABASE_PREFIX } from './database.settings.ts';
import { startEmbeddedServer, type EmbeddedServer } from './embedded-postgres.ts';
import type { TestDatabaseServer } from './test-database-server.ts';

async function dockerServer(): Promise<{ url: string; stop: () => Promise<void> } | null> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return null;
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:16-alpine').start();
  return { url: container.getConnectionUri(), stop: async () => void (await container.stop()) };
}

/**
 * Migrated by the migration writer in a process of its own, as `pnpm cli migrate` does (Node resolves the workspace
 * packages to their sources there).
 */
async function migrateIn(url: string): Promise<void> {
  const child = new URL('./migrate.child.ts', import.meta.url).pathname;
  await promisify(execFile)(process.execPath, ['--conditions=source', child, url]);
}

async function createTemplate(adminUrl: string): Promise<string> {
  const template = `${TEST_DATABASE_PREFIX}tpl_${randomBytes(4).toString('hex')}`;
  await onServer(adminUrl, (admin) => admin`CREATE DATABASE ${admin(template)}`);
  await migrateIn(databaseUrl(adminUrl, template));
  return template;
}

async function onServer(adminUrl: string, work: (admin: postgres.Sql) => Promise<unknown>): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

async function dumpTo(server: EmbeddedServer, path: string): Promise<string> {
  // Uncompressed: loading it is what every test file pays, and gzip would roughly double that.
  await writeFile(path, new Uint8Array(await (await server.pglite.dumpDataDir('none')).arrayBuffer()));
  return path;
}

async function embeddedDumps(): Promise<{ server: TestDatabaseServer; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sp-test-pglite-'));
  const server = await startEmbeddedServer();
  try {
    const emptyDump = await dumpTo(server, join(dir, 'empty.tar'));
    await migrateIn(server.url);
    const templateDump = await dumpTo(server, join(dir, 'template.tar'));
    return { server: { mode: 'embedded', emptyDump, templateDump }, remove: () => rm(dir, { recursive: true, force: true }) };
  } finally {
    await server.close();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fromEnv = process.env.TEST_DATABASE_URL;
  const docker = fromEnv ? null : await dockerServer();
  const adminUrl = fromEnv ?? docker?.url;
  if (adminUrl === undefined) {
    if (process.env.CI === 'true') {
      throw new Error('CI=true but no PostgreSQL: set TEST_DATABASE_URL or make a Docker engine reachable');
    }
    const embedded = await embeddedDumps();
    project.provide('testDatabaseServer', embedded.server);
    return embedded.remove;
  }
  const template = await createTemplate(adminUrl);
  project.provide('testDatabaseServer', { mode: 'postgres', adminUrl, template });
  return async () => {
    await onServer(adminUrl, (admin) => admin`DROP DATABASE IF EXISTS ${admin(template)} WITH (FORCE)`);
    await docker?.stop();
  };
}
