// DEP-3 supervisor logic on fake workers: a rolling restart never has fewer ready workers than configured, waits for
// each replacement's ready message before stopping an old worker, aborts when a replacement fails, and crashed
// workers come back after a growing backoff.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClusterSupervisor, READY_MESSAGE, type SupervisedWorker } from './cluster-supervisor.ts';

class FakeWorker implements SupervisedWorker {
  readonly events = new EventEmitter();
  readonly signals: NodeJS.Signals[] = [];
  readonly id: number;
  alive = true;
  constructor(id: number) {
    this.id = id;
  }
  onMessage(listener: (message: unknown) => void): void {
    this.events.on('message', listener);
  }
  onExit(listener: (code: number | null, signal: string | null) => void): void {
    this.events.on('exit', listener);
  }
  kill(signal: NodeJS.Signals): void {
    this.signals.push(signal);
  }
  ready(): void {
    this.events.emit('message', READY_MESSAGE);
  }
  exit(code: number | null, signal: string | null = null): void {
    this.alive = false;
    this.events.emit('exit', code, signal);
  }
}

const quietLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function harness(behaviour: { autoReady?: boolean; exitOnSigterm?: boolean } = {}) {
  const workers: FakeWorker[] = [];
  const supervisor = createClusterSupervisor({
    workers: 2,
    fork: () => {
      const worker = new FakeWorker(workers.length + 1);
      workers.push(worker);
      if (behaviour.autoReady ?? true) queueMicrotask(() => worker.ready());
      if (behaviour.exitOnSigterm ?? true) {
        const kill = worker.kill.bind(worker);
        worker.kill = (signal) => {
          kill(signal);
          queueMicrotask(() => worker.exit(0, null));
        };
      }
      return worker;
    },
    logger: quietLogger,
    readyTimeoutMs: 5000,
    stopTimeoutMs: 20_000,
    backoffInitialMs: 1000,
    backoffMaxMs: 4000,
  });
  const alive = () => workers.filter((worker) => worker.alive).map((worker) => worker.id);
  return { supervisor, workers, alive };
}

describe('cluster supervisor', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts the configured number of workers and reports when all are ready', async () => {
    const { supervisor, alive } = harness();
    await expect(supervisor.start()).resolves.toBe(true);
    expect(alive()).toEqual([1, 2]);
  });

  it('replaces workers one at a time on a rolling restart, each old one only after its replacement is ready', async () => {
    const { supervisor, workers, alive } = harness({ autoReady: false });
    const starting = supervisor.start();
    workers.forEach((worker) => worker.ready());
    await starting;

    const restarting = supervisor.rollingRestart();
    expect(workers).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(100);
    expect(workers[0]?.signals).toEqual([]);
    workers[2]?.ready();
    await vi.waitFor(() => expect(workers).toHaveLength(4));
    expect(workers[0]?.signals).toEqual(['SIGTERM']);
    expect(workers[1]?.signals).toEqual([]);
    workers[3]?.ready();
    await expect(restarting).resolves.toBe(true);
    expect(workers[1]?.signals).toEqual(['SIGTERM']);
    expect(alive()).toEqual([3, 4]);
    expect(supervisor.workerIds()).toEqual([3, 4]);
  });

  it('shares one pass between overlapping SIGHUPs', async () => {
    const { supervisor, workers } = harness();
    await supervisor.start();
    const [first, second] = [supervisor.rollingRestart(), supervisor.rollingRestart()];
    await expect(Promise.all([first, second])).resolves.toEqual([true, true]);
    expect(workers).toHaveLength(4);
  });

  it('keeps the old workers when a replacement never becomes ready', async () => {
    const { supervisor, workers, alive } = harness({ autoReady: false });
    const starting = supervisor.start();
    workers.forEach((worker) => worker.ready());
    await starting;
    const restarting = supervisor.rollingRestart();
    await vi.waitFor(() => expect(workers).toHaveLength(3));
    await vi.advanceTimersByTimeAsync(5000);
    await expect(restarting).resolves.toBe(false);
    expect(workers[2]?.signals).toEqual(['SIGTERM']);
    expect(alive()).toEqual([1, 2]);
  });

  it('replaces a crashed worker after a backoff that doubles while crashes repeat', async () => {
    const { supervisor, workers, alive } = harness({ autoReady: false });
    const starting = supervisor.start();
    workers.forEach((worker) => worker.ready());
    await starting;

    workers[0]?.exit(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(workers).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(workers).toHaveLength(3);

    // The replacement dies before becoming ready: the next delay is twice as long.
    workers[2]?.exit(1);
    await vi.advanceTimersByTimeAsync(1999);
    expect(workers).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(workers).toHaveLength(4);
    workers[3]?.ready();
    expect(alive()).toEqual([2, 4]);
  });

  it('stops every worker on shutdown, killing one that ignores SIGTERM, and replaces none', async () => {
    const { supervisor, workers } = harness({ exitOnSigterm: false });
    await supervisor.start();
    const stopping = supervisor.shutdown();
    expect(workers.map((worker) => worker.signals)).toEqual([['SIGTERM'], ['SIGTERM']]);
    workers[0]?.exit(0);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(workers[1]?.signals).toEqual(['SIGTERM', 'SIGKILL']);
    workers[1]?.exit(null, 'SIGKILL');
    await stopping;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(workers).toHaveLength(2);
  });
});
