// docs/market-model.md#wpam-probability WPAM: the probability path of a market, from its validated history.
import { assertOutcome, assertPositiveAmount } from './checks.ts';
import { replayHistory, wpamProbability } from './history.ts';
import type { BetRow, Outcome, Seeds } from './types.ts';

export function probabilitySeries(rows: readonly BetRow[], seeds: Seeds): number[] {
  return replayHistory(rows, seeds).probabilities;
}

export function currentProbability(rows: readonly BetRow[], seeds: Seeds): number {
  const { probabilities } = replayHistory(rows, seeds);
  return probabilities[probabilities.length - 1]!;
}

/** The last point of the series with a hypothetical buy appended; history, then outcome, then amount (docs/market-model.md#math-api). */
export function projectProbability(
  rows: readonly BetRow[],
  seeds: Seeds,
  bet: { outcome: Outcome; amount: number },
): number {
  const replay = replayHistory(rows, seeds);
  assertOutcome(bet.outcome);
  assertPositiveAmount(bet.amount);
  const yes = bet.outcome === 'YES' ? replay.yes + bet.amount : replay.yes;
  const no = bet.outcome === 'NO' ? replay.no + bet.amount : replay.no;
  return wpamProbability(seeds, yes, no);
}
