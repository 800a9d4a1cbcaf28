// A user's financial map (docs/api.md#t1-19; docs/market-model.md#user-financials) over every market the user traded in, stewards or created.
import { err, safeTry, type ResultAsync } from 'neverthrow';
import { userFinancials } from '../../math/index.ts';
import type { FinancialMap } from '../../math/types.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { CORRUPT_DATA_CODES, userNotFound, type CorruptData, type UserNotFound } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { callMath } from '../shared/math-call.ts';
import { loadMarketsWithRows } from '../shared/traded-markets.ts';
import { resolutionOf } from '../shared/views.ts';

export type GetUserFinancialsError = UserNotFound | CorruptData | InfrastructureError;

export type GetUserFinancials = (input: {
  readonly username: string;
}) => ResultAsync<FinancialMap, GetUserFinancialsError>;

export function makeGetUserFinancials(
  deps: Pick<UseCaseDeps, 'users' | 'markets' | 'bets' | 'economics'>,
): GetUserFinancials {
  const config = {
    initialBetFee: deps.economics.betting.betFees.initialBetFee,
    maximumDebtAllowed: deps.economics.user.maximumDebtAllowed,
  };

  return (input) =>
    safeTry(async function* () {
      const user = yield* deps.users.findByUsername(input.username);
      if (user === null) return err(userNotFound(input.username));
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
      return callMath(
        () => userFinancials(user.username, user.accountBalance, financialMarkets, config),
        CORRUPT_DATA_CODES,
      );
    });
}
