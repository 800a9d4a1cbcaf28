// MON-3 database series and the DB-9 slow-query line as the API composes them (openRuntime on PostgreSQL with the
// /metrics registry): scraped through inject after requests that hit the database.
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeUseCases, createLogger, followUpEffects, openRuntime, withSnapshotReaders, type Runtime } from '@socialpredict/runtime';
import { createAuthenticator } from '../src/authenticator.ts';
import { createLifecycle } from '../src/lifecycle.ts';
import { createServer } from '../src/server.ts';
import { idleJobs } from './helpers/stub-deps.ts';
import { createEmptyDatabase, type EmptyDatabase } from './helpers/postgres-app.ts';
import { testConfig } from './helpers/test-config.ts';

const POOL_MAX = 3;

/** One Prometheus sample line's value, or undefined when the series is absent. */
function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('database metrics and slow queries on PostgreSQL (MON-3, DB-9)', () => {
  let empty: EmptyDatabase;
  let runtime: Runtime;
  let server: Awaited<ReturnType<typeof createServer>>;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    empty = await createEmptyDatabase();
    const config = testConfig({ DATABASE_URL: empty.url, DB_POOL_MAX: String(POOL_MAX), DB_SLOW_QUERY_MS: '200' });
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const registry = new Registry();
    runtime = await openRuntime(config, logger, registry);
    const useCases = withSnapshotReaders(
      composeUseCases(runtime.deps, followUpEffects(runtime.snapshots, runtime.clock, idleJobs), logger, registry),
      runtime.readModels,
    );
    const lifecycle = createLifecycle();
    lifecycle.markReady();
    server = await createServer(
      {
        config,
        lifecycle,
        probe: runtime.probe,
        authenticator: createAuthenticator(useCases.authenticate, useCases.getReportingVisibility),
        useCases,
        idempotency: runtime.idempotency,
        clock: runtime.clock,
        version: 'test',
        metricsRegistry: registry,
      },
      false,
    );
  });
  afterAll(async () => {
    await server?.close();
    await runtime?.database.close();
    await empty?.drop();
  });

  const scrape = async () => (await server.inject({ method: 'GET', url: '/metrics' })).body;

  it('exports pool figures and per-operation query durations after requests that hit the database', async () => {
    expect((await server.inject({ method: 'GET', url: '/v0/markets' })).statusCode).toBe(200);
    expect((await server.inject({ method: 'GET', url: '/v0/markets/424242' })).statusCode).toBe(404);
    const login = await server.inject({ method: 'POST', url: '/v0/login', payload: { username: 'nobody', password: 'Wrong1Password' } });
    expect(login.statusCode).toBe(401);

    const metrics = await scrape();
    expect(metrics).toContain('# TYPE socialpredict_db_pool_connections gauge');
    expect(metrics).toContain('# TYPE socialpredict_db_pool_waits_total counter');
    expect(metrics).toContain('# TYPE socialpredict_db_query_duration_seconds histogram');
    expect(sample(metrics, 'socialpredict_db_pool_connections{state="in_use"}')).toBe(0);
    expect(sample(metrics, 'socialpredict_db_pool_connections{state="idle"}')).toBe(POOL_MAX);
    expect(sample(metrics, 'socialpredict_db_pool_connections{state="waiting"}')).toBe(0);
    expect(sample(metrics, 'socialpredict_db_pool_waits_total')).toBe(0);
    for (const operation of ['markets.list', 'markets.findById', 'users.findByUsername', 'migrate']) {
      expect(sample(metrics, `socialpredict_db_query_duration_seconds_count{operation="${operation}"}`), operation).toBeGreaterThanOrEqual(1);
    }
    expect(metrics).toContain('socialpredict_db_query_duration_seconds_bucket{le="0.001",operation="markets.list"}');
    // Adapter operation names only: no SQL text, no ids.
    const operations = new Set([...metrics.matchAll(/operation="([^"]*)"/g)].map((match) => match[1]));
    for (const operation of operations) expect(operation).toMatch(/^[a-zA-Z]+(\.[a-zA-Z]+)?$/);
  });

  it('counts the operations that found every connection taken as waits', async () => {
    const { scope, db } = runtime.database;
    await Promise.all(Array.from({ length: POOL_MAX + 2 }, () => scope.run('test.saturate', () => db.execute('SELECT pg_sleep(0.05)'))));
    const metrics = await scrape();
    expect(sample(metrics, 'socialpredict_db_pool_waits_total')).toBe(2);
    expect(sample(metrics, 'socialpredict_db_pool_connections{state="in_use"}')).toBe(0);
    expect(sample(metrics, 'socialpredict_db_query_duration_seconds_count{operation="test.saturate"}')).toBe(POOL_MAX + 2);
    // /ops/status reports the same count (MON-1).
    const status = (await server.inject({ method: 'GET', url: '/ops/status' })).json<{ dbPool: Record<string, number> }>();
    expect(status.dbPool).toMatchObject({ maxOpenConnections: POOL_MAX, inUseConnections: 0, idleConnections: POOL_MAX, waitCount: 2 });
  });

  it('logs one warn line naming a slow operation and its duration, and times it', async () => {
    lines.length = 0;
    const { scope, db } = runtime.database;
    await scope.run('test.sleep', () => db.execute("SELECT pg_sleep(0.3), 'parameter-value-7f3a'"));
    await scope.run('test.fast', () => db.execute('SELECT 1'));

    const slow = lines.filter((line) => line.event === 'db.slow_query');
    expect(slow).toEqual([
      expect.objectContaining({ level: 'warn', event: 'db.slow_query', operation: 'test.sleep', failed: false }),
    ]);
    expect(slow[0]?.duration_ms).toBeGreaterThanOrEqual(300);
    expect(JSON.stringify(lines)).not.toMatch(/parameter-value-7f3a|pg_sleep/);
    const metrics = await scrape();
    expect(sample(metrics, 'socialpredict_db_query_duration_seconds_count{operation="test.sleep"}')).toBe(1);
    expect(sample(metrics, 'socialpredict_db_query_duration_seconds_count{operation="test.fast"}')).toBe(1);
    expect(sample(metrics, 'socialpredict_db_query_duration_seconds_bucket{le="0.2",operation="test.sleep"}')).toBe(0);
  });
});
