// docs/market-model.md DBPM: from a history and its WPAM path to whole shares per row and per user.
// The step functions trust their input (rows in canonical order, matching probabilities) and do not validate.
import { marketVolume, replayHistory, type MarketReplay } from './history.ts';
import { roundHalfAwayFromZero } from './rounding.ts';
import type { BetRow, Factors, NetPosition, Pools, Seeds } from './types.ts';

export function poolSplit(rows: readonly BetRow[], probabilities: readonly number[]): Pools {
  return splitPool(rows, probabilities, marketVolume(rows));
}

/** docs/market-model.md with V already known. */
function splitPool(rows: readonly BetRow[], probabilities: readonly number[], volume: number): Pools {
  if (probabilities.length === 0) return { yes: 0, no: 0 };
  if (volume === 1) {
    // Single-credit rule: the side with more signed credits takes the credit; a tie gives it to nobody.
    let yes = 0;
    let no = 0;
    for (const row of rows) {
      if (row.outcome === 'YES') yes += row.amount;
      else no += row.amount;
    }
    return { yes: yes > no ? 1 : 0, no: no > yes ? 1 : 0 };
  }
  const r = probabilities[probabilities.length - 1]!;
  // Each side is rounded on its own, so yes + no may differ from V by one (kept from upstream).
  return { yes: roundHalfAwayFromZero(volume * r), no: roundHalfAwayFromZero(volume * (1 - r)) };
}

// Hot loops over long histories use indexed for-loops and preallocated arrays: in V8 they run several times faster
// than for-of, map or forEach here, which keeps a 100k-row valuation well inside its budget.

export function coursePayouts(rows: readonly BetRow[], probabilities: readonly number[]): number[] {
  const r = probabilities[probabilities.length - 1]!;
  const course = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i += 1) course[i] = Math.abs(r - probabilities[i + 1]!) * rows[i]!.amount;
  return course;
}

export function normalizationFactors(rows: readonly BetRow[], course: readonly number[], pools: Pools): Factors {
  let sumYes = 0;
  let sumNo = 0;
  for (let i = 0; i < rows.length; i += 1) {
    if (rows[i]!.outcome === 'YES') sumYes += course[i]!;
    else sumNo += course[i]!;
  }
  // No min(1, ·) cap: large factors are legitimate (docs/market-model.md).
  return {
    yes: sumYes > 0 ? Math.abs(pools.yes / sumYes) : 0,
    no: sumNo > 0 ? Math.abs(pools.no / sumNo) : 0,
  };
}

export function scaledPayouts(rows: readonly BetRow[], course: readonly number[], factors: Factors): number[] {
  const scaled = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i += 1) {
    scaled[i] = roundHalfAwayFromZero(course[i]! * (rows[i]!.outcome === 'YES' ? factors.yes : factors.no));
  }
  return scaled;
}

/** docs/market-model.md: spread Σ payouts − V evenly over every row; the remainder goes to the newest (E > 0) or oldest (E < 0). */
export function correctExcess(payouts: readonly number[], volume: number): number[] {
  const n = payouts.length; // with n = 0 the loop below never runs, so the division by zero is harmless
  let total = 0;
  for (let i = 0; i < n; i += 1) total += payouts[i]!;
  const excess = total - volume;
  const each = Math.floor(Math.abs(excess) / n);
  const remainder = Math.abs(excess) % n;
  const corrected = new Array<number>(n);
  for (let i = 0; i < n; i += 1) {
    corrected[i] =
      excess > 0 ? payouts[i]! - each - (i >= n - remainder ? 1 : 0) : payouts[i]! + each + (i < remainder ? 1 : 0);
  }
  return corrected;
}

/** A trader's figures over one market: net DBPM shares (docs/market-model.md), net credits and first bet (docs/market-model.md#position-record). */
export interface UserTally extends NetPosition {
  totalSpent: number;
  earliestPlacedAt: number;
}

interface Accumulator {
  yes: number;
  no: number;
  totalSpent: number;
  earliestPlacedAt: number;
}

/** docs/market-model.md plus the per-user sums of docs/market-model.md#position-record in one pass over rows in canonical order; sorted by username (docs/market-model.md#string-order). */
export function tallyUsers(rows: readonly BetRow[], payouts: readonly number[]): UserTally[] {
  const byUser = new Map<string, Accumulator>();
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i]!;
    let acc = byUser.get(row.username);
    if (acc === undefined) {
      // Rows come in canonical order, so a user's first row is their earliest.
      acc = { yes: 0, no: 0, totalSpent: 0, earliestPlacedAt: row.placedAt };
      byUser.set(row.username, acc);
    }
    if (row.outcome === 'YES') acc.yes += payouts[i]!;
    else acc.no += payouts[i]!;
    acc.totalSpent += row.amount;
  }
  return [...byUser.keys()].sort().map((username) => {
    const acc = byUser.get(username)!;
    // Clamp each side at 0, then net: a user never holds both sides.
    const yes = Math.max(acc.yes, 0);
    const no = Math.max(acc.no, 0);
    return {
      username,
      yesShares: yes > no ? yes - no : 0,
      noShares: yes > no ? 0 : no - yes,
      totalSpent: acc.totalSpent,
      earliestPlacedAt: acc.earliestPlacedAt,
    };
  });
}

export function aggregatePositions(rows: readonly BetRow[], payouts: readonly number[]): NetPosition[] {
  return tallyUsers(rows, payouts).map(({ username, yesShares, noShares }) => ({ username, yesShares, noShares }));
}

/** docs/market-model.md pipeline over a validated replay: one integer per row in canonical order, summing to V. */
export function replayPayouts(replay: MarketReplay): number[] {
  const { rows, probabilities } = replay;
  const pools = splitPool(rows, probabilities, replay.volume);
  const course = coursePayouts(rows, probabilities);
  const factors = normalizationFactors(rows, course, pools);
  return correctExcess(scaledPayouts(rows, course, factors), replay.volume);
}

export function finalPayouts(rows: readonly BetRow[], seeds: Seeds): number[] {
  return replayPayouts(replayHistory(rows, seeds));
}

export function netPositions(rows: readonly BetRow[], seeds: Seeds): NetPosition[] {
  const replay = replayHistory(rows, seeds);
  return aggregatePositions(replay.rows, replayPayouts(replay));
}
