// DEP-2 shutdown budget: drain + request close + job stop + pool close end before a supervisor's SIGKILL at 20 s.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@socialpredict/runtime';
import { runShutdown, shutdownBudgetMs } from './shutdown.ts';

const DEFAULTS = { readinessDrainSeconds: 5, shutdownTimeoutSeconds: 10, jobsStopTimeoutMs: 10_000 };
const SUPERVISOR_GRACE_MS = 20_000;

const after = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const never = () => new Promise<void>(() => undefined);

/** A logger that records the steps reported as overrunning the budget. */
function overrunRecorder() {
  const overrun: unknown[] = [];
  const logger = createLogger('info', {
    write: (line: string) => {
      const fields = JSON.parse(line) as { event?: unknown; step?: unknown };
      if (fields.event === 'shutdown.budget_exceeded') overrun.push(fields.step);
    },
  });
  return { logger, overrun };
}

describe('runShutdown', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Runs the sequence to its end on the fake clock; its exit code, duration and the steps in order. */
  async function shutdown(steps: { closeHttp: () => Promise<void>; stopJobs: (timeoutMs: number) => Promise<void>; closePool: () => Promise<void> }) {
    const { logger, overrun } = overrunRecorder();
    const order: string[] = [];
    const started = Date.now();
    const exit = runShutdown(
      {
        closeHttp: () => (order.push('http'), steps.closeHttp()),
        stopJobs: (timeoutMs) => (order.push(`jobs ${timeoutMs}`), steps.stopJobs(timeoutMs)),
        closePool: () => (order.push(`pool at ${Date.now() - started}`), steps.closePool()),
      },
      DEFAULTS,
      logger,
    );
    await vi.runAllTimersAsync();
    return { exitCode: await exit, tookMs: Date.now() - started, order, overrun };
  }

  it('fits the whole sequence under the supervisors’ 20 s at the defaults', () => {
    expect(shutdownBudgetMs(DEFAULTS)).toBe(19_000);
    expect(shutdownBudgetMs(DEFAULTS)).toBeLessThan(SUPERVISOR_GRACE_MS);
  });

  it('gives the job queue its configured timeout when the requests drained quickly', async () => {
    const run = await shutdown({ closeHttp: () => after(5000), stopJobs: () => after(300), closePool: () => after(100) });
    expect(run).toEqual({ exitCode: 0, tookMs: 5400, order: ['http', 'jobs 10000', 'pool at 5300'], overrun: [] });
  });

  it('caps the job stop by what the request close left of the budget', async () => {
    // Drain 5 s plus a request cut at the 10 s close timeout: 4 s remain, of which the pool keeps 2.
    const run = await shutdown({ closeHttp: () => after(15_000), stopJobs: (timeoutMs) => after(timeoutMs), closePool: () => after(100) });
    expect(run.order).toEqual(['http', 'jobs 2000', 'pool at 17000']);
    expect(run).toMatchObject({ exitCode: 0, tookMs: 17_100, overrun: [] });
  });

  it('leaves a job queue and a pool that overrun behind and still ends within the budget, exit 0', async () => {
    const run = await shutdown({ closeHttp: () => after(15_000), stopJobs: never, closePool: never });
    expect(run.order).toEqual(['http', 'jobs 2000', 'pool at 17000']);
    expect(run).toMatchObject({ exitCode: 0, tookMs: 19_000, overrun: ['jobs', 'pool'] });
  });

  it('gives the job queue nothing once the budget is spent, and the pool what remains', async () => {
    const run = await shutdown({ closeHttp: () => after(18_000), stopJobs: never, closePool: never });
    expect(run.order).toEqual(['http', 'jobs 0', 'pool at 18000']);
    expect(run).toMatchObject({ exitCode: 0, tookMs: 19_000, overrun: ['jobs', 'pool'] });
  });

  it('exits 1 when a step fails, without waiting for the budget', async () => {
    const run = await shutdown({ closeHttp: () => after(10), stopJobs: async () => Promise.reject(new Error('pg-boss failed')), closePool: never });
    expect(run).toMatchObject({ exitCode: 1, tookMs: 10, order: ['http', 'jobs 10000'] });
  });
});
