// Cluster mode on the real process and PostgreSQL (docs/operations.md#cluster): `CLUSTER_WORKERS=2 pnpm start` as its
// own process group. One /metrics scrape counts the requests both workers answered, every log line names its process,
// and a SIGTERM to the whole group (as a container runtime sends it) drains both workers: a request held in the
// database meanwhile completes 200 and the primary exits 0.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database, type DedicatedSession } from '@socialpredict/persistence';
import { startApiProcess, type ApiProcess } from './helpers/api-process.ts';
import { createEmptyDatabase, describeOnFullServer, type EmptyDatabase } from './helpers/postgres-app.ts';
import { testConfig } from './helpers/test-config.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A GET on a connection of its own (no keep-alive), so the cluster's round robin spreads them over the workers. */
function freshGet(api: ApiProcess, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${api.baseUrl}${path}`, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => void (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

async function waitForLockWaiter(database: Database): Promise<void> {
  const observer = await database.reserve();
  try {
    for (const started = Date.now(); Date.now() - started < 10_000; await sleep(50)) {
      const [row] = await observer.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = 'socialpredict' AND wait_event_type = 'Lock'`,
      );
      if ((row?.waiting ?? 0) > 0) return;
    }
    throw new Error('no API request waits for the lock on markets');
  } finally {
    await observer.release();
  }
}

const NEEDS = 'cluster workers with pools of their own, and a request held on a table lock';

describeOnFullServer('cluster mode (CLUSTER_WORKERS=2)', NEEDS, () => {
  let target: EmptyDatabase;
  let database: Database;
  let api: ApiProcess | undefined;
  let holder: DedicatedSession | undefined;

  beforeAll(async () => {
    target = await createEmptyDatabase();
    database = await openDatabase({ ...testConfig().database, url: target.url, poolMax: 2 });
  });

  afterAll(async () => {
    await holder?.query('ROLLBACK').catch(() => undefined);
    await holder?.release();
    if (api !== undefined) {
      try {
        api.signalGroup('SIGKILL');
      } catch {
        // already gone
      }
      await api.exited;
    }
    await database?.close();
    await target?.drop();
  });

  it('aggregates /metrics over both workers, tags every log line with its pid, and drains both on a group SIGTERM', { timeout: 120_000 }, async () => {
    api = await startApiProcess(
      {
        DATABASE_URL: target.url,
        CLUSTER_WORKERS: '2',
        JWT_SIGNING_KEY: 'cluster-mode-test-signing-key-0123456789',
        DB_POOL_MAX: '4',
        DB_LOCK_TIMEOUT_MS: '0',
        DB_STATEMENT_TIMEOUT_MS: '0',
        BACKEND_READINESS_DRAIN_SECONDS: '1',
      },
      60_000,
      true,
    );
    const running = api;
    // /readyz answers once the first worker listens; the round robin needs both
    for (const started = Date.now(); running.events().filter((event) => event === 'cluster.worker_ready').length < 2; await sleep(100)) {
      if (Date.now() - started > 60_000) throw new Error('the second worker never became ready');
    }

    const REQUESTS = 24;
    for (let i = 0; i < REQUESTS; i += 1) expect((await freshGet(running, '/v0/markets')).status).toBe(200);
    const scrape = await freshGet(running, '/metrics');
    expect(scrape.status, scrape.body).toBe(200);
    const counted = /^socialpredict_http_requests_total\{method="GET",route="\/v0\/markets",status_code="200"\} (\d+)$/m.exec(scrape.body);
    // one worker alone answered about half of them: the whole count proves the scrape covered both
    expect(Number(counted?.[1])).toBe(REQUESTS);

    const lines = running
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { pid?: unknown; route?: unknown });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => typeof line.pid === 'number')).toBe(true);
    const answeringPids = new Set(lines.filter((line) => line.route === '/v0/markets').map((line) => line.pid));
    expect(answeringPids.size).toBe(2);

    // A request held in the database by a lock on markets, then SIGTERM to the primary and both workers at once.
    holder = await database.reserve();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE markets IN ACCESS EXCLUSIVE MODE');
    const held = freshGet(running, '/v0/markets').then(
      (answer) => answer.status,
      () => 'cut' as const,
    );
    await waitForLockWaiter(database);
    running.signalGroup('SIGTERM');
    await sleep(1500);
    await holder.query('COMMIT');
    await holder.release();
    holder = undefined;

    expect(await held).toBe(200);
    const exit = await running.exited;
    expect(exit.code).toBe(0);
    const stopped = running
      .output()
      .split('\n')
      .filter((line) => line.includes('"cluster.worker_stopped"'))
      .map((line) => (JSON.parse(line) as { code?: unknown }).code);
    expect(stopped).toEqual([0, 0]);
    expect(running.events()).toContain('shutdown.done');
    expect(running.events()).not.toContain('cluster.worker_killed');
  });
});
