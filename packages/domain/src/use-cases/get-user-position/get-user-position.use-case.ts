// One user's position in one market (docs/api.md#t1-31), with the sellable figures of the trade tab (T1-36;
// docs/market-model.md#sellable-lots). A user without rows gets zeros.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { sellablePosition } from '../../math/index.ts';
import type { Position } from '../../math/types.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import {
  CORRUPT_DATA_CODES,
  userNotFound,
  type CorruptData,
  type MarketNotFound,
  type UserNotFound,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { callMath } from '../shared/math-call.ts';
import { loadMarketWithRows } from '../shared/market-rows.ts';
import { valuedPositionsOf } from '../shared/history-figures.ts';
import { resolutionOf, toMarketPosition, type MarketPosition } from '../shared/views.ts';

export interface SellableFigures {
  readonly shares: number;
  readonly value: number;
}

export interface UserPosition {
  readonly position: MarketPosition;
  /** zeros once the market is resolved */
  readonly yesSellable: SellableFigures;
  readonly noSellable: SellableFigures;
}

export type GetUserPositionError = MarketNotFound | UserNotFound | CorruptData | InfrastructureError;

export type GetUserPosition = (input: {
  readonly marketId: number;
  readonly username: string;
}) => ResultAsync<UserPosition, GetUserPositionError>;

const NOTHING_SELLABLE: SellableFigures = { shares: 0, value: 0 };

export function makeGetUserPosition(deps: Pick<UseCaseDeps, 'markets' | 'bets' | 'users' | 'marketHistoryCache'>): GetUserPosition {
  return (input) =>
    safeTry(async function* () {
      const view = yield* loadMarketWithRows(deps, input.marketId);
      const { market, rows } = view;
      if ((yield* deps.users.findByUsername(input.username)) === null) return err(userNotFound(input.username));
      const { username } = input;
      const resolution = resolutionOf(market);
      const positions = yield* callMath(() => valuedPositionsOf(view), CORRUPT_DATA_CODES);
      const own = positions.find((position) => position.username === username) ?? emptyPosition(username);
      const sellable = (outcome: 'YES' | 'NO'): SellableFigures => {
        if (resolution !== null) return NOTHING_SELLABLE;
        const { shares, value } = sellablePosition(rows, market.seeds, username, outcome);
        return { shares, value };
      };
      return ok({ position: toMarketPosition(market, own), yesSellable: sellable('YES'), noSellable: sellable('NO') });
    });
}

function emptyPosition(username: string): Position {
  return { username, yesShares: 0, noShares: 0, value: 0, totalSpent: 0, totalSpentInPlay: 0, earliestPlacedAt: 0 };
}
