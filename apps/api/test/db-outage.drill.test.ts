// DB-10 / TST-4 outage drill on a throwaway cluster (scripts/drill-cluster.sh, never the shared server): the API
// process runs on it, the cluster stops and starts again, and readiness follows it while liveness never moves.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApiProcess, status, untilStatus, type ApiProcess } from './helpers/api-process.ts';
import { loadEnv, prepareBettors, startLoad, tally, type Load } from './helpers/bet-load.ts';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../../scripts/drill-cluster.sh', import.meta.url));

/** DB-10: readiness is `SELECT 1` with a 2 s timeout. */
const READINESS_TIMEOUT_MS = 2000;
/** DB-10 under load: ready again this soon after the database is back. */
const LOADED_RECOVERY_MS = 5000;

const skipReason = !existsSync('/usr/bin/pg_createcluster')
  ? 'pg_createcluster is not installed (Debian postgresql-common with PostgreSQL 15)'
  : process.getuid?.() !== 0
    ? 'creating a PostgreSQL cluster needs root'
    : undefined;
if (skipReason !== undefined && process.env.CI === 'true') throw new Error(`CI=true but the DB-10 drill cannot run: ${skipReason}`);

const cluster = async (command: 'create' | 'start' | 'stop' | 'drop' | 'url') => (await run('bash', [SCRIPT, command])).stdout.trim();

describe('database outage drill (DB-10)', () => {
  beforeAll(async () => {
    if (skipReason === undefined) await cluster('create');
  }, 60_000);
  afterAll(async () => {
    if (skipReason === undefined) await cluster('drop');
  }, 60_000);

  it('readiness turns 503 within 2 s of a database outage and 200 again when it returns, without a restart; liveness stays 200', { timeout: 90_000 }, async ({ skip }) => {
    skip(skipReason !== undefined, skipReason);
    let api: ApiProcess | undefined;
    let probing = true;
    const health: number[] = [];
    try {
      // No readiness drain at the end: the shutdown is not what this drill is about.
      api = await startApiProcess({ DATABASE_URL: await cluster('url'), DB_POOL_MAX: '4', BACKEND_READINESS_DRAIN_SECONDS: '0' });
      const started = api;
      // A 10 Hz liveness prober for the whole drill, as the uptime soak runs it.
      const prober = (async () => {
        while (probing) {
          health.push(await status(started, '/health'));
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      expect(await status(api, '/readyz')).toBe(200);

      const stopping = Date.now();
      await cluster('stop');
      await untilStatus(api, '/readyz', 503, 10_000);
      expect(Date.now() - stopping).toBeLessThan(READINESS_TIMEOUT_MS);
      // Down for a few seconds more, long enough for the pool to back off its reconnects: 503 all along.
      const outage: number[] = [];
      for (const down = Date.now(); Date.now() - down < 3000; ) outage.push(await status(api, '/readyz'));
      expect(new Set(outage)).toEqual(new Set([503]));

      await cluster('start');
      await untilStatus(api, '/readyz', 200, 10_000);
      expect(api.events()).toContain('readiness.db_check_failed');

      probing = false;
      await prober;
      expect(health.length).toBeGreaterThan(10);
      expect(health.filter((code) => code !== 200)).toEqual([]);

      api.signal('SIGTERM');
      expect((await api.exited).code).toBe(0);
    } finally {
      probing = false;
      if (api !== undefined) {
        api.signal('SIGKILL');
        await api.exited;
      }
      await cluster('start');
    }
  });

  it('under load (bets over 16 connections) readiness follows a 10 s outage: 503 while down, 200 within 5 s of the return', { timeout: 180_000 }, async ({ skip }) => {
    skip(skipReason !== undefined, skipReason);
    let api: ApiProcess | undefined;
    let load: Load | undefined;
    try {
      const url = await cluster('url');
      // A pool smaller than the load, so every pooled connection is busy with bets, as in the field report.
      api = await startApiProcess({ DATABASE_URL: url, DB_POOL_MAX: '4', BACKEND_READINESS_DRAIN_SECONDS: '0', ...loadEnv() });
      load = startLoad(api, await prepareBettors(api, url), { connections: 16, pauseMs: 20, readEvery: 4 });
      const flowing = load;
      await vi.waitFor(() => expect(flowing.answers().filter((answer) => answer.outcome === 201).length).toBeGreaterThan(50), { timeout: 20_000 });
      expect(await status(api, '/readyz')).toBe(200);

      await cluster('stop');
      await untilStatus(api, '/readyz', 503, 10_000);
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      expect(await status(api, '/readyz')).toBe(503);

      const answeredBeforeReturn = load.answers().length;
      await cluster('start');
      const back = Date.now();
      await untilStatus(api, '/readyz', 200, 60_000);
      const recoveredMs = Date.now() - back;
      console.info(`readiness recovered ${recoveredMs} ms after the database returned, under load`);
      expect(recoveredMs).toBeLessThan(LOADED_RECOVERY_MS);
      // Bets flow again too, and readiness stays with the database while they do. Pool connections that failed during
      // the outage come back on postgres.js's reconnect backoff, which on a loaded machine can take tens of seconds.
      // The answers since the return name what went wrong when they do not (TIMEOUT: a request waited 30 s).
      const sinceReturn = () => flowing.answers().slice(answeredBeforeReturn);
      await vi.waitFor(() => expect(sinceReturn().filter((answer) => answer.outcome === 201).length, JSON.stringify(tally(sinceReturn()))).toBeGreaterThan(50), { timeout: 60_000 });
      console.info(`bets flowing again ${Date.now() - back} ms after the database returned`);
      for (let probe = 0; probe < 5; probe += 1) expect(await status(api, '/readyz')).toBe(200);

      const report = await load.stop();
      load = undefined;
      console.info('answers during the loaded drill', tally(report.answers));
      api.signal('SIGTERM');
      expect((await api.exited).code).toBe(0);
    } finally {
      await load?.stop();
      if (api !== undefined) {
        api.signal('SIGKILL');
        await api.exited;
      }
      await cluster('start');
    }
  });
});
