// Global leaderboard (docs/api.md#t1-41; docs/market-model.md#global-leaderboard) over every market with at least one row.
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import { globalLeaderboardOfPositions } from '../../math/index.ts';
import { valuedPositionsOf } from '../shared/history-figures.ts';
import type { GlobalLeaderRow } from '../../math/types.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { CORRUPT_DATA_CODES, type CorruptData } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { callMath } from '../shared/math-call.ts';
import { pageOf, type Page } from '../shared/paging.ts';
import { loadMarketHistories } from '../shared/market-rows.ts';
import { resolutionOf } from '../shared/views.ts';

export interface GlobalLeaderboardOutput {
  readonly entries: GlobalLeaderRow[];
  readonly total: number;
}

export type GlobalLeaderboardError = CorruptData | InfrastructureError;

export type GetGlobalLeaderboard = (input: Page) => ResultAsync<GlobalLeaderboardOutput, GlobalLeaderboardError>;

export function makeGetGlobalLeaderboard(deps: Pick<UseCaseDeps, 'markets' | 'bets' | 'marketHistoryCache'>): GetGlobalLeaderboard {
  return (input) =>
    safeTry(async function* () {
      const histories = yield* loadMarketHistories(deps, yield* deps.bets.marketIdsWithRows());
      const board = yield* callMath(
        () =>
          globalLeaderboardOfPositions(
            // Valued once per history and resolution: a rebuild revalues only the markets traded or resolved since.
            histories.map((view) => ({ positions: valuedPositionsOf(view), resolved: resolutionOf(view.market) !== null })),
          ),
        CORRUPT_DATA_CODES,
      );
      return ok({ entries: pageOf(board, input), total: board.length });
    });
}
