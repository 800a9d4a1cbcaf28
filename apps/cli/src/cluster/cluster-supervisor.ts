// DEP-3: with CLUSTER_WORKERS=N the primary process only supervises N API workers. SIGHUP rolls them one at a time
// (fork the replacement, wait for its "ready" message, then stop one old worker gracefully), so some worker always
// accepts connections; a worker that dies unasked is replaced after a backoff that grows while crashes repeat.

/** What the supervisor needs of a node:cluster worker (a fake in tests). */
export interface SupervisedWorker {
  readonly id: number;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(signal: NodeJS.Signals): void;
}

export interface SupervisorLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface SupervisorOptions {
  workers: number;
  fork: () => SupervisedWorker;
  logger: SupervisorLogger;
  /** a replacement that is not ready by then is stopped and the rolling restart aborted */
  readyTimeoutMs: number;
  /** a worker still running this long after SIGTERM gets SIGKILL (≥ the workers' drain + shutdown budget) */
  stopTimeoutMs: number;
  /** crash backoff: first delay, doubled per consecutive crash, capped */
  backoffInitialMs: number;
  backoffMaxMs: number;
}

/** The message a worker sends once it listens and its readiness is open. */
export const READY_MESSAGE = { type: 'socialpredict:ready' } as const;

export function isReadyMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === READY_MESSAGE.type;
}

interface Tracked {
  worker: SupervisedWorker;
  ready: Promise<boolean>;
  exited: Promise<void>;
  /** true once the supervisor asked it to stop: its exit is expected */
  retiring: boolean;
  /** a rolling restart's replacement that has not reported ready: if it dies, the restart aborts instead */
  probation: boolean;
}

export interface ClusterSupervisor {
  /** Resolves when the first N workers reported ready (false if any did not in time). */
  start(): Promise<boolean>;
  /** SIGHUP: replaces every current worker, one at a time. Concurrent calls share one pass. */
  rollingRestart(): Promise<boolean>;
  /** SIGTERM/SIGINT: stops every worker gracefully; no more replacements. */
  shutdown(): Promise<void>;
  workerIds(): number[];
}

export function createClusterSupervisor(options: SupervisorOptions): ClusterSupervisor {
  const { logger } = options;
  const live = new Map<number, Tracked>();
  let consecutiveCrashes = 0;
  let shuttingDown = false;
  let rolling: Promise<boolean> | undefined;

  const spawnWorker = (probation = false): Tracked => {
    const worker = options.fork();
    let markReady: (ready: boolean) => void = () => undefined;
    const ready = new Promise<boolean>((resolve) => {
      markReady = resolve;
    });
    const timer = setTimeout(() => markReady(false), options.readyTimeoutMs);
    timer.unref?.();
    let markExited: () => void = () => undefined;
    const exited = new Promise<void>((resolve) => {
      markExited = resolve;
    });
    const tracked: Tracked = { worker, ready, exited, retiring: false, probation };
    live.set(worker.id, tracked);

    worker.onMessage((message) => {
      if (!isReadyMessage(message)) return;
      clearTimeout(timer);
      consecutiveCrashes = 0;
      tracked.probation = false;
      markReady(true);
      logger.info({ event: 'cluster.worker_ready', worker: worker.id }, 'worker ready');
    });
    worker.onExit((code, signal) => {
      clearTimeout(timer);
      markReady(false);
      live.delete(worker.id);
      markExited();
      if (tracked.retiring || tracked.probation || shuttingDown) {
        logger.info({ event: 'cluster.worker_stopped', worker: worker.id, code, signal }, 'worker stopped');
        return;
      }
      consecutiveCrashes += 1;
      const delay = Math.min(options.backoffMaxMs, options.backoffInitialMs * 2 ** (consecutiveCrashes - 1));
      logger.error({ event: 'cluster.worker_crashed', worker: worker.id, code, signal, restart_in_ms: delay }, 'worker died; replacing it');
      const restart = setTimeout(() => {
        if (!shuttingDown) spawnWorker();
      }, delay);
      restart.unref?.();
    });
    return tracked;
  };

  const retire = async (tracked: Tracked): Promise<void> => {
    tracked.retiring = true;
    tracked.worker.kill('SIGTERM');
    const killer = setTimeout(() => {
      logger.warn({ event: 'cluster.worker_killed', worker: tracked.worker.id }, 'worker did not stop in time; killing it');
      tracked.worker.kill('SIGKILL');
    }, options.stopTimeoutMs);
    killer.unref?.();
    await tracked.exited;
    clearTimeout(killer);
  };

  const rollOnce = async (): Promise<boolean> => {
    const previous = [...live.values()];
    logger.info({ event: 'cluster.rolling_restart', workers: previous.length }, 'rolling restart started');
    for (const old of previous) {
      if (shuttingDown) return false;
      if (!live.has(old.worker.id)) continue;
      const replacement = spawnWorker(true);
      if (!(await replacement.ready)) {
        logger.error({ event: 'cluster.rolling_restart_aborted', worker: replacement.worker.id }, 'replacement never became ready; keeping the old workers');
        if (live.has(replacement.worker.id)) await retire(replacement);
        return false;
      }
      await retire(old);
    }
    logger.info({ event: 'cluster.rolling_restart_done' }, 'rolling restart finished');
    return true;
  };

  return {
    start: async () => {
      const started = Array.from({ length: options.workers }, () => spawnWorker());
      const ready = await Promise.all(started.map((tracked) => tracked.ready));
      return ready.every(Boolean);
    },
    rollingRestart: () => {
      rolling ??= rollOnce().finally(() => {
        rolling = undefined;
      });
      return rolling;
    },
    shutdown: async () => {
      shuttingDown = true;
      await Promise.all([...live.values()].map(retire));
    },
    workerIds: () => [...live.keys()],
  };
}
