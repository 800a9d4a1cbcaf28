// JOB-2 default on PostgreSQL: the API process starts the job runner before it listens (DEP-1), reports it in
// /ops/status, exports the MON-3 job series on /metrics and stops it after the server closed (DEP-2, JOB-5).
import { afterEach, describe, expect, it } from 'vitest';
import { startApi } from '../src/start-api.ts';
import { freePort, recordedLogger } from './helpers/api-process.ts';
import { ADMIN_BOOT_PASSWORD, createEmptyDatabase, type EmptyDatabase } from './helpers/postgres-app.ts';
import { testConfig } from './helpers/test-config.ts';

describe('background jobs in the API process on PostgreSQL', () => {
  let database: EmptyDatabase | undefined;

  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  async function boot(env: Record<string, string> = {}) {
    database = await createEmptyDatabase();
    const port = await freePort();
    const config = testConfig({
      DATABASE_URL: database.url,
      BACKEND_PORT: String(port),
      ADMIN_PASSWORD: ADMIN_BOOT_PASSWORD,
      BACKEND_READINESS_DRAIN_SECONDS: '0',
      BACKEND_SHUTDOWN_TIMEOUT_SECONDS: '2',
      ...env,
    });
    const { logger, events } = recordedLogger();
    const api = await startApi(config, logger);
    const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);
    const jobsStatus = async () => ((await (await get('/ops/status')).json()) as { jobs: unknown }).jobs;
    return { api, events, get, jobsStatus };
  }

  it('starts the runner before listening, reports and measures it, and stops it after the server on shutdown', async () => {
    const { api, events, get, jobsStatus } = await boot();
    try {
      expect(events.indexOf('jobs.started')).toBeGreaterThan(events.indexOf('seed.done'));
      expect(events.indexOf('jobs.started')).toBeLessThan(events.indexOf('readiness.opened'));
      // the market history cache is warmed before readiness opens (docs/performance.md#history-warm-up)
      expect(events.indexOf('startup.histories_warmed')).toBeGreaterThan(events.indexOf('seed.done'));
      expect(events.indexOf('startup.histories_warmed')).toBeLessThan(events.indexOf('readiness.opened'));

      expect((await get('/readyz')).status).toBe(200);
      expect(await jobsStatus()).toEqual({ enabled: true, queued: expect.any(Number), failed: 0, deadLettered: 0 });

      // The first stats tick fills socialpredict_jobs_queue_depth for every queue pg-boss knows.
      await expect
        .poll(async () => (await get('/metrics')).text(), { timeout: 10_000 })
        .toContain('socialpredict_jobs_queue_depth{queue="market.notify",state="queued"} 0');
      const metrics = await (await get('/metrics')).text();
      for (const series of [
        'socialpredict_jobs_completed_total counter',
        'socialpredict_jobs_failed_total counter',
        'socialpredict_jobs_duration_seconds histogram',
        'socialpredict_jobs_queue_depth gauge',
        'socialpredict_readmodel_age_seconds gauge',
        'socialpredict_ledger_integrity_violations gauge',
      ]) {
        expect(metrics).toContain(`# TYPE ${series}`);
      }
    } finally {
      expect(await api.shutdown()).toBe(0);
    }
    const stopped = events.indexOf('jobs.stopped');
    expect(stopped).toBeGreaterThan(events.indexOf('readiness.closed'));
    expect(stopped).toBeLessThan(events.indexOf('shutdown.done'));
  });

  it('only enqueues with JOBS_ENABLED=false and says so in /ops/status', async () => {
    const { api, jobsStatus } = await boot({ JOBS_ENABLED: 'false' });
    try {
      expect(await jobsStatus()).toMatchObject({ enabled: false });
    } finally {
      expect(await api.shutdown()).toBe(0);
    }
  });
});
