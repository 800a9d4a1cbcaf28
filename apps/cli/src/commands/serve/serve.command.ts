// `pnpm cli serve` (default command): the API process as the API's composition root builds it (DEP-1 boot order,
// DEP-2 shutdown). With CLUSTER_WORKERS=N this process becomes the cluster primary of DEP-3 instead: it only
// supervises N workers, each of which runs this same command and reports ready once it listens.
import cluster from 'node:cluster';
import type { CommandContext, CommandDefinition } from '../../command.ts';
import { createClusterSupervisor, READY_MESSAGE, type SupervisedWorker } from '../../cluster/cluster-supervisor.ts';

/** The longest a replacement worker may take to boot (connect, verify migrations, listen). */
const WORKER_READY_TIMEOUT_MS = 60_000;

async function serveApi(context: CommandContext): Promise<number> {
  const api = await (await context.api()).startApi(context.config, await context.logger());
  // Tells a cluster primary that this worker accepts connections (no-op outside a cluster).
  process.send?.(READY_MESSAGE);
  await context.waitForStop();
  const exitCode = await api.shutdown();
  // A cluster worker's IPC channel would otherwise keep the stopped process alive.
  process.channel?.unref();
  return exitCode;
}

async function superviseWorkers(context: CommandContext): Promise<number> {
  const { server, process: processConfig } = context.config;
  const logger = await context.logger();
  const supervisor = createClusterSupervisor({
    workers: processConfig.clusterWorkers,
    fork: (): SupervisedWorker => {
      const worker = cluster.fork();
      return {
        id: worker.id,
        onMessage: (listener) => void worker.on('message', listener),
        onExit: (listener) => void worker.on('exit', listener),
        // Straight to the process: worker.kill() would first cut the IPC channel the worker may still log through.
        kill: (signal: NodeJS.Signals) => void worker.process.kill(signal),
      };
    },
    logger,
    readyTimeoutMs: WORKER_READY_TIMEOUT_MS,
    // Readiness drain plus the request budget, plus time to close the pool (DEP-2; supervisors allow ≥ 20 s).
    stopTimeoutMs: (server.readinessDrainSeconds + server.shutdownTimeoutSeconds + 5) * 1000,
    backoffInitialMs: 1000,
    backoffMaxMs: 30_000,
  });
  process.on('SIGHUP', () => void supervisor.rollingRestart());
  logger.info({ event: 'cluster.started', workers: processConfig.clusterWorkers }, 'cluster primary supervising workers');
  if (!(await supervisor.start())) logger.warn({ event: 'cluster.start_incomplete' }, 'not every worker became ready in time');
  const signal = await context.waitForStop();
  logger.info({ event: 'shutdown.begin', signal }, 'stopping every worker');
  await supervisor.shutdown();
  logger.info({ event: 'shutdown.done' }, 'cluster stopped');
  return 0;
}

export const serveCommand: CommandDefinition = {
  name: 'serve',
  summary: 'Run the HTTP API (the default); CLUSTER_WORKERS=N runs N workers under a supervising primary.',
  usage: '',
  options: {},
  run: (context) =>
    context.config.process.clusterWorkers > 0 && cluster.isPrimary ? superviseWorkers(context) : serveApi(context),
};
