// A user's financial map (docs/api.md#t1-19; docs/market-model.md#user-financials) over every market the user traded in, stewards or created.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { userFinancials } from '../../math/index.ts';
import type { FinancialMap } from '../../math/types.ts';
import type { UserRecord } from '../../model/user.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { CORRUPT_DATA_CODES, userNotFound, type CorruptData, type UserNotFound } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { callMath } from '../shared/math-call.ts';
import type { MarketWithRows } from '../shared/market-rows.ts';
import { loadMarketsWithRows } from '../shared/traded-markets.ts';
import { resolutionOf } from '../shared/views.ts';

export type GetUserFinancialsError = UserNotFound | CorruptData | InfrastructureError;

export type GetUserFinancials = (input: {
  readonly username: string;
}) => ResultAsync<FinancialMap, GetUserFinancialsError>;

export type FinancialsDeps = Pick<UseCaseDeps, 'users' | 'markets' | 'bets' | 'economics'>;

/** The map with what it was computed from: the user and the markets it traded in, stewards or created. */
export interface UserFinancialsBasis {
  readonly user: UserRecord;
  readonly markets: readonly MarketWithRows[];
  readonly financial: FinancialMap;
}

/** Shared by the live map and the financial summary (docs/api.md#user-governance). */
export function makeUserFinancialsBasis(deps: FinancialsDeps) {
  const config = {
    initialBetFee: deps.economics.betting.betFees.initialBetFee,
    maximumDebtAllowed: deps.economics.user.maximumDebtAllowed,
  };

  return (username: string): ResultAsync<UserFinancialsBasis, GetUserFinancialsError> =>
    safeTry(async function* () {
      const user = yield* deps.users.findByUsername(username);
      if (user === null) return err(userNotFound(username));
      const traded = yield* deps.bets.marketIdsByUser(user.username);
      const involved = yield* deps.markets.findInvolving(user.username);
      const marketIds = new Set([...traded, ...involved.map((market) => market.id)]);
      const markets = yield* loadMarketsWithRows(deps, [...marketIds]);
      const financialMarkets = markets.map(({ market, rows }) => ({
        rows: [...rows],
        resolution: resolutionOf(market),
        seeds: market.seeds,
        steward: market.stewardUsername,
        creator: market.creatorUsername,
        creationCost: market.creationCost,
        rejected: market.lifecycleStatus === 'rejected',
      }));
      const financial = yield* callMath(
        () => userFinancials(user.username, user.accountBalance, financialMarkets, config),
        CORRUPT_DATA_CODES,
      );
      return ok({ user, markets, financial });
    });
}

export function makeGetUserFinancials(deps: FinancialsDeps): GetUserFinancials {
  const basis = makeUserFinancialsBasis(deps);
  return (input) => basis(input.username).map(({ financial }) => financial);
}
