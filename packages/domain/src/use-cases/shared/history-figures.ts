// Figures every display read of a market derives from its history, each computed once per cached history and
// resolution (docs/performance.md#shared-replay): one validated replay feeds the probability path, the valued
// positions, and from those the market and global leaderboards. They throw DomainError on a corrupt history, so
// callers run them through `callMath`.
import { extendReplay, marketDust, replayHistory, valueReplay, type MarketReplay } from '../../math/index.ts';
import type { Position } from '../../math/types.ts';
import type { MarketHistoryView } from './market-rows.ts';
import { resolutionOf } from './views.ts';

export function replayOf(view: MarketHistoryView): MarketReplay {
  // A grown history extends the replay of the one it grew from (docs/performance.md#extended-replay).
  return view.derive<MarketReplay>('replay', (previous) =>
    previous === undefined ? replayHistory(view.rows, view.market.seeds) : extendReplay(previous, view.rows),
  );
}

/** docs/market-model.md#position-record for every user with rows, by username. */
export function valuedPositionsOf(view: MarketHistoryView): readonly Position[] {
  return view.derive('valued-positions', () => valueReplay(replayOf(view), resolutionOf(view.market)));
}

/** The distinct traders and the sale dust (docs/market-model.md#market-figures) of a history's rows. */
export interface RowTally {
  /** how many of the history's rows it covers: all of them */
  readonly rowCount: number;
  readonly traders: ReadonlySet<string>;
  readonly dust: number;
}

/**
 * A grown history adds its new rows to the tally of the one it grew from, whose rows are its first ones
 * (docs/performance.md#extended-replay): a read after a trade on a long history then costs the new rows, not all.
 */
export function rowTallyOf(view: MarketHistoryView): RowTally {
  return view.derive<RowTally>('row-tally', (previous) => {
    const { rows } = view;
    const from = previous !== undefined && previous.rowCount <= rows.length ? previous.rowCount : 0;
    const added = from === 0 ? rows : rows.slice(from);
    const traders = new Set(from === 0 ? undefined : previous?.traders);
    for (const row of added) traders.add(row.username);
    return { rowCount: rows.length, traders, dust: (from === 0 ? 0 : (previous?.dust ?? 0)) + marketDust(added) };
  });
}
