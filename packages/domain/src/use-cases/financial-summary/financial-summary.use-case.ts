// A user's financial summary (docs/api.md#user-governance): the financial map with the number of markets in which the
// user holds shares. A market-scoped read model (docs/api.md#read-model-freshness), computed per request like the
// others, so it reflects every write committed before the read began.
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import { netPositions } from '../../math/index.ts';
import type { FinancialMap } from '../../math/types.ts';
import { CORRUPT_DATA_CODES } from '../../errors/use-case.errors.ts';
import { callMath } from '../shared/math-call.ts';
import { makeUserFinancialsBasis, type FinancialsDeps, type GetUserFinancialsError } from '../user-financials/user-financials.use-case.ts';

export interface FinancialSummary {
  readonly username: string;
  readonly financial: FinancialMap;
  /** markets in which the user's net YES or NO shares are above zero (a position sold off entirely does not count) */
  readonly positionCount: number;
}

export type GetFinancialSummaryError = GetUserFinancialsError;

export type GetFinancialSummary = (input: { readonly username: string }) => ResultAsync<FinancialSummary, GetFinancialSummaryError>;

export function makeGetFinancialSummary(deps: FinancialsDeps): GetFinancialSummary {
  const basis = makeUserFinancialsBasis(deps);
  return (input) =>
    safeTry(async function* () {
      const { user, markets, financial } = yield* basis(input.username);
      let positionCount = 0;
      for (const { market, rows } of markets) {
        const positions = yield* callMath(() => netPositions(rows, market.seeds), CORRUPT_DATA_CODES);
        if (positions.some((position) => position.username === user.username && position.yesShares + position.noShares > 0)) positionCount += 1;
      }
      return ok({ username: user.username, financial, positionCount });
    });
}
