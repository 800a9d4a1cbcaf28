// The background jobs inside the API process (JOB-2 default): the runner on the application database (PostgreSQL or
// embedded PGlite) and its MON-3 series on the API's prom-client registry.
import type { Logger } from 'pino';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { AppConfig } from '@socialpredict/config';
import { createJobMetrics, createJobProcess, type JobRunner, type MetricFactory } from '@socialpredict/jobs';
import type { Runtime } from './composition.ts';

export function promMetricFactory(registry: Registry): MetricFactory {
  const registers = [registry];
  return {
    counter: (name, help, labelNames) => new Counter({ name, help, labelNames, registers }),
    gauge: (name, help, labelNames) => new Gauge({ name, help, labelNames, registers }),
    histogram: (name, help, labelNames, buckets) => new Histogram({ name, help, labelNames, buckets, registers }),
  };
}

/** Starts the runner (consuming only with JOBS_ENABLED), on PostgreSQL or through the embedded PGlite client. */
export async function startBackgroundJobs(
  runtime: Pick<Runtime, 'database' | 'deps' | 'clock'>,
  config: AppConfig,
  registry: Registry,
  logger: Logger,
): Promise<JobRunner> {
  const runner = createJobProcess({
    database: runtime.database,
    reporting: runtime.deps,
    clock: runtime.clock,
    logger,
    metrics: createJobMetrics(promMetricFactory(registry)),
    settings: config.database,
    consume: config.process.jobsEnabled,
  });
  await runner.start();
  return runner;
}
