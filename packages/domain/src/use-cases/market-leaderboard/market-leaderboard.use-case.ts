// Per-market leaderboard (docs/api.md#t1-32; docs/market-model.md#market-leaderboard): ranks over the full list, then paged.
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import { leaderboardOfPositions } from '../../math/index.ts';
import type { LeaderRow } from '../../math/types.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { CORRUPT_DATA_CODES, type CorruptData, type MarketNotFound } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { callMath } from '../shared/math-call.ts';
import { loadMarketWithRows } from '../shared/market-rows.ts';
import { valuedPositionsOf } from '../shared/history-figures.ts';
import { pageOf, type Page } from '../shared/paging.ts';

export interface MarketLeaderboardOutput {
  readonly marketId: number;
  readonly leaderboard: LeaderRow[];
  readonly total: number;
}

export type MarketLeaderboardError = MarketNotFound | CorruptData | InfrastructureError;

export type GetMarketLeaderboard = (
  input: { readonly marketId: number } & Page,
) => ResultAsync<MarketLeaderboardOutput, MarketLeaderboardError>;

export function makeGetMarketLeaderboard(deps: Pick<UseCaseDeps, 'markets' | 'bets' | 'marketHistoryCache'>): GetMarketLeaderboard {
  return (input) =>
    safeTry(async function* () {
      const view = yield* loadMarketWithRows(deps, input.marketId);
      const { market, derive } = view;
      const board = yield* callMath(() => derive('leaderboard', () => leaderboardOfPositions(valuedPositionsOf(view))), CORRUPT_DATA_CODES);
      return ok({ marketId: market.id, leaderboard: pageOf(board, input), total: board.length });
    });
}
