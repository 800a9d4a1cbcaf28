// Follow-ups of concurrent writes sharing their round trips (docs/performance.md#follow-up-coalescing): refresh
// requests never joined to a send that began before the caller, stale marks shared only within their window
// (docs/performance.md#stale-mark-window), failures reaching every caller they stand for.
import { err, errAsync, ok, okAsync, ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { infrastructureError, STALE_MARK_WINDOW_MS, type InfrastructureError } from '@socialpredict/domain';
import { memoryJobRepositories, MemoryDatabase } from '@socialpredict/persistence/memory';
import { coalescing, debouncedRefreshRequests, windowedStaleMarks } from '../src/follow-up-coalescing.ts';

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

  const RETRY_MS = 20;

  function requests(answers: boolean[]) {
    let now = 0;
    const sentAt: number[] = [];
    const request = () => {
      sentAt.push(now);
      return okAsync<boolean, InfrastructureError>(answers.shift() ?? false);
    };
    const send = debouncedRefreshRequests(request, () => now, DEBOUNCE_SECONDS, 500, RETRY_MS);
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

  it('answers a refused request (a job was already waiting) with one retry that stands for the writes until it is sent', async () => {
    const { send, sentAt, advanceTo } = requests([false, true]);
    await send();
    expect(sentAt).toEqual([0]);
    // The writes after the refusal wait for the retry instead of each asking again.
    advanceTo(10);
    const waiting = [send(), send(), send()];
    expect(sentAt).toEqual([0]);
    advanceTo(30);
    for (const write of waiting) expect((await write).isOk()).toBe(true);
    // Sent after all of them, and it queued a job: they are covered, and so are the writes until shortly before it starts.
    expect(sentAt).toEqual([0, 30]);
    advanceTo(1_529);
    await send();
    expect(sentAt).toEqual([0, 30]);
  });

  it('retries until a request queues a job', async () => {
    const { send, sentAt, advanceTo } = requests([false, false, false, true]);
    await send();
    advanceTo(5);
    await send();
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS * 4));
    expect(sentAt).toHaveLength(4);
    advanceTo(6);
    await send();
    expect(sentAt).toHaveLength(4);
  });

  it('stops retrying once a waiting job must have started, and lets the next write ask again', async () => {
    let now = 0;
    const sentAt: number[] = [];
    // 100 ms debounce, no margin: at most 100 / 20 = 5 retries after the refusal.
    const send = debouncedRefreshRequests(() => (sentAt.push(now), okAsync<boolean, InfrastructureError>(false)), () => now, 0.1, 0, RETRY_MS);
    await send();
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS * 10));
    expect(sentAt).toHaveLength(6);
    now = 1;
    await send();
    expect(sentAt).toHaveLength(7);
  });

  it('gives a failed retry to the writes that waited for it', async () => {
    let now = 0;
    const answers: Array<boolean | InfrastructureError> = [false, outage];
    const send = debouncedRefreshRequests(
      () => {
        const answer = answers.shift() ?? true;
        return typeof answer === 'boolean' ? okAsync<boolean, InfrastructureError>(answer) : errAsync<boolean, InfrastructureError>(answer);
      },
      () => now,
      DEBOUNCE_SECONDS,
      500,
      RETRY_MS,
    );
    await send();
    now = 10;
    expect((await send())._unsafeUnwrapErr()).toBe(outage);
    // The next write sends its own request.
    expect((await send()).isOk()).toBe(true);
  });
});

describe('stale marks shared within their window', () => {
  const WINDOW_MS = 500;

  /** Marks whose landing the test releases one at a time, stamped by a clock the test moves. */
  function marks() {
    let now = 0;
    const stamps: number[] = [];
    const releases: Array<(failure?: InfrastructureError) => void> = [];
    const mark = (at: number) => {
      stamps.push(at);
      return new ResultAsync<void, InfrastructureError>(
        new Promise((resolve) => releases.push((failure) => resolve(failure === undefined ? ok(undefined) : err(failure)))),
      );
    };
    const send = windowedStaleMarks(mark, () => now, WINDOW_MS);
    const land = async (failure?: InfrastructureError) => {
      releases.shift()?.(failure);
      await new Promise((resolve) => setTimeout(resolve, 0));
    };
    return { send, stamps, land, advanceTo: (ms: number) => void (now = ms), inFlight: () => releases.length };
  }

  it('sends one mark for the writes of its window: those during its flight wait for it, later ones not at all', async () => {
    const { send, stamps, land, advanceTo } = marks();
    const first = send();
    advanceTo(100);
    let joinedSettled = false;
    const joined = send().map(() => void (joinedSettled = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The joined write answers only once the mark it relies on has landed.
    expect(joinedSettled).toBe(false);
    await land();
    expect((await first).isOk()).toBe(true);
    expect((await joined).isOk()).toBe(true);
    advanceTo(WINDOW_MS);
    expect((await send()).isOk()).toBe(true);
    expect(stamps).toEqual([0]);
  });

  it('stamps the next mark with the time of the first write after the window', async () => {
    const { send, stamps, land, advanceTo, inFlight } = marks();
    void send();
    await land();
    advanceTo(WINDOW_MS + 1);
    const next = send();
    expect(inFlight()).toBe(1);
    await land();
    expect((await next).isOk()).toBe(true);
    expect(stamps).toEqual([0, WINDOW_MS + 1]);
  });

  it('gives a failed mark to the writes that joined it, and lets the next write send its own', async () => {
    const { send, stamps, land, advanceTo } = marks();
    const first = send();
    advanceTo(10);
    const joined = send();
    await land(outage);
    expect((await first)._unsafeUnwrapErr()).toBe(outage);
    expect((await joined)._unsafeUnwrapErr()).toBe(outage);
    advanceTo(20);
    const retried = send();
    await land();
    expect((await retried).isOk()).toBe(true);
    expect(stamps).toEqual([0, 20]);
  });

  it('stops joining a mark that hangs once its window has passed', async () => {
    const { send, stamps, advanceTo, inFlight } = marks();
    void send();
    advanceTo(WINDOW_MS + 1);
    void send();
    expect(inFlight()).toBe(2);
    expect(stamps).toEqual([0, WINDOW_MS + 1]);
  });

  it('with the snapshot store: a rebuild that missed a write relying on an earlier mark keeps the snapshot marked', async () => {
    const { snapshots } = memoryJobRepositories(new MemoryDatabase());
    let now = 0;
    const send = windowedStaleMarks((at) => snapshots.markStale(['global_leaderboard'], at), () => now, STALE_MARK_WINDOW_MS);
    (await snapshots.save('global_leaderboard', ['before'], -10_000))._unsafeUnwrap();
    // Write A commits and marks at 0; write B commits at 300 and relies on A's mark.
    (await send())._unsafeUnwrap();
    now = 300;
    (await send())._unsafeUnwrap();
    // A rebuild that started reading at 200 saw A but not B: the mark must survive its save.
    (await snapshots.save('global_leaderboard', ['with A'], 200))._unsafeUnwrap();
    expect((await snapshots.load('global_leaderboard'))._unsafeUnwrap()?.staleSince).toBe(0);
    // One that started after both writes and a whole window after the mark clears it.
    (await snapshots.save('global_leaderboard', ['with A and B'], STALE_MARK_WINDOW_MS + 1))._unsafeUnwrap();
    expect((await snapshots.load('global_leaderboard'))._unsafeUnwrap()?.staleSince).toBeNull();
  });
});
