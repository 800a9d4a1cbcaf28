// The background jobs inside the API process (JOB-2 default): the runner on the application database (PostgreSQL or
// embedded PGlite), its MON-3 series on the API's prom-client registry, and the follow-up jobs of the writes that
// change global read models (JOB-3).
import type { Logger } from 'pino';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ResultAsync } from 'neverthrow';
import type { AppConfig } from '@socialpredict/config';
import { createJobMetrics, createJobProcess, QUEUES, type JobRunner, type MetricFactory } from '@socialpredict/jobs';
import type { Runtime } from './composition.ts';
import type { AppUseCases } from './use-cases.ts';

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

/**
 * JOB-3 follow-ups of a committed write: a debounced refresh of the global read models, and after a resolution the
 * holders' notifications. Sent after the use case's transaction and not awaited, so a queue failure costs a warning,
 * never the response.
 */
export function withJobFollowUps(
  useCases: AppUseCases,
  jobs: Pick<JobRunner, 'requestReadModelRefresh' | 'enqueue'>,
  logger: Logger,
): AppUseCases {
  const send = (after: string, enqueue: () => Promise<unknown>) => {
    enqueue().catch((error: unknown) => logger.warn({ event: 'jobs.enqueue_failed', after, err: error }, 'could not enqueue a follow-up job'));
  };
  const refreshAfter =
    <I, O, E>(after: string, useCase: (input: I) => ResultAsync<O, E>) =>
    (input: I) =>
      useCase(input).andTee(() => send(after, () => jobs.requestReadModelRefresh()));
  return {
    ...useCases,
    placeBet: refreshAfter('bet', useCases.placeBet),
    sell: refreshAfter('sell', useCases.sell),
    createMarket: refreshAfter('create_market', useCases.createMarket),
    registerUser: refreshAfter('register_user', useCases.registerUser),
    resolveMarket: (input) =>
      refreshAfter('resolve', useCases.resolveMarket)(input).andTee(({ marketId }) =>
        send('resolve', () => jobs.enqueue(QUEUES.marketNotify, { marketId })),
      ),
  };
}
