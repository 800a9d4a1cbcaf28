// Positions in one market (docs/api.md#t1-30; docs/market-model.md#position-record).
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { CORRUPT_DATA_CODES, type CorruptData, type MarketNotFound } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { callMath } from '../shared/math-call.ts';
import { loadMarketWithRows } from '../shared/market-rows.ts';
import { pageOf, type Page } from '../shared/paging.ts';
import { toMarketPosition, type MarketPosition } from '../shared/views.ts';
import { valuedPositionsOf } from '../shared/history-figures.ts';

export interface ListMarketPositionsInput {
  readonly marketId: number;
  /**
   * Without a page: every user with rows, zero positions included, by username. With one: only holders of shares,
   * by total shares descending, then username.
   */
  readonly page?: Page;
}

export interface MarketPositions {
  readonly positions: MarketPosition[];
  /** all positions the listing covers, regardless of the page */
  readonly total: number;
}

export type ListMarketPositionsError = MarketNotFound | CorruptData | InfrastructureError;

export type ListMarketPositions = (
  input: ListMarketPositionsInput,
) => ResultAsync<MarketPositions, ListMarketPositionsError>;

export function makeListMarketPositions(deps: Pick<UseCaseDeps, 'markets' | 'bets' | 'marketHistoryCache'>): ListMarketPositions {
  return (input) =>
    safeTry(async function* () {
      const view = yield* loadMarketWithRows(deps, input.marketId);
      const { market, derive } = view;
      const views = yield* callMath(
        () => derive('positions', () => valuedPositionsOf(view).map((position) => toMarketPosition(market, position))),
        CORRUPT_DATA_CODES,
      );
      if (input.page === undefined) return ok({ positions: [...views], total: views.length });
      // valuePositions lists users by username and the sort is stable, so equal totals stay in username order.
      const holders = derive('holders', () =>
        views.filter((view) => view.yesShares + view.noShares > 0).sort((a, b) => b.yesShares + b.noShares - (a.yesShares + a.noShares)),
      );
      return ok({ positions: pageOf(holders, input.page), total: holders.length });
    });
}
