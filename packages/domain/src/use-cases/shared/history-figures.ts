// Figures every display read of a market derives from its history, each computed once per cached history and
// resolution (docs/performance.md#shared-replay): one validated replay feeds the probability path, the valued
// positions, and from those the market and global leaderboards. They throw DomainError on a corrupt history, so
// callers run them through `callMath`.
import { extendReplay, replayHistory, valueReplay, type MarketReplay } from '../../math/index.ts';
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
