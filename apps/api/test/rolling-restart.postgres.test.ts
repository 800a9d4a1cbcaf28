// DEP-3 on the real process: `CLUSTER_WORKERS=2 pnpm start` under bets and reads over 16 keep-alive connections, rolled
// twice with SIGHUP. Draining workers finish what they accepted and hand their clients over, so nothing fails.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startApiProcess, type ApiProcess } from './helpers/api-process.ts';
import { loadEnv, prepareBettors, startLoad, tally, type Load } from './helpers/bet-load.ts';
import { createEmptyDatabase, describeOnFullServer, type EmptyDatabase } from './helpers/postgres-app.ts';

describeOnFullServer('rolling restart under load (DEP-3)', 'a cluster of worker processes with their own pools', () => {
  let target: EmptyDatabase;

  beforeAll(async () => {
    target = await createEmptyDatabase();
  });
  afterAll(async () => {
    await target?.drop();
  });

  it('two SIGHUP rolling restarts of two workers fail none of the requests in flight around them', { timeout: 150_000 }, async () => {
    let api: ApiProcess | undefined;
    let load: Load | undefined;
    try {
      // A short readiness drain keeps the test brief; the hand-over must not depend on it.
      api = await startApiProcess({
        DATABASE_URL: target.url,
        CLUSTER_WORKERS: '2',
        // One signing key for every worker, so a token outlives the worker that issued it.
        JWT_SIGNING_KEY: 'rolling-restart-test-signing-key-0123456789',
        DB_POOL_MAX: '4',
        BACKEND_READINESS_DRAIN_SECONDS: '1',
        ...loadEnv(),
      });
      const cluster = api;
      load = startLoad(api, await prepareBettors(api, target.url), { connections: 16, pauseMs: 20, readEvery: 2 });
      const running = load;
      const rolled = () => cluster.events().filter((event) => event === 'cluster.rolling_restart_done').length;
      await vi.waitFor(() => expect(running.answers().length).toBeGreaterThan(100), { timeout: 30_000 });

      for (const pass of [1, 2]) {
        api.signal('SIGHUP');
        await vi.waitFor(() => expect(rolled()).toBe(pass), { timeout: 60_000, interval: 200 });
      }
      const answeredAfterRolls = load.answers().length;
      await vi.waitFor(() => expect(running.answers().length).toBeGreaterThan(answeredAfterRolls + 50), { timeout: 30_000 });

      const report = await load.stop();
      load = undefined;
      console.info('answers across two rolling restarts', tally(report.answers));
      expect(api.events().filter((event) => event === 'cluster.worker_stopped')).toHaveLength(4);
      expect(report.answers.filter((answer) => answer.outcome !== 200 && answer.outcome !== 201)).toEqual([]);
      expect(report.acknowledged.length).toBeGreaterThan(100);

      api.signal('SIGTERM');
      expect((await api.exited).code).toBe(0);
    } finally {
      await load?.stop();
      if (api !== undefined) {
        api.signal('SIGKILL');
        await api.exited;
      }
    }
  });
});
