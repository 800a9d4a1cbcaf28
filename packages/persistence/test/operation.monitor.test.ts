// The pool figures derived from the operations in flight (MON-3) and the reports of OperationScope (DB-9), without a
// database: each operation's work is a promise the test settles.
import { describe, expect, it } from 'vitest';
import { OperationScope, PoolUsage, type DatabaseObserver } from '../src/drizzle/operation.monitor.ts';

function deferred() {
  let settle!: (fail?: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    settle = (fail) => (fail === undefined ? resolve() : reject(fail));
  });
  return { promise, settle };
}

function recordingObserver() {
  const finished: string[] = [];
  const slow: { operation: string; failed: boolean }[] = [];
  const observer: DatabaseObserver = {
    operationFinished: (operation) => finished.push(operation),
    slowOperation: (operation, _seconds, failed) => slow.push({ operation, failed }),
  };
  return { observer, finished, slow };
}

describe('PoolUsage', () => {
  it('counts a wait only for a claim made while every connection is taken', () => {
    const pool = new PoolUsage(2);
    expect(pool.figures()).toEqual({ inUse: 0, idle: 2, waiting: 0, waits: 0 });
    pool.claim();
    pool.claim();
    expect(pool.figures()).toEqual({ inUse: 2, idle: 0, waiting: 0, waits: 0 });
    pool.claim();
    pool.claim();
    expect(pool.figures()).toEqual({ inUse: 2, idle: 0, waiting: 2, waits: 2 });
    pool.release();
    pool.release();
    pool.release();
    expect(pool.figures()).toEqual({ inUse: 1, idle: 1, waiting: 0, waits: 2 });
    pool.claim();
    expect(pool.figures()).toEqual({ inUse: 2, idle: 0, waiting: 0, waits: 2 });
  });
});

describe('OperationScope', () => {
  it('holds a claim for each pooled operation while it runs, failed or not', async () => {
    const pool = new PoolUsage(1);
    const scope = new OperationScope(recordingObserver().observer, 1_000, pool);
    const first = deferred();
    const second = deferred();
    const running = [scope.run('a', () => first.promise), scope.run('b', () => second.promise).catch(() => 'failed')];
    expect(pool.figures()).toEqual({ inUse: 1, idle: 0, waiting: 1, waits: 1 });
    first.settle();
    second.settle(new Error('connection lost'));
    expect(await Promise.all(running)).toEqual([undefined, 'failed']);
    expect(pool.figures()).toEqual({ inUse: 0, idle: 1, waiting: 0, waits: 1 });
  });

  it('counts a transaction as one claim and the operations inside it as none', async () => {
    const pool = new PoolUsage(1);
    const scope = new OperationScope(recordingObserver().observer, 1_000, pool);
    const inside = deferred();
    const transaction = scope.hold(async () => {
      await Promise.all([scope.inTransaction.run('lockTrade', () => inside.promise), scope.inTransaction.run('appendTrade', async () => undefined)]);
    });
    expect(pool.figures()).toEqual({ inUse: 1, idle: 0, waiting: 0, waits: 0 });
    inside.settle();
    await transaction;
    expect(pool.figures()).toEqual({ inUse: 0, idle: 1, waiting: 0, waits: 0 });
  });

  it('reports every operation as finished and those at or above the threshold once as slow', async () => {
    const { observer, finished, slow } = recordingObserver();
    const scope = new OperationScope(observer, 0, new PoolUsage(1));
    await scope.run('users.count', async () => 1);
    await scope.run('markets.list', async () => Promise.reject(new Error('boom'))).catch(() => undefined);
    expect(finished).toEqual(['users.count', 'markets.list']);
    expect(slow).toEqual([
      { operation: 'users.count', failed: false },
      { operation: 'markets.list', failed: true },
    ]);

    const patient = recordingObserver();
    await new OperationScope(patient.observer, 60_000, new PoolUsage(1)).run('users.count', async () => 1);
    expect(patient.finished).toEqual(['users.count']);
    expect(patient.slow).toEqual([]);
  });
});
