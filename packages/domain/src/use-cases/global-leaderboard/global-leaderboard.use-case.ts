// Global leaderboard (docs/api.md#t1-41; docs/market-model.md#global-leaderboard) over every market with at least one row.
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import { globalLeaderboard } from '../../math/index.ts';
import type { GlobalLeaderRow } from '../../math/types.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { CORRUPT_DATA_CODES, type CorruptData } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { callMath } from '../shared/math-call.ts';
import { pageOf, type Page } from '../shared/paging.ts';
import { loadMarketsWithRows } from '../shared/traded-markets.ts';
import { resolutionOf } from '../shared/views.ts';

export interface GlobalLeaderboardOutput {
  readonly entries: GlobalLeaderRow[];
  readonly total: number;
}

export type GlobalLeaderboardError = CorruptData | InfrastructureError;

export type GetGlobalLeaderboard = (input: Page) => ResultAsync<GlobalLeaderboardOutput, GlobalLeaderboardError>;

export function makeGetGlobalLeaderboard(deps: Pick<UseCaseDeps, 'markets' | 'bets'>): GetGlobalLeaderboard {
  return (input) =>
    safeTry(async function* () {
      const markets = yield* loadMarketsWithRows(deps, yield* deps.bets.marketIdsWithRows());
      const marketRows = markets.map(({ market, rows }) => ({
        rows: [...rows],
        resolution: resolutionOf(market),
        seeds: market.seeds,
      }));
      const board = yield* callMath(() => globalLeaderboard(marketRows), CORRUPT_DATA_CODES);
      return ok({ entries: pageOf(board, input), total: board.length });
    });
}
