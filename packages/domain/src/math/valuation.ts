// docs/market-model.md valuation: rounded raw values, then the deterministic round-robin adjustment to a target.
import { assertResolutionState } from './checks.ts';
import { replayPayouts, tallyUsers } from './dbpm.ts';
import { replayHistory, type MarketReplay } from './history.ts';
import { byUsername, compareCodeUnits } from './ordering.ts';
import { roundHalfAwayFromZero } from './rounding.ts';
import type { BetRow, Holding, NetPosition, Position, Resolution, Seeds, UserValue, ValueEntry } from './types.ts';

/** docs/market-model.md, before rounding. */
function rawValue(holding: NetPosition, probability: number, resolution: Resolution | null): number {
  switch (resolution) {
    case null:
      if (holding.yesShares > 0) return holding.yesShares * probability;
      return holding.noShares > 0 ? holding.noShares * (1 - probability) : 0;
    case 'YES':
      return holding.yesShares;
    case 'NO':
      return holding.noShares;
    default:
      return 0;
  }
}

/** docs/market-model.md: V once resolved, otherwise the outstanding shares. */
function valuationTarget(holdings: readonly NetPosition[], volume: number, resolution: Resolution | null): number {
  if (resolution !== null) return volume;
  let outstanding = 0;
  for (const holding of holdings) outstanding += Math.max(holding.yesShares, 0) + Math.max(holding.noShares, 0);
  return outstanding;
}

function byHolderPriority(a: ValueEntry, b: ValueEntry): number {
  return b.value - a.value || a.earliestPlacedAt - b.earliestPlacedAt || compareCodeUnits(a.username, b.username);
}

/** Adds `amount` one credit per step, walking `order` round-robin: whole rounds first, then the leftover steps. */
function addRoundRobin(values: number[], order: readonly number[], amount: number): void {
  const each = Math.floor(amount / order.length);
  const leftover = amount % order.length;
  order.forEach((i, k) => {
    values[i] = values[i]! + each + (k < leftover ? 1 : 0);
  });
}

/**
 * Removes `amount` one credit per step round-robin, skipping holders already at 0 (policy 8), stopping when all
 * are at 0. Computed by levels instead of step by step: a holder of value v empties after v whole rounds.
 */
function takeRoundRobin(values: number[], order: readonly number[], amount: number): void {
  const levels = order.map((i) => values[i]!).sort((a, b) => a - b);
  let rounds = 0;
  let left = amount;
  let active = levels.length;
  for (const level of levels) {
    const cost = (level - rounds) * active;
    if (cost > left) break;
    left -= cost;
    rounds = level;
    active -= 1;
  }
  if (active > 0) {
    // Every active holder is above `rounds`; these extra whole rounds empty nobody.
    const extra = Math.floor(left / active);
    rounds += extra;
    left -= extra * active;
  }
  for (const i of order) values[i] = Math.max(values[i]! - rounds, 0);
  for (const i of order) {
    if (left === 0) break;
    if (values[i]! > 0) {
      values[i] = values[i]! - 1;
      left -= 1;
    }
  }
}

/** docs/market-model.md on entries in any order; returns the adjusted values aligned with `entries`. */
function adjust(entries: readonly ValueEntry[], target: number): number[] {
  const order: number[] = [];
  entries.forEach((entry, i) => {
    if (entry.value > 0) order.push(i);
  });
  if (order.length === 0) return entries.map((entry) => entry.value);
  order.sort((i, j) => byHolderPriority(entries[i]!, entries[j]!));
  const values = entries.map((entry) => (entry.value > 0 ? entry.value : 0));
  let held = 0;
  for (const i of order) held += values[i]!;
  const delta = target - held;
  if (delta >= 0) addRoundRobin(values, order, delta);
  else takeRoundRobin(values, order, -delta);
  return values;
}

/** docs/market-model.md–6.3, aligned with `holdings`. */
function valueHoldings(
  holdings: readonly Holding[],
  probability: number,
  volume: number,
  resolution: Resolution | null,
): number[] {
  const entries = holdings.map((holding) => ({
    username: holding.username,
    value: roundHalfAwayFromZero(rawValue(holding, probability, resolution)),
    earliestPlacedAt: holding.earliestPlacedAt,
  }));
  return adjust(entries, valuationTarget(holdings, volume, resolution));
}

export function adjustValues(values: readonly ValueEntry[], target: number): UserValue[] {
  const sorted = values.slice().sort(byUsername);
  const adjusted = adjust(sorted, target);
  return sorted.map((entry, i) => ({ username: entry.username, value: adjusted[i]! }));
}

export function positionValues(
  holdings: readonly Holding[],
  probability: number,
  volume: number,
  resolution: Resolution | null,
): UserValue[] {
  const sorted = holdings.slice().sort(byUsername);
  const values = valueHoldings(sorted, probability, volume, resolution);
  return sorted.map((holding, i) => ({ username: holding.username, value: values[i]! }));
}

/** docs/market-model.md#position-record over a validated replay and its final payouts; sorted by username. */
export function replayPositions(
  replay: MarketReplay,
  payouts: readonly number[],
  resolution: Resolution | null,
): Position[] {
  const tallies = tallyUsers(replay.rows, payouts);
  const probability = replay.probabilities[replay.probabilities.length - 1]!;
  const values = valueHoldings(tallies, probability, replay.volume, resolution);
  return tallies.map((tally, i) => ({
    username: tally.username,
    yesShares: tally.yesShares,
    noShares: tally.noShares,
    value: values[i]!,
    totalSpent: tally.totalSpent,
    totalSpentInPlay: resolution === null ? tally.totalSpent : 0,
    earliestPlacedAt: tally.earliestPlacedAt,
  }));
}

export function valuePositions(rows: readonly BetRow[], seeds: Seeds, resolution: Resolution | null): Position[] {
  return valueReplay(replayHistory(rows, seeds), resolution);
}

/** `valuePositions` of an already validated history, for callers that keep its replay (docs/performance.md#shared-replay). */
export function valueReplay(replay: MarketReplay, resolution: Resolution | null): Position[] {
  assertResolutionState(resolution);
  return replayPositions(replay, replayPayouts(replay), resolution);
}
