// A market's trade rows with the probability right after each (docs/api.md#t1-29; docs/market-model.md#market-figures).
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import { orderRows, probabilitySeries } from '../../math/index.ts';
import type { BetRow } from '../../math/types.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { CORRUPT_DATA_CODES, type CorruptData, type MarketNotFound } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { callMath } from '../shared/math-call.ts';
import { loadMarketWithRows } from '../shared/market-rows.ts';
import { pageOf, type Page } from '../shared/paging.ts';

export interface BetView extends BetRow {
  readonly probability: number;
}

export interface ListBetsInput {
  readonly marketId: number;
  /** without a page: every row, oldest first; with one: newest first */
  readonly page?: Page;
}

export type ListBetsError = MarketNotFound | CorruptData | InfrastructureError;

export type ListBets = (input: ListBetsInput) => ResultAsync<BetView[], ListBetsError>;

export function makeListBets(deps: Pick<UseCaseDeps, 'markets' | 'bets' | 'marketHistoryCache'>): ListBets {
  return (input) =>
    safeTry(async function* () {
      const { market, rows, derive } = yield* loadMarketWithRows(deps, input.marketId);
      const views = yield* callMath(
        () =>
          derive('bet-views', () => {
            const series = probabilitySeries(rows, market.seeds);
            return orderRows(rows).map((row, i) => ({ ...row, probability: series[i + 1] as number }));
          }),
        CORRUPT_DATA_CODES,
      );
      return ok(input.page === undefined ? [...views] : pageOf(derive('bet-views-newest-first', () => [...views].reverse()), input.page));
    });
}
