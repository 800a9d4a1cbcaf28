// A fixed arrival rate (an open model, like k6's constant-arrival-rate executor that upstream measured with): each
// stream starts request i at start + i / rate whatever the previous answers did, so a slow server cannot slow the
// load down. At most `maxInFlight` requests of a stream are outstanding (k6's pre-allocated VUs); a request due while
// all of them are busy is not sent and counts as dropped (k6's dropped_iterations). Latency runs from the actual
// send to the end of the body; failures are non-2xx answers and errors (resets, timeouts).
import type { Histogram } from 'hdr-histogram-js';
import type { Dispatcher } from 'undici';
import { latencyFigures, newHistogram, recordMs, type LatencyFigures } from './latency.ts';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Stream {
  name: string;
  /** streams of one group (the reads of a mix) are also reported together */
  group: string;
  /** requests per second */
  rate: number;
  maxInFlight: number;
  /** the i-th request of the stream */
  next(i: number): LoadRequest;
}

export interface StreamFigures extends LatencyFigures {
  name: string;
  group: string;
  asked: number;
  /** requests the schedule called for during the run */
  due: number;
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  dropped: number;
  achievedRate: number;
  /** a few distinct failure descriptions, for the report */
  failureSamples: string[];
}

interface StreamState {
  stream: Stream;
  histogram: Histogram;
  issued: number;
  sent: number;
  inFlight: number;
  ok: number;
  non2xx: number;
  errors: number;
  dropped: number;
  samples: Set<string>;
}

const TICK_MS = 2;

function send(client: Dispatcher, state: StreamState, request: LoadRequest, timeoutMs: number): void {
  state.inFlight += 1;
  state.sent += 1;
  const started = performance.now();
  const failed = (description: string) => {
    if (state.samples.size < 5) state.samples.add(description);
  };
  client
    .request({
      method: request.method,
      path: request.path,
      headers: request.body === undefined ? request.headers : { 'content-type': 'application/json', ...request.headers },
      body: request.body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    })
    .then(async (response) => {
      const text = await response.body.text();
      recordMs(state.histogram, performance.now() - started);
      if (response.statusCode >= 200 && response.statusCode < 300) state.ok += 1;
      else {
        state.non2xx += 1;
        failed(`${request.method} ${request.path} → ${response.statusCode} ${text.slice(0, 160)}`);
      }
    })
    .catch((error: unknown) => {
      state.errors += 1;
      failed(`${request.method} ${request.path} → ${error instanceof Error ? error.message : String(error)}`);
    })
    .finally(() => {
      state.inFlight -= 1;
    });
}

/** Runs every stream at its rate for `durationMs`, then waits (up to `timeoutMs`) for the answers still due. */
export interface OpenLoopFigures {
  streams: StreamFigures[];
  /** the streams of each group together (one merged histogram) */
  groups: StreamFigures[];
}

export async function runOpenLoop(client: Dispatcher, streams: readonly Stream[], durationMs: number, timeoutMs = 30_000): Promise<OpenLoopFigures> {
  const states: StreamState[] = streams.map((stream) => ({
    stream,
    histogram: newHistogram(),
    issued: 0,
    sent: 0,
    inFlight: 0,
    ok: 0,
    non2xx: 0,
    errors: 0,
    dropped: 0,
    samples: new Set(),
  }));
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = Math.min(performance.now() - start, durationMs);
      for (const state of states) {
        const due = Math.floor((elapsed * state.stream.rate) / 1000);
        for (; state.issued < due; state.issued += 1) {
          if (state.inFlight >= state.stream.maxInFlight) state.dropped += 1;
          else send(client, state, state.stream.next(state.issued), timeoutMs);
        }
      }
      if (elapsed >= durationMs) resolve();
      else setTimeout(tick, TICK_MS);
    };
    tick();
  });
  const waitUntil = performance.now() + timeoutMs;
  while (states.some((state) => state.inFlight > 0) && performance.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 10));
  const seconds = durationMs / 1000;
  const figures = (name: string, group: string, members: StreamState[], histogram: Histogram): StreamFigures => {
    const total = (field: 'issued' | 'sent' | 'ok' | 'non2xx' | 'errors' | 'dropped' | 'inFlight') =>
      members.reduce((sum, member) => sum + member[field], 0);
    return {
      name,
      group,
      asked: members.reduce((sum, member) => sum + member.stream.rate, 0),
      due: total('issued'),
      sent: total('sent'),
      ok: total('ok'),
      non2xx: total('non2xx'),
      // requests still unanswered after the grace period count as errors
      errors: total('errors') + total('inFlight'),
      dropped: total('dropped'),
      achievedRate: total('ok') / seconds,
      failureSamples: members.flatMap((member) => [...member.samples]).slice(0, 5),
      ...latencyFigures(histogram),
    };
  };
  const perStream = states.map((state) => figures(state.stream.name, state.stream.group, [state], state.histogram));
  const groups = [...new Set(streams.map((stream) => stream.group))].map((group) => {
    const members = states.filter((state) => state.stream.group === group);
    const merged = newHistogram();
    for (const member of members) merged.add(member.histogram);
    return figures(group, group, members, merged);
  });
  return { streams: perStream, groups };
}
