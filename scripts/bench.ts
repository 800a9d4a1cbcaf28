// `pnpm bench`: every benchmark of the project, printed as figures and as ratios against a baseline measured in
// the same run (the machine is noisy, so absolute times only mean something next to their baseline).
import { runValuationBench } from '../packages/domain/bench/valuation.bench.ts';

const VALUATION_BUDGET_MS = 25;
const VALUATION_MAX_GROWTH = 120;

async function main(): Promise<void> {
  console.log('Valuation: valuePositions over the whole history of one market (1 000 traders)');
  const figures = await runValuationBench();
  console.table(
    figures.map((f) => ({
      rows: f.rows,
      'mean ms': f.meanMs.toFixed(3),
      'p99 ms': f.p99Ms.toFixed(3),
      'ratio to 1k': f.ratioToSmallest.toFixed(1),
    })),
  );
  const largest = figures.at(-1);
  if (largest) {
    const withinBudget = largest.meanMs < VALUATION_BUDGET_MS;
    const linear = largest.ratioToSmallest <= VALUATION_MAX_GROWTH;
    console.log(
      `100k rows: ${largest.meanMs.toFixed(2)} ms (target < ${VALUATION_BUDGET_MS} ms: ${withinBudget ? 'met' : 'MISSED'}); ` +
        `growth 100k/1k ${largest.ratioToSmallest.toFixed(1)} (target ≤ ${VALUATION_MAX_GROWTH}: ${linear ? 'met' : 'MISSED'})`,
    );
  }
}

await main();
