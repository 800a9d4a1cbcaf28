// vitest globalSetup (TST-3): finds a PostgreSQL server once per run, migrates a template database on it and hands
// both to the test files, which clone the template into a fresh database each. The server is TEST_DATABASE_URL when
// set, else a Testcontainers PostgreSQL when a Docker engine answers. Without either, PostgreSQL suites are skipped,
// except under CI=true, where the run fails.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { databaseUrl, TEST_DATABASE_PREFIX } from './database.settings.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** null when no PostgreSQL server is available (the suites needing one are skipped). */
    postgresServer: { adminUrl: string; template: string } | null;
  }
}

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

async function createTemplate(adminUrl: string): Promise<string> {
  const template = `${TEST_DATABASE_PREFIX}tpl_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin`CREATE DATABASE ${admin(template)}`;
  } finally {
    await admin.end();
  }
  // Migrated once, by the migration writer in a process of its own (Node resolves the workspace packages to their
  // sources there); every test file's database is then a copy (CREATE DATABASE … TEMPLATE), which is much faster.
  const child = new URL('./migrate.child.ts', import.meta.url).pathname;
  await promisify(execFile)(process.execPath, ['--conditions=source', child, databaseUrl(adminUrl, template)]);
  return template;
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin`DROP DATABASE IF EXISTS ${admin(name)} WITH (FORCE)`;
  } finally {
    await admin.end();
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
    project.provide('postgresServer', null);
    return async () => undefined;
  }
  const template = await createTemplate(adminUrl);
  project.provide('postgresServer', { adminUrl, template });
  return async () => {
    await dropDatabase(adminUrl, template);
    await docker?.stop();
  };
}
