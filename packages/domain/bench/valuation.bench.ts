// Valuation cost as a market grows (issue 2 target: 100k rows in < 25 ms, ratio 100k/1k ≤ 120).
import { Bench } from 'tinybench';
import { valuePositions } from '../src/math/index.ts';
import { DEFAULT_SEEDS, syntheticHistory } from './market-history.fixture.ts';

export interface ValuationFigure {
  rows: number;
  meanMs: number;
  p99Ms: number;
  ratioToSmallest: number;
}

const SIZES = [1_000, 10_000, 100_000];
const TRADERS = 1_000;

export async function runValuationBench(): Promise<ValuationFigure[]> {
  const bench = new Bench({ time: 1_000, warmupTime: 250 });
  for (const size of SIZES) {
    const rows = syntheticHistory(size, TRADERS);
    bench.add(`${size}`, () => {
      valuePositions(rows, DEFAULT_SEEDS, null);
    });
  }
  await bench.run();
  const figures = bench.tasks.map((task) => {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`benchmark ${task.name} did not complete: ${result.state}`);
    return { rows: Number(task.name), meanMs: result.latency.mean, p99Ms: result.latency.p99 };
  });
  const base = figures[0]?.meanMs ?? 1;
  return figures.map((figure) => ({ ...figure, ratioToSmallest: figure.meanMs / base }));
}
