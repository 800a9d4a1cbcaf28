// The job series of MON-3, defined once here: names, help texts, labels and buckets. The composition root passes a
// factory over its prom-client registry (prom-client's Counter, Gauge and Histogram fit these shapes), so the API's
// /metrics exports them without this package depending on prom-client.
import type { JobMetrics } from './job-ports.ts';

type Labels = Record<string, string>;

export interface MetricFactory {
  counter(name: string, help: string, labelNames: string[]): { inc(labels: Labels, value?: number): void };
  gauge(name: string, help: string, labelNames: string[]): { set(labels: Labels, value: number): void };
  histogram(name: string, help: string, labelNames: string[], buckets: number[]): { observe(labels: Labels, value: number): void };
}

/** Jobs take from milliseconds (a sweep with nothing due) to minutes (an integrity check over a large ledger). */
export const JOB_DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300];

export function createJobMetrics(factory: MetricFactory): JobMetrics {
  const completed = factory.counter('socialpredict_jobs_completed_total', 'Jobs that completed, per queue', ['queue']);
  const failed = factory.counter('socialpredict_jobs_failed_total', 'Failed job attempts (retried or dead-lettered), per queue', ['queue']);
  const duration = factory.histogram('socialpredict_jobs_duration_seconds', 'Time one job attempt took', ['queue'], JOB_DURATION_BUCKETS);
  const depth = factory.gauge('socialpredict_jobs_queue_depth', 'Jobs per queue and state', ['queue', 'state']);
  const age = factory.gauge('socialpredict_readmodel_age_seconds', 'Age of the oldest snapshot of each job-maintained read model', ['kind']);
  const violations = factory.gauge('socialpredict_ledger_integrity_violations', 'Violations found by the latest ledger integrity check', []);
  return {
    jobCompleted: (queue, seconds) => {
      completed.inc({ queue });
      duration.observe({ queue }, seconds);
    },
    jobFailed: (queue, seconds) => {
      failed.inc({ queue });
      duration.observe({ queue }, seconds);
    },
    queueDepth: (queue, state, count) => depth.set({ queue, state }, count),
    readModelAge: (kind, seconds) => age.set({ kind }, seconds),
    integrityViolations: (count) => violations.set({}, count),
  };
}
