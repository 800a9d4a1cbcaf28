// WPAM figures from the running totals on the market row (PERF-3 (docs/performance.md#perf-3)), so that a bet and a market list
// need no history replay. The accumulators are integers, so their sums are exact in any order and these results are
// bit-identical to a replay of the rows (docs/market-model.md#float-order, docs/market-model.md#wpam-probability).
import { err, ok, type Result } from 'neverthrow';
import type { Outcome, Seeds } from '../../math/types.ts';
import type { MarketTotals } from '../../model/market.model.ts';
import { domainFailure, type DomainFailure } from '../../errors/use-case.errors.ts';

export const NO_ROWS: MarketTotals = { yes: 0, no: 0, volume: 0, dust: 0, rowCount: 0, traderCount: 0, lastPlacedAt: null };

interface AppendedRow {
  readonly outcome: Outcome;
  readonly amount: number;
  readonly dust?: number | null;
  readonly placedAt: number;
}

/** The last point of the probability path: P0 without rows (docs/market-model.md#wpam-probability). */
export function probabilityFromTotals(seeds: Seeds, totals: MarketTotals): number {
  if (totals.rowCount === 0) return seeds.initialProbability;
  return wpam(seeds, seeds.initialYes + totals.yes, seeds.initialNo + totals.no);
}

/** The append guard of docs/market-model.md#append-guard evaluated on the totals instead of the history. */
export function guardAppend(
  seeds: Seeds,
  totals: MarketTotals,
  row: Pick<AppendedRow, 'outcome' | 'amount'>,
): Result<void, DomainFailure<'POOL_NEGATIVE' | 'PROBABILITY_OUT_OF_RANGE'>> {
  if (totals.volume + row.amount < 0) {
    return err(domainFailure('POOL_NEGATIVE', 'The trade would take the pool below zero.'));
  }
  const yes = seeds.initialYes + totals.yes + (row.outcome === 'YES' ? row.amount : 0);
  const no = seeds.initialNo + totals.no + (row.outcome === 'NO' ? row.amount : 0);
  const p = seeds.initialSubsidization + yes + no > 0 ? wpam(seeds, yes, no) : Number.NaN;
  if (!(p >= 0 && p <= 1)) {
    return err(domainFailure('PROBABILITY_OUT_OF_RANGE', 'The trade would push the probability outside [0, 1].'));
  }
  return ok(undefined);
}

/** The totals once `row` is appended; `firstRowOfTrader` when its user had no row in the market before. */
export function totalsAfter(totals: MarketTotals, row: AppendedRow, firstRowOfTrader: boolean): MarketTotals {
  return {
    yes: totals.yes + (row.outcome === 'YES' ? row.amount : 0),
    no: totals.no + (row.outcome === 'NO' ? row.amount : 0),
    volume: totals.volume + row.amount,
    dust: totals.dust + (row.dust ?? 0),
    rowCount: totals.rowCount + 1,
    traderCount: totals.traderCount + (firstRowOfTrader ? 1 : 0),
    lastPlacedAt: totals.lastPlacedAt === null ? row.placedAt : Math.max(totals.lastPlacedAt, row.placedAt),
  };
}

/** `placedAt` for a new row: never before the newest row, so canonical order follows commit order (DB-6). */
export function nextPlacedAt(totals: MarketTotals, now: number): number {
  return totals.lastPlacedAt === null ? now : Math.max(now, totals.lastPlacedAt);
}

function wpam(seeds: Seeds, yes: number, no: number): number {
  return (seeds.initialProbability * seeds.initialSubsidization + yes) / (seeds.initialSubsidization + yes + no);
}
