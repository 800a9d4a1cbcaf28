// What the jobs need from their surroundings, as ports: a pino-compatible logger and the MON-3 job metrics. The
// composition root passes its pino logger and a prom-client implementation; this package imports neither.

export interface JobLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Queue states reported as `socialpredict_jobs_queue_depth{queue,state}`. */
export type QueueDepthState = 'queued' | 'active' | 'failed';

/** The job series of MON-3: socialpredict_jobs_completed_total, socialpredict_jobs_failed_total, socialpredict_jobs_duration_seconds, socialpredict_jobs_queue_depth, … */
export interface JobMetrics {
  jobCompleted(queue: string, durationSeconds: number): void;
  /** one failed attempt (a retry may follow) */
  jobFailed(queue: string, durationSeconds: number): void;
  queueDepth(queue: string, state: QueueDepthState, count: number): void;
  /** `socialpredict_readmodel_age_seconds{kind}` */
  readModelAge(kind: string, ageSeconds: number): void;
  /** `socialpredict_ledger_integrity_violations`: violations found by the latest check */
  integrityViolations(count: number): void;
}

/** For processes that export no metrics (one-shot CLI commands). */
export const NO_JOB_METRICS: JobMetrics = {
  jobCompleted: () => undefined,
  jobFailed: () => undefined,
  queueDepth: () => undefined,
  readModelAge: () => undefined,
  integrityViolations: () => undefined,
};
