// `pnpm bench`: every benchmark of the project, printed as figures and as ratios against a baseline measured in
// the same run (the machine is noisy, so absolute times only mean something next to their baseline).
// Settings: BENCH_DATABASE_URL (default: TEST_DATABASE_URL, then the local server), BENCH_SKIP_DATABASE=true to run
// only the pure benchmarks, BENCH_PGBENCH_SECONDS (default 60, as PERF-1 fixes it).
import { runReplayBench } from '../packages/domain/bench/replay.bench.ts';
import { runResultFlowBench } from '../packages/domain/bench/result-flow.bench.ts';
import { runValuationBench } from '../packages/domain/bench/valuation.bench.ts';
import { runBetPlacementBench, type LatencyFigures } from '../packages/persistence/bench/bet-placement.bench.ts';
import { runRowDecodingBench } from '../packages/persistence/bench/row-decoding.bench.ts';

const VALUATION_BUDGET_MS = 25;
const VALUATION_MAX_GROWTH = 120;
const CONCURRENT_SHARE_OF_PGBENCH = 0.4;
const CONCURRENT_P95_BUDGET_MS = 20;

const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

async function valuation(): Promise<void> {
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
  if (largest === undefined) return;
  console.log(
    `100k rows: ${largest.meanMs.toFixed(2)} ms (target < ${VALUATION_BUDGET_MS} ms: ${verdict(largest.meanMs < VALUATION_BUDGET_MS)}); ` +
      `growth 100k/1k ${largest.ratioToSmallest.toFixed(1)} (target ≤ ${VALUATION_MAX_GROWTH}: ` +
      `${verdict(largest.ratioToSmallest <= VALUATION_MAX_GROWTH)})`,
  );
}

async function replay(): Promise<void> {
  const f = await runReplayBench();
  console.log(
    `\nReplay of a ${f.rows}-row history grown by ${f.added} rows: whole ${f.wholeMs.toFixed(3)} ms, extended from the ` +
      `last replay ${f.extendedMs.toFixed(3)} ms (ratio ${f.ratio.toFixed(3)} of the whole replay)`,
  );
}

async function resultFlow(): Promise<void> {
  const f = await runResultFlowBench();
  console.log(
    `\nThree asynchronous use-case steps: awaited by hand ${f.handWrittenNs.toFixed(0)} ns; safeTry ` +
      `${f.safeTryNs.toFixed(0)} ns (${(f.safeTryNs / f.handWrittenNs).toFixed(1)} ×); andThen/map chain ` +
      `${f.chainNs.toFixed(0)} ns (${(f.chainNs / f.handWrittenNs).toFixed(1)} ×)`,
  );
}

async function rowDecoding(): Promise<void> {
  const f = await runRowDecodingBench();
  console.log(
    `\nOne markets row (${f.columns} columns) as the driver returns it: its decoders alone ${f.decodersOnlyNs.toFixed(0)} ns; ` +
      `Drizzle's mapping ${f.drizzleNs.toFixed(0)} ns (${(f.drizzleNs / f.decodersOnlyNs).toFixed(2)} ×)`,
  );
}

async function betPlacement(): Promise<void> {
  const serverUrl =
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const pgbenchSeconds = Number(process.env.BENCH_PGBENCH_SECONDS ?? '60');
  console.log(`\nBet placement on one hot market (PostgreSQL; pgbench baseline over ${pgbenchSeconds} s)`);
  const figures = await runBetPlacementBench({
    serverUrl,
    sequentialBets: 2_000,
    concurrentBets: 8_000,
    clients: 16,
    pgbenchSeconds,
  });
  const row = (name: string, f: LatencyFigures) => ({
    run: name,
    bets: f.bets,
    'bets/s': f.betsPerSecond.toFixed(0),
    'p50 ms': f.p50Ms.toFixed(2),
    'p95 ms': f.p95Ms.toFixed(2),
    'p99 ms': f.p99Ms.toFixed(2),
    'ratio to pgbench TPS': (f.betsPerSecond / figures.pgbenchTps).toFixed(2),
  });
  console.table([row('sequential', figures.sequential), row(`${figures.concurrent.clients} clients`, figures.concurrent)]);
  const share = figures.concurrent.betsPerSecond / figures.pgbenchTps;
  console.log(
    `pgbench: ${figures.pgbenchTps.toFixed(0)} TPS. Concurrent bets reach ${(share * 100).toFixed(0)} % of it ` +
      `(target ≥ ${CONCURRENT_SHARE_OF_PGBENCH * 100} %: ${verdict(share >= CONCURRENT_SHARE_OF_PGBENCH)}); ` +
      `p95 ${figures.concurrent.p95Ms.toFixed(2)} ms (target < ${CONCURRENT_P95_BUDGET_MS} ms: ` +
      `${verdict(figures.concurrent.p95Ms < CONCURRENT_P95_BUDGET_MS)})`,
  );
}

await valuation();
await replay();
await resultFlow();
await rowDecoding();
if (process.env.BENCH_SKIP_DATABASE !== 'true') await betPlacement();
