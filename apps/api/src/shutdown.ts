// The DEP-2 shutdown sequence within one time budget. Supervisors send SIGKILL 20 s after SIGTERM at the defaults
// (the CLI's cluster primary waits drain + request close + 5 s), so whatever the HTTP drain and close leave of the
// budget is shared by the job queue and the pool, and neither may run past it.
import type { Logger } from 'pino';

/** after the HTTP close: the job queue's stop and the pool's close, ending 1 s before a supervisor's SIGKILL */
const AFTER_HTTP_ALLOWANCE_MS = 4000;
/** the part of what is left that the job queue leaves to the pool */
const POOL_CLOSE_RESERVE_MS = 2000;

export interface ShutdownSteps {
  /** readiness closes, the drain wait, the listener closes and open connections are handed over, then requests still running at the timeout are cut */
  closeHttp(): Promise<void>;
  /** pg-boss's graceful stop: active jobs get at most `timeoutMs` to finish */
  stopJobs(timeoutMs: number): Promise<void>;
  closePool(): Promise<void>;
}

export interface ShutdownTimes {
  readinessDrainSeconds: number;
  shutdownTimeoutSeconds: number;
  /** what the job queue may take when the budget has room: BACKEND_SHUTDOWN_TIMEOUT_SECONDS */
  jobsStopTimeoutMs: number;
}

/** Drain + request close + the allowance: 19 s at the defaults. */
export function shutdownBudgetMs(times: Pick<ShutdownTimes, 'readinessDrainSeconds' | 'shutdownTimeoutSeconds'>): number {
  return (times.readinessDrainSeconds + times.shutdownTimeoutSeconds) * 1000 + AFTER_HTTP_ALLOWANCE_MS;
}

/** The job queue's stop timeout: its configured value, capped so the pool still has its reserve. */
function jobsStopTimeoutMs(configuredMs: number, remainingMs: number): number {
  return Math.max(0, Math.min(configuredMs, remainingMs - POOL_CLOSE_RESERVE_MS));
}

/** Whether `work` settled within `ms`; a rejection in time is rethrown, a later one ignored. */
async function within(work: Promise<void>, ms: number): Promise<boolean> {
  const done = work.then(() => true as const);
  done.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, ms))));
  try {
    return await Promise.race([done, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs the steps in DEP-2 order; resolves with the exit code: 1 when a step failed. A step that overruns the budget
 * is logged and left behind (exiting drops its connections), so the process still ends before it is killed.
 */
export async function runShutdown(steps: ShutdownSteps, times: ShutdownTimes, logger: Logger): Promise<number> {
  const deadline = Date.now() + shutdownBudgetMs(times);
  const bounded = async (step: string, work: Promise<void>, ms: number) => {
    if (!(await within(work, ms))) {
      logger.warn({ event: 'shutdown.budget_exceeded', step }, `${step} did not finish within the shutdown budget`);
    }
  };
  try {
    await steps.closeHttp();
    const jobsTimeoutMs = jobsStopTimeoutMs(times.jobsStopTimeoutMs, deadline - Date.now());
    // pg-boss can overrun its timeout (it waits for its handlers, then closes its own pool): the reserve stays the pool's.
    await bounded('jobs', steps.stopJobs(jobsTimeoutMs), deadline - Date.now() - POOL_CLOSE_RESERVE_MS);
    await bounded('pool', steps.closePool(), deadline - Date.now());
    return 0;
  } catch (error) {
    logger.error({ event: 'shutdown.error', err: error }, 'error during shutdown');
    return 1;
  }
}
