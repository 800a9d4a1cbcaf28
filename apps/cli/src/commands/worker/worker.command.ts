// `pnpm cli worker` (JOB-2, CFG-6): consumes the job queues without serving HTTP, for deployments that run the API
// with JOBS_ENABLED=false (and READ_MODEL_WORKER=external). Stops on SIGTERM/SIGINT, letting active jobs finish
// within the shutdown budget (JOB-5).
import { createJobProcess, NO_JOB_METRICS, type JobRunner } from '@socialpredict/jobs';
import { CommandFailure, type CommandContext, type CommandDefinition } from '../../command.ts';

export async function startWorker(context: CommandContext): Promise<JobRunner> {
  const { config } = context;
  if (config.database.url === undefined) {
    // PGlite's data directory belongs to one process; there the API process runs the jobs itself.
    throw new CommandFailure('worker needs PostgreSQL (DATABASE_URL): with embedded PGlite the API process runs the jobs (JOBS_ENABLED=true)');
  }
  const logger = await context.logger();
  const runtime = await context.runtime();
  const runner = createJobProcess({
    database: runtime.database,
    reporting: runtime.deps,
    clock: runtime.clock,
    logger,
    // A worker serves no /metrics; its figures show in the API's socialpredict_jobs_queue_depth and in the logs.
    metrics: NO_JOB_METRICS,
    settings: config.database,
    consume: true,
  });
  await runner.start();
  return runner;
}

export const workerCommand: CommandDefinition = {
  name: 'worker',
  summary: 'Run the background jobs only (no HTTP); stops gracefully on SIGTERM.',
  usage: '',
  options: {},
  run: async (context) => {
    const runner = await startWorker(context);
    const logger = await context.logger();
    const signal = await context.waitForStop();
    logger.info({ event: 'shutdown.begin', signal }, 'worker stopping');
    await runner.stop(context.config.server.shutdownTimeoutSeconds * 1000);
    logger.info({ event: 'shutdown.done' }, 'worker stopped');
    return 0;
  },
};
