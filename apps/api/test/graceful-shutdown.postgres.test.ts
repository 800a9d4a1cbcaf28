// DEP-2 / TST-4 on the real process (`pnpm start`) and PostgreSQL: SIGTERM while a request is in flight. A request
// is made slow by the test itself — it holds an exclusive lock on `markets`, so the market list waits in the
// database for as long as the test wants — instead of by any hook in the production code.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '@socialpredict/persistence';
import { startApiProcess, status, untilStatus, type ApiProcess } from './helpers/api-process.ts';
import { createEmptyDatabase, describeOnFullServer, type EmptyDatabase } from './helpers/postgres-app.ts';
import { testConfig } from './helpers/test-config.ts';

/** No lock or statement timeout, so the database holds a request for as long as the test holds the lock. */
const PATIENT_DATABASE = { DB_LOCK_TIMEOUT_MS: '0', DB_STATEMENT_TIMEOUT_MS: '0', DB_POOL_MAX: '4' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface MarketsLock {
  /** resolves once an API request waits for the lock; rejects after 10 s without one */
  awaitWaiter(): Promise<void>;
  release(): Promise<void>;
}

async function lockMarkets(database: Database): Promise<MarketsLock> {
  const holder = await database.reserve();
  await holder.query('BEGIN');
  await holder.query('LOCK TABLE markets IN ACCESS EXCLUSIVE MODE');
  let released = false;
  return {
    awaitWaiter: async () => {
      // A session of its own: pg_stat_activity is a snapshot for the whole of the holder's transaction.
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
    },
    release: async () => {
      if (released) return;
      released = true;
      await holder.query('COMMIT');
      await holder.release();
    },
  };
}

interface Answer {
  status: number | 'cut';
  /** ms since the request was sent */
  at: number;
}

function slowRequest(api: ApiProcess): Promise<Answer> {
  const sent = Date.now();
  return fetch(`${api.baseUrl}/v0/markets`).then(
    async (response) => (await response.arrayBuffer(), { status: response.status, at: Date.now() - sent }),
    () => ({ status: 'cut', at: Date.now() - sent }),
  );
}

/** Why the embedded test server cannot host this suite. */
const NEEDS = 'a request held on a table lock while another session watches pg_stat_activity (the embedded server runs one transaction at a time)';

describeOnFullServer('graceful shutdown of the API process (DEP-2)', NEEDS, () => {
  let target: EmptyDatabase;
  let database: Database;
  const running: ApiProcess[] = [];
  const locks: MarketsLock[] = [];

  const start = async (env: Record<string, string> = {}) => {
    const api = await startApiProcess({ DATABASE_URL: target.url, ...PATIENT_DATABASE, ...env });
    running.push(api);
    return api;
  };
  const lock = async () => {
    const held = await lockMarkets(database);
    locks.push(held);
    return held;
  };

  beforeAll(async () => {
    target = await createEmptyDatabase();
    database = await openDatabase({ ...testConfig().database, url: target.url, poolMax: 2 });
  });

  afterAll(async () => {
    await Promise.all(locks.map((held) => held.release()));
    for (const api of running) api.signal('SIGKILL');
    await Promise.all(running.map((api) => api.exited));
    await database?.close();
    await target?.drop();
  });

  it('SIGTERM during a 3 s request: readiness 503 meanwhile, the request completes 200, exit 0 in < 16 s', { timeout: 90_000 }, async () => {
    const api = await start();
    const held = await lock();
    let answered = false;
    const request = slowRequest(api).finally(() => (answered = true));
    await held.awaitWaiter();
    const signalled = Date.now();
    api.signal('SIGTERM');
    const releasing = sleep(3000).then(() => held.release());

    await untilStatus(api, '/readyz', 503, 2000);
    expect(answered).toBe(false);
    expect(await status(api, '/health')).toBe(200);
    await releasing;
    const answer = await request;
    expect(answer.status).toBe(200);
    expect(answer.at).toBeGreaterThanOrEqual(3000);

    const exit = await api.exited;
    expect(exit.code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(16_000);
    expect(api.events()).toEqual(expect.arrayContaining(['readiness.closed', 'shutdown.begin', 'jobs.stopped', 'shutdown.done']));
  });

  it('a 30 s request is cut at BACKEND_SHUTDOWN_TIMEOUT_SECONDS (10) and the process still exits 0 within the budget', { timeout: 90_000 }, async () => {
    // No drain, so the request close starts with the signal and the cut is measured from it.
    const api = await start({ BACKEND_READINESS_DRAIN_SECONDS: '0' });
    const held = await lock();
    const request = slowRequest(api);
    await held.awaitWaiter();
    const signalled = Date.now();
    api.signal('SIGTERM');

    const answer = await request;
    const cutAfter = Date.now() - signalled;
    expect(answer.status).toBe('cut');
    expect(cutAfter).toBeGreaterThanOrEqual(9500);
    expect(cutAfter).toBeLessThan(11_500);

    // The cut request's query still waits for the lock (as a 30 s one would): the pool close must not wait for it
    // past the budget of 0 + 10 + 4 s.
    const exit = await api.exited;
    const exitedAfter = Date.now() - signalled;
    await held.release();
    expect(exit.code).toBe(0);
    expect(exitedAfter).toBeLessThan(15_000);
    expect(api.events()).toContain('shutdown.budget_exceeded');
  });

  it('a second signal exits 1 at once', { timeout: 90_000 }, async () => {
    const api = await start();
    api.signal('SIGTERM');
    await sleep(200);
    const second = Date.now();
    api.signal('SIGINT');
    const exit = await api.exited;
    expect(exit.code).toBe(1);
    expect(Date.now() - second).toBeLessThan(1000);
    expect(api.events()).not.toContain('shutdown.done');
  });
});
