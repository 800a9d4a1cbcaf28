// `pnpm start`, `pnpm cli serve` (default command): the API process on the shared runtime (DEP-1 boot order, DEP-2
// shutdown, ERR-6 fatal errors). With CLUSTER_WORKERS=N this process becomes the cluster primary of DEP-3 instead:
// it only supervises N workers, each of which runs this same command and reports ready once it listens.
import cluster, { type Worker } from 'node:cluster';
import { CommandFailure, EXIT, type CommandContext, type CommandDefinition } from '../../command.ts';
import { createClusterSupervisor, isReadyMessage, READY_MESSAGE, type SupervisedWorker } from '../../cluster/cluster-supervisor.ts';
import type { ApiProcess } from './api-bridge.ts';

/** The longest a replacement worker may take to boot (connect, verify migrations, listen). */
const WORKER_READY_TIMEOUT_MS = 60_000;

async function serveApi(context: CommandContext): Promise<number> {
  const logger = await context.logger();
  const composition = await context.composition();
  let api: ApiProcess | undefined;
  // ERR-6: after a fatal error `/health` reports the process as not live, and it drains and exits 1.
  const fatalError = new Promise<'fatal'>((resolve) =>
    context.onFatalError((kind, error) => {
      logger.fatal({ event: 'process.fatal', kind, err: error }, 'fatal error; shutting down');
      api?.markFatal();
      resolve('fatal');
    }),
  );
  try {
    api = await (await context.api()).startApi(context.config, logger, context.holder);
  } catch (error) {
    // CFG-2: a seed the configuration cannot satisfy (a rejected or missing ADMIN_PASSWORD) exits 78, not 1.
    if (!composition.isSeedConfigurationProblem(error)) throw error;
    logger.fatal({ event: 'seed.failed', err: error }, (error as Error).message);
    throw new CommandFailure((error as Error).message, EXIT.config);
  }
  // Tells a cluster primary that this worker accepts connections (no-op outside a cluster).
  process.send?.(READY_MESSAGE);
  const stoppedBy = await Promise.race([context.waitForStop(), fatalError]);
  const exitCode = await api.shutdown();
  return stoppedBy === 'fatal' ? EXIT.failure : exitCode;
}

async function superviseWorkers(context: CommandContext): Promise<number> {
  const { server, process: processConfig } = context.config;
  const logger = await context.logger();
  // The workers that reported ready, for the cluster-wide /metrics (docs/operations.md#cluster).
  const ready = new Map<number, Worker>();
  const answerMetrics = (await context.api()).answerClusterMetrics?.(() => [...ready.values()]) ?? (() => undefined);
  const supervisor = createClusterSupervisor({
    workers: processConfig.clusterWorkers,
    fork: (): SupervisedWorker => {
      const worker = cluster.fork();
      // a worker's /metrics asks the primary for the whole cluster's series (docs/operations.md#cluster)
      worker.on('message', (message: unknown) => {
        if (isReadyMessage(message)) ready.set(worker.id, worker);
        answerMetrics(worker, message);
      });
      worker.on('exit', () => ready.delete(worker.id));
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
