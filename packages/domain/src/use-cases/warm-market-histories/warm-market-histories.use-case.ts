// Start-up warm-up of the market history cache (docs/performance.md#history-warm-up): before a process takes traffic,
// the histories of the most recently traded markets are loaded with the figures every market read derives from them,
// so its first readers of a long history do not wait for its rows to be read, replayed and valued.
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { CORRUPT_DATA_CODES, type CorruptData } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { marketFigures } from '../get-market-summary/get-market-summary.use-case.ts';
import { valuedPositionsOf } from '../shared/history-figures.ts';
import { loadMarketHistories } from '../shared/market-rows.ts';
import { callMath } from '../shared/math-call.ts';

export interface WarmedHistories {
  readonly markets: number;
  readonly rows: number;
}

export type WarmMarketHistoriesError = CorruptData | InfrastructureError;

/** `maxRows`: the most bet rows to load in all; the markets are taken newest trade first while they fit. */
export type WarmMarketHistories = (input: { readonly maxRows: number }) => ResultAsync<WarmedHistories, WarmMarketHistoriesError>;

export function makeWarmMarketHistories(
  deps: Pick<UseCaseDeps, 'markets' | 'bets' | 'probabilityPointsMax' | 'marketHistoryCache'>,
): WarmMarketHistories {
  return ({ maxRows }) =>
    safeTry(async function* () {
      if (deps.marketHistoryCache === undefined || maxRows <= 0) return ok({ markets: 0, rows: 0 });
      const traded = yield* deps.markets.findByIds(yield* deps.bets.marketIdsWithRows());
      const newestFirst = [...traded].sort((a, b) => (b.totals.lastPlacedAt ?? 0) - (a.totals.lastPlacedAt ?? 0) || b.id - a.id);
      const chosen: number[] = [];
      let budget = maxRows;
      for (const market of newestFirst) {
        if (market.totals.rowCount > budget) continue;
        budget -= market.totals.rowCount;
        chosen.push(market.id);
      }
      let rows = 0;
      for (const view of yield* loadMarketHistories(deps, chosen)) {
        yield* marketFigures(view, deps.probabilityPointsMax);
        yield* callMath(() => valuedPositionsOf(view), CORRUPT_DATA_CODES);
        rows += view.rows.length;
      }
      return ok({ markets: chosen.length, rows });
    });
}
