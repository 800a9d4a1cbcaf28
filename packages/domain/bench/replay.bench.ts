// The replay of a grown history (docs/performance.md#extended-replay): a 100k-row market that has grown by a few rows
// since its last replay, replayed whole and extended from the last replay. The whole replay is the baseline.
import { Bench } from 'tinybench';
import { extendReplay, replayHistory } from '../src/math/index.ts';
import { DEFAULT_SEEDS, syntheticHistory } from './market-history.fixture.ts';

export interface ReplayFigures {
  rows: number;
  added: number;
  wholeMs: number;
  extendedMs: number;
  /** extended / whole */
  ratio: number;
}

export async function runReplayBench(rows = 100_000, added = 10): Promise<ReplayFigures> {
  const grown = syntheticHistory(rows + added, 1_000);
  const previous = replayHistory(grown.slice(0, rows), DEFAULT_SEEDS);
  const history = previous.rows.concat(grown.slice(rows));
  const bench = new Bench({ time: 1_000, warmupTime: 250 });
  bench.add('whole', () => {
    replayHistory(history, DEFAULT_SEEDS);
  });
  bench.add('extended', () => {
    extendReplay(previous, history);
  });
  await bench.run();
  const mean = (name: string) => {
    const result = bench.tasks.find((task) => task.name === name)?.result;
    if (result?.state !== 'completed') throw new Error(`benchmark ${name} did not complete`);
    return result.latency.mean;
  };
  const wholeMs = mean('whole');
  const extendedMs = mean('extended');
  return { rows, added, wholeMs, extendedMs, ratio: extendedMs / wholeMs };
}
