// docs/market-model.md#resolution resolution: WIN credits for YES/NO, net refunds for N/A, the pool remainder and the steward's work profit.
import { assertResolution } from './checks.ts';
import { replayPayouts } from './dbpm.ts';
import { replayHistory } from './history.ts';
import type { BetRow, Resolution, Seeds, Settlement, SettlementCredit } from './types.ts';
import { replayPositions } from './valuation.ts';

/** Distinct users with at least one buy row, times the first-bet fee. */
export function workIncome(rows: readonly BetRow[], initialBetFee: number): number {
  const participants = new Set<string>();
  for (const row of rows) if (row.amount > 0) participants.add(row.username);
  return participants.size * initialBetFee;
}

export function resolvePayouts(
  rows: readonly BetRow[],
  seeds: Seeds,
  resolution: Resolution,
  config: { initialBetFee: number },
  steward: string,
): Settlement {
  const replay = replayHistory(rows, seeds);
  assertResolution(resolution);
  const positions = replayPositions(replay, replayPayouts(replay), resolution);
  // N/A refunds each user's net credits (negative = a forced debit) so refunds sum to V; fees are not refunded.
  const credits: SettlementCredit[] =
    resolution === 'N/A'
      ? positions
          .filter((position) => position.totalSpent !== 0)
          .map((position) => ({ username: position.username, amount: position.totalSpent, kind: 'REFUND' }))
      : positions
          .filter((position) => position.value > 0)
          .map((position) => ({ username: position.username, amount: position.value, kind: 'WIN' }));
  let paid = 0;
  for (const credit of credits) paid += credit.amount;
  const work = resolution === 'N/A' ? 0 : workIncome(replay.rows, config.initialBetFee);
  return {
    resolution,
    volume: replay.volume,
    credits,
    // V when nobody holds the winning side (policy 4), otherwise 0.
    poolToHouse: replay.volume - paid,
    workProfit: work > 0 ? { username: steward, amount: work } : null,
  };
}
