// Follow-ups of concurrent writes sharing their round trips (docs/performance.md#follow-up-coalescing): never joined
// to a send that began before the caller, at most one send waiting, failures reach every caller they stand for.
import { err, ok, okAsync, ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { infrastructureError, type InfrastructureError } from '@socialpredict/domain';
import { coalescing, debouncedRefreshRequests } from '../src/follow-up-coalescing.ts';

/** A send whose completions the test releases one at a time. */
function controlledSend() {
  const started: number[] = [];
  const releases: Array<(failure?: InfrastructureError) => void> = [];
  let clock = 0;
  const send = () => {
    started.push((clock += 1));
    return new ResultAsync<void, InfrastructureError>(
      new Promise((resolve) => releases.push((failure) => resolve(failure === undefined ? ok(undefined) : err(failure)))),
    );
  };
  const releaseNext = async (failure?: InfrastructureError) => {
    releases.shift()?.(failure);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { send, started, releaseNext, pending: () => releases.length };
}

const outage = infrastructureError('UNAVAILABLE', 'connection lost');

describe('coalescing', () => {
  it('runs one send for a lone caller', async () => {
    const control = controlledSend();
    const shared = coalescing(control.send);
    const answer = shared();
    expect(control.started).toHaveLength(1);
    await control.releaseNext();
    expect((await answer).isOk()).toBe(true);
  });

  it('queues the callers arriving during a send for one later send, never the running one', async () => {
    const control = controlledSend();
    const shared = coalescing(control.send);
    const first = shared();
    let laterSettled = 0;
    const later = Array.from({ length: 50 }, () => shared().map(() => void (laterSettled += 1)));
    expect(control.started).toHaveLength(1);

    await control.releaseNext();
    expect((await first).isOk()).toBe(true);
    // The running send ended: the fifty waited for it, and their own send starts only now.
    expect(laterSettled).toBe(0);
    expect(control.started).toHaveLength(2);

    await control.releaseNext();
    for (const answer of later) expect((await answer).isOk()).toBe(true);
    expect(laterSettled).toBe(50);
    expect(control.pending()).toBe(0);
  });

  it('gives a failure to exactly the callers of the failed send', async () => {
    const control = controlledSend();
    const shared = coalescing(control.send);
    const first = shared();
    const second = shared();
    const third = shared();
    await control.releaseNext();
    await control.releaseNext(outage);
    expect((await first).isOk()).toBe(true);
    expect((await second)._unsafeUnwrapErr()).toBe(outage);
    expect((await third)._unsafeUnwrapErr()).toBe(outage);
    // The next caller gets a fresh send, not the failed one.
    const fourth = shared();
    expect(control.started).toHaveLength(3);
    await control.releaseNext();
    expect((await fourth).isOk()).toBe(true);
  });

  it('stops holding the next send back once the running one has hung past its bound', async () => {
    const control = controlledSend();
    const shared = coalescing(control.send, 20);
    void shared();
    const follower = shared();
    expect(control.started).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 40));
    // The first send never answered; the follower's own send started anyway, after it called.
    expect(control.started).toHaveLength(2);
    await control.releaseNext();
    await control.releaseNext();
    expect((await follower).isOk()).toBe(true);
  });

  it('frees its followers when a send rejects instead of answering an error', async () => {
    let calls = 0;
    const shared = coalescing(() => {
      calls += 1;
      return new ResultAsync<void, InfrastructureError>(calls === 1 ? Promise.reject(new Error('driver threw')) : Promise.resolve(ok(undefined)));
    });
    const first = shared();
    const follower = shared();
    await expect(first).rejects.toThrow('driver threw');
    expect((await follower).isOk()).toBe(true);
    expect((await shared()).isOk()).toBe(true);
    expect(calls).toBe(3);
  });
});

describe('debounced refresh requests', () => {
  const DEBOUNCE_SECONDS = 2;

  function requests(answers: boolean[]) {
    let now = 0;
    const sentAt: number[] = [];
    const request = () => {
      sentAt.push(now);
      return okAsync<boolean, InfrastructureError>(answers.shift() ?? false);
    };
    const send = debouncedRefreshRequests(request, () => now, DEBOUNCE_SECONDS, 500);
    return { send, sentAt, advanceTo: (ms: number) => void (now = ms) };
  }

  it('lets a newly queued job cover the writes until shortly before it starts', async () => {
    const { send, sentAt, advanceTo } = requests([true, true]);
    await send();
    advanceTo(1_499);
    await send();
    expect(sentAt).toEqual([0]);
    // 2 s debounce less the 0.5 s margin: from here the job may already be reading.
    advanceTo(1_500);
    await send();
    expect(sentAt).toEqual([0, 1_500]);
  });

  it('takes a refused request (a job was already waiting) as covering nothing', async () => {
    const { send, sentAt, advanceTo } = requests([false, false]);
    await send();
    advanceTo(10);
    await send();
    expect(sentAt).toEqual([0, 10]);
  });
});
