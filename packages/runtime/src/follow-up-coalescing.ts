// Follow-ups of concurrent writes share their round trips (docs/performance.md#follow-up-coalescing). Every trade
// marks the same two global snapshot rows stale and asks for the same debounced refresh job; sent once per trade,
// those statements queued on the rows' locks and cost more database time than the trade itself.
import { ResultAsync, ok, okAsync, type Result } from 'neverthrow';
import type { InfrastructureError } from '@socialpredict/domain';

type Send = () => ResultAsync<void, InfrastructureError>;

/**
 * Stale marks shared within a window (docs/performance.md#stale-mark-window). A write whose follow-up starts at most
 * `windowMs` after a mark was stamped is covered by that mark once it has landed: a rebuild keeps every mark stamped
 * within `windowMs` before its start, so the mark outlives any rebuild that may have missed the write. Such a write
 * waits for the mark still in flight, or not at all; the first write after the window sends the next mark. A failed
 * mark covers nothing, and a mark in flight stops being joined once the window has passed, so one hanging through a
 * database outage holds back only the writes of its window.
 */
export function windowedStaleMarks(mark: (at: number) => ResultAsync<void, InfrastructureError>, now: () => number, windowMs: number): Send {
  let latest: { readonly at: number; readonly landed: Promise<Result<void, InfrastructureError>> } | undefined;
  return () => {
    const at = now();
    if (latest !== undefined && latest.at >= at - windowMs) return new ResultAsync(latest.landed);
    const landed = Promise.resolve(mark(at));
    const current = { at, landed };
    latest = current;
    void landed.then(
      (outcome) => {
        if (outcome.isErr() && latest === current) latest = undefined;
      },
      () => {
        if (latest === current) latest = undefined;
      },
    );
    return new ResultAsync(landed);
  };
}

/**
 * `send` shared by its concurrent callers without weakening what each caller is promised: the effect they get starts
 * after they called. A caller arriving while a send is under way does not join it (that send may have begun before
 * the caller's write committed); it waits for the next one, which starts when the current one ends and answers every
 * caller queued for it. So at most one send runs and one waits, whatever the rate of callers — except that a send
 * still unanswered after `maxWaitMs` (a connection hanging through a database outage) no longer holds the next one
 * back, so one stuck refresh request cannot silence every later one.
 */
export function coalescing(send: Send, maxWaitMs = 250): Send {
  let running: Promise<unknown> | undefined;
  let queued: ResultAsync<void, InfrastructureError> | undefined;

  const start = (): ResultAsync<void, InfrastructureError> => {
    const sent = send();
    let timer: NodeJS.Timeout | undefined;
    // Settles whichever way the send ends, even by a rejection, or when it has taken too long.
    const settled: Promise<unknown> = Promise.race([
      Promise.resolve(sent).then(
        () => undefined,
        () => undefined,
      ),
      new Promise((resolve) => {
        timer = setTimeout(resolve, maxWaitMs);
        timer.unref();
      }),
    ]).then(() => {
      clearTimeout(timer);
      if (running === settled) running = undefined;
    });
    running = settled;
    return sent;
  };

  return () => {
    if (running === undefined) return start();
    queued ??= new ResultAsync(
      running.then(() => {
        queued = undefined;
        return start();
      }),
    );
    return queued;
  };
}

/** Keeps a refresh request's coverage clear of clock skew between processes and of the rebuild's own start. */
export const REFRESH_MARGIN_MS = 500;

/** How long after a refused refresh request (a job was already waiting) the next one is sent. */
export const REFUSED_REFRESH_RETRY_MS = 250;

/**
 * The debounced refresh request (JOB-3) sent only when no job already queued by this process is sure to cover the
 * caller's write. `request` answers whether it queued a new job; pg-boss starts that job `debounceSeconds` after it
 * was queued, and the refresh reads the database when it starts, so every write committed before then is in it. A
 * request refused because a job was already waiting proves nothing about that job's start, so it covers nothing: one
 * request `retryMs` later stands for every write until then, retried the same way while refused, for as long as the
 * waiting job may take to start (the debounce and the margin); after that a write sends its own request again. The
 * writes of a retry interval wait for it instead of each sending its own, as they used to: about one request per
 * group of trades in the second half of every debounce (docs/performance.md#refresh-retry).
 * `marginMs` keeps the window clear of clock skew between this process and the database and of the rebuild's start.
 */
export function debouncedRefreshRequests(
  request: () => ResultAsync<boolean, InfrastructureError>,
  now: () => number,
  debounceSeconds: number,
  marginMs = REFRESH_MARGIN_MS,
  retryMs = REFUSED_REFRESH_RETRY_MS,
): Send {
  const maxRetries = Math.ceil((debounceSeconds * 1000 + marginMs) / retryMs);
  let coveredUntil = Number.NEGATIVE_INFINITY;
  let retry: ResultAsync<void, InfrastructureError> | undefined;
  let retries = 0;
  const send: Send = coalescing(() => {
    const sentAt = now();
    return request().map((queuedNewJob) => {
      if (queuedNewJob) {
        coveredUntil = Math.max(coveredUntil, sentAt + debounceSeconds * 1000 - marginMs);
        retries = 0;
      } else if (retries < maxRetries && retry === undefined) {
        retries += 1;
        retry = new ResultAsync(delay(retryMs)).andThen(() => {
          retry = undefined;
          return send();
        });
      } else if (retry === undefined) retries = 0;
    });
  });
  return () => (now() < coveredUntil ? okAsync(undefined) : (retry ?? send()));
}

/** Resolves after `ms` without keeping the process alive for it. */
function delay(ms: number): Promise<Result<void, never>> {
  return new Promise((resolve) => setTimeout(() => resolve(ok(undefined)), ms).unref());
}
