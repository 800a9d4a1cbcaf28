// The composition root's pieces on embedded PGlite (DB-2): connect, migrate or verify, seed the admin and the
// development fixtures; and the refusals of `pnpm start` and `pnpm seed:dev` (the CLI's serve and seed-dev; CFG-2,
// CFG-7).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { makeUseCases } from '@socialpredict/domain';
import { createLogger, devFixtures, DEV_PASSWORD, openRuntime, seedAdmin, seedDevFixtures, SeedPasswordRejected, StartupError, type Runtime } from '@socialpredict/runtime';
import { startApi } from '../src/start-api.ts';
import { CLI_ENTRY, freePort, recordedLogger } from './helpers/api-process.ts';
import { describeOnFullServer, postgresAdminUrl } from './helpers/postgres-app.ts';
import { testConfig } from './helpers/test-config.ts';

const run = promisify(execFile);
const silent = createLogger('silent');
const runtimes: Runtime[] = [];

afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((runtime) => runtime.database.close()));
});

async function pgliteRuntime(env: Record<string, string> = {}) {
  const runtime = await openRuntime(testConfig({ PGLITE_DATA_DIR: 'memory://', ...env }), silent);
  runtimes.push(runtime);
  return runtime;
}

describe('startup on PGlite', () => {
  it('migrates as the writer, answers the readiness ping and seeds the admin once', async () => {
    const runtime = await pgliteRuntime();
    expect(runtime.probe.database).toBe('pglite');
    await expect(runtime.probe.ping(AbortSignal.timeout(5000))).resolves.toBeUndefined();
    expect(runtime.probe.poolStats().maxOpenConnections).toBe(1);
    expect((await seedAdmin(runtime.deps, 'Admin1Password'))._unsafeUnwrap()).toBe('created');
    expect((await seedAdmin(runtime.deps, 'Other2Password'))._unsafeUnwrap()).toBe('kept');
    const admin = (await runtime.deps.users.findByUsername('admin'))._unsafeUnwrap();
    expect(admin).toMatchObject({ role: 'ADMIN', displayName: 'Administrator', mustChangePassword: true });
    const login = await makeUseCases(runtime.deps).login({ username: 'admin', password: 'Admin1Password' });
    expect(login._unsafeUnwrap().mustChangePassword).toBe(true);
  });

  it('refuses an admin password that breaks the policy', async () => {
    const runtime = await pgliteRuntime();
    const seeded = await seedAdmin(runtime.deps, 'password');
    expect(seeded._unsafeUnwrapErr()).toBeInstanceOf(SeedPasswordRejected);
  });

  it('seeds the development fixtures idempotently, resetting changed accounts', async () => {
    const runtime = await pgliteRuntime();
    const first = (await seedDevFixtures(runtime.deps))._unsafeUnwrap();
    expect(Object.values(first).every((outcome) => outcome === 'created')).toBe(true);
    await makeUseCases(runtime.deps).changePassword({ username: 'testuser05', currentPassword: DEV_PASSWORD, newPassword: 'Changed9Password' });
    const second = (await seedDevFixtures(runtime.deps))._unsafeUnwrap();
    expect(Object.values(second).every((outcome) => outcome === 'reset')).toBe(true);
    for (const account of devFixtures()) {
      const session = (await makeUseCases(runtime.deps).login({ username: account.username, password: DEV_PASSWORD }))._unsafeUnwrap();
      expect(session).toMatchObject({ role: account.role, mustChangePassword: false });
    }
    expect((await runtime.deps.users.findByUsername('testuser01'))._unsafeUnwrap()).toMatchObject({ role: 'MODERATOR', moderatorStatus: 'active' });
  });

  it('refuses to start a non-writer on a schema that is not migrated', async () => {
    await expect(openRuntime(testConfig({ PGLITE_DATA_DIR: 'memory://', STARTUP_WRITER: 'false' }), silent)).rejects.toMatchObject({
      event: 'startup.incompatibility',
    });
  });

  it('boots like `pnpm start` with the jobs running through the embedded client, and shuts down cleanly', async () => {
    const port = await freePort();
    const { logger, events } = recordedLogger();
    const api = await startApi(
      testConfig({ PGLITE_DATA_DIR: 'memory://', BACKEND_PORT: String(port), ADMIN_PASSWORD: 'Admin1Password', BACKEND_READINESS_DRAIN_SECONDS: '0', BACKEND_SHUTDOWN_TIMEOUT_SECONDS: '2' }),
      logger,
    );
    try {
      const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);
      expect((await get('/readyz')).status).toBe(200);
      const status = (await (await get('/ops/status')).json()) as { jobs: unknown };
      expect(status.jobs).toMatchObject({ enabled: true, failed: 0, deadLettered: 0 });
      // App queries, snapshot reads and pg-boss polling share the one connection without waiting on each other.
      for (let round = 0; round < 5; round += 1) expect((await get('/readyz')).status).toBe(200);
      const metrics = (await (await get('/v0/system/metrics')).json()) as { result: { freshness: unknown } };
      expect(metrics.result.freshness).toMatchObject({ source: 'read_model', isStale: false });
      const exported = await (await get('/metrics')).text();
      for (const series of ['socialpredict_ledger_integrity_violations gauge', 'socialpredict_jobs_queue_depth gauge', 'socialpredict_db_pool_connections gauge', 'socialpredict_db_query_duration_seconds histogram']) {
        expect(exported).toContain(`# TYPE ${series}`);
      }
      // One prefix and Prometheus naming on every series of the process: HTTP, database, jobs, business and Node defaults.
      const types = [...exported.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({ name, type }));
      expect(types.length).toBeGreaterThan(30);
      expect(types.filter(({ name }) => !name?.startsWith('socialpredict_'))).toEqual([]);
      expect(types.filter(({ name, type }) => type === 'counter' && !name?.endsWith('_total'))).toEqual([]);
      expect(types.filter(({ name, type }) => type === 'histogram' && !/_(seconds|bytes)$/.test(name ?? ''))).toEqual([]);
    } finally {
      expect(await api.shutdown()).toBe(0);
    }
    expect(events).toContain('jobs.started');
    expect(events.indexOf('jobs.stopped')).toBeLessThan(events.indexOf('shutdown.done'));
  });

  it('gives up on an unreachable database after the configured retries', async () => {
    const config = testConfig({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DB_CONNECT_RETRIES: '1', DB_CONNECT_RETRY_DELAY_MS: '10', DB_CONNECT_TIMEOUT_SECONDS: '1' });
    await expect(openRuntime(config, silent)).rejects.toBeInstanceOf(StartupError);
  });
});

describeOnFullServer('startup on a PostgreSQL server without TLS', 'a PostgreSQL server answering the SSLRequest', () => {
  it('stops at once with a message naming DB_REQUIRE_TLS instead of retrying for 20 × 5 s', async () => {
    const started = Date.now();
    const failure: unknown = await openRuntime(testConfig({ DATABASE_URL: postgresAdminUrl(), DB_REQUIRE_TLS: 'true' }), silent).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StartupError);
    expect(failure).toMatchObject({ event: 'db.tls_mismatch', message: expect.stringMatching(/does not offer TLS, but DB_REQUIRE_TLS=true/) });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('process entry points', () => {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const node = process.execPath;
  const env = (extra: Record<string, string>) => ({ PATH: process.env.PATH ?? '', ...extra });

  it('exits 78 naming every bad key, without printing secrets or opening the port (CFG-2)', async () => {
    const failure = await run(node, ['--conditions=source', CLI_ENTRY, 'serve'], {
      cwd: root,
      env: env({ BACKEND_PORT: 'x', JWT_TTL_SECONDS: '1', DATABASE_URL: 'mysql://root:Sup3rSecret@db/x' }),
    }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in failure ? failure.code : 0).toBe(78);
    const stderr = 'stderr' in failure ? failure.stderr : '';
    for (const key of ['BACKEND_PORT', 'JWT_TTL_SECONDS', 'DATABASE_URL']) expect(stderr).toContain(key);
    expect(stderr).not.toContain('Sup3rSecret');
  });

  it('exits 78 when ADMIN_PASSWORD breaks the password policy, before opening the port (CFG-2)', async () => {
    const port = await freePort();
    const failure = await run(node, ['--conditions=source', CLI_ENTRY, 'serve'], {
      cwd: root,
      env: env({ APP_ENV: 'test', PGLITE_DATA_DIR: 'memory://', BACKEND_PORT: String(port), ADMIN_PASSWORD: 'short' }),
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect('code' in failure ? failure.code : 0).toBe(78);
    expect('stderr' in failure ? failure.stderr : '').toContain('ADMIN_PASSWORD breaks the password policy');
    expect('stdout' in failure ? failure.stdout : '').toContain('"event":"seed.failed"');
  });

  it('refuses seed:dev outside development and test (CFG-7)', async () => {
    const failure = await run(node, ['--conditions=source', CLI_ENTRY, 'seed-dev'], {
      cwd: root,
      env: env({
        APP_ENV: 'staging',
        DATABASE_URL: 'postgres://x@127.0.0.1:1/x',
        JWT_SIGNING_KEY: 'k'.repeat(40),
        CORS_ALLOW_ORIGINS: 'https://a.example',
        METRICS_AUTH_TOKEN: 'metrics-token',
      }),
    }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in failure ? failure.code : 0).toBe(78);
    expect('stderr' in failure ? failure.stderr : '').toContain('development and test only');
  });
});
