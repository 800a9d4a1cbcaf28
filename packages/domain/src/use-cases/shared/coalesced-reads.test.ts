import fc from 'fast-check';
import { errAsync, okAsync, ResultAsync, type Result } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { coalesceReads } from './coalesced-reads.ts';

/** A read whose loads the test settles by hand; each load answers with its start order. */
function controlledRead() {
  const loads: { key: string; started: number; settle: (result: Result<number, string>) => void }[] = [];
  const read = (input: { key: string }) =>
    new ResultAsync<number, string>(
      new Promise((resolve) => {
        const started = loads.length;
        loads.push({ key: input.key, started, settle: resolve });
      }),
    );
  return { loads, read };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('coalesced reads (docs/performance.md#coalesced-reads)', () => {
  it('starts a load at once when none of the key runs, and readers arriving during it share the next one', async () => {
    const { loads, read } = controlledRead();
    const coalesced = coalesceReads(read, (input) => input.key);
    const first = coalesced({ key: 'm1' });
    expect(loads).toHaveLength(1);
    const second = coalesced({ key: 'm1' });
    const third = coalesced({ key: 'm1' });
    // the running load may have read before a write these readers saw: they wait for a load of their own
    expect(loads).toHaveLength(1);
    loads[0]!.settle(await okAsync(0));
    expect((await first)._unsafeUnwrap()).toBe(0);
    await tick();
    expect(loads).toHaveLength(2);
    loads[1]!.settle(await okAsync(1));
    expect((await second)._unsafeUnwrap()).toBe(1);
    expect((await third)._unsafeUnwrap()).toBe(1);
    // nothing runs now: the next reader starts a load at once
    void coalesced({ key: 'm1' });
    expect(loads).toHaveLength(3);
  });

  it('keeps keys apart', async () => {
    const { loads, read } = controlledRead();
    const coalesced = coalesceReads(read, (input) => input.key);
    const a = coalesced({ key: 'a' });
    const b = coalesced({ key: 'b' });
    expect(loads.map((load) => load.key)).toEqual(['a', 'b']);
    loads[0]!.settle(await okAsync(10));
    loads[1]!.settle(await okAsync(20));
    expect((await a)._unsafeUnwrap()).toBe(10);
    expect((await b)._unsafeUnwrap()).toBe(20);
  });

  it('shares an error with the readers of its load, and a failed or rejected load does not hold the key', async () => {
    let calls = 0;
    const coalesced = coalesceReads(
      (_input: { key: string }) => {
        calls += 1;
        if (calls === 1) return errAsync('down');
        if (calls === 2) return new ResultAsync<number, string>(Promise.reject(new Error('driver fault')));
        return okAsync(calls);
      },
      (input) => input.key,
    );
    expect((await coalesced({ key: 'k' }))._unsafeUnwrapErr()).toBe('down');
    await expect(Promise.resolve(coalesced({ key: 'k' }))).rejects.toThrow('driver fault');
    expect((await coalesced({ key: 'k' }))._unsafeUnwrap()).toBe(3);
  });

  it('never answers a reader from a load that began before it arrived, and runs one load per key at a time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.record({ arrive: fc.constantFrom('a', 'b') }), fc.record({ settle: fc.nat(3) })), { maxLength: 60 }),
        async (steps) => {
          const { loads, read } = controlledRead();
          // a load's answer is its start order, so `arrivedAfterLoads` tells which loads began after a reader arrived
          const coalesced = coalesceReads(read, (input) => input.key);
          const settled = new Set<number>();
          const readers: { key: string; arrivedAfterLoads: number; answer: Promise<Result<number, string>> }[] = [];
          const settleOne = async (pick: number) => {
            const open = loads.filter((load) => !settled.has(load.started));
            const load = open[pick % Math.max(1, open.length)];
            if (load === undefined) return;
            settled.add(load.started);
            load.settle(await okAsync(load.started));
            await tick();
          };
          for (const step of steps) {
            if ('arrive' in step) {
              readers.push({ key: step.arrive, arrivedAfterLoads: loads.length, answer: Promise.resolve(coalesced({ key: step.arrive })) });
            } else {
              await settleOne(step.settle);
            }
            const running = loads.filter((load) => !settled.has(load.started));
            expect(new Set(running.map((load) => load.key)).size).toBe(running.length);
          }
          while (loads.some((load) => !settled.has(load.started))) await settleOne(0);
          for (const reader of readers) {
            const started = (await reader.answer)._unsafeUnwrap();
            // the answering load was started after the reader arrived, and for the reader's key
            expect(started).toBeGreaterThanOrEqual(reader.arrivedAfterLoads);
            expect(loads[started]!.key).toBe(reader.key);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
