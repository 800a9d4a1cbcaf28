// Concurrent identical reads share one load (docs/performance.md#coalesced-reads). Freshness (docs/api.md#read-model-freshness)
// allows a reader to take a load's answer only when that load began after the reader arrived: a load already under
// way may have read before a write the reader has seen commit. So per key at most one load runs; readers arriving
// while it runs wait for one follow-up load, started when it settles, which answers all of them.
import { ResultAsync, type Result } from 'neverthrow';

/** Present while a load of the key runs. */
interface KeyState<T, E> {
  /** the follow-up load's answer, shared by every reader that arrived while a load ran */
  queued?: Promise<Result<T, E>>;
  startQueued?: () => void;
}

/**
 * `read` with concurrent calls of one key coalesced. Inputs with equal keys must ask the same question: the key is
 * the whole input as far as the answer goes. Answers are shared between callers, so they must not be mutated.
 */
export function coalesceReads<I, T, E>(read: (input: I) => ResultAsync<T, E>, keyOf: (input: I) => string | number): (input: I) => ResultAsync<T, E> {
  const states = new Map<string | number, KeyState<T, E>>();

  const start = (key: string | number, state: KeyState<T, E>, input: I): Promise<Result<T, E>> => {
    const answer = Promise.resolve(read(input));
    const settle = () => {
      const startQueued = state.startQueued;
      if (startQueued === undefined) {
        states.delete(key);
        return;
      }
      state.queued = undefined;
      state.startQueued = undefined;
      startQueued();
    };
    answer.then(settle, settle);
    return answer;
  };

  return (input) => {
    const key = keyOf(input);
    let state = states.get(key);
    if (state === undefined) {
      state = {};
      states.set(key, state);
      return new ResultAsync(start(key, state, input));
    }
    if (state.queued === undefined) {
      const owner = state;
      state.queued = new Promise<Result<T, E>>((resolve, reject) => {
        owner.startQueued = () => void start(key, owner, input).then(resolve, reject);
      });
    }
    return new ResultAsync(state.queued);
  };
}
