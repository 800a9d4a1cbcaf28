// Projection of a hypothetical buy (docs/market-model.md#wpam-probability; docs/api.md#t1-28): where the probability would move, with no side
// effects. It reads the running totals on the market row, so it costs the same on a market of any length (PERF-3).
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { Outcome } from '../../math/types.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { marketNotFound, type DomainFailure, type MarketNotFound } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { checkTradable } from '../shared/market-status.ts';
import { probabilityFromTotals, totalsAfter } from '../shared/market-totals.ts';
import { checkTradeInput } from '../shared/trade-input.ts';

export interface ProjectBetInput {
  readonly marketId: number;
  /** exactly `YES` or `NO`; trimming and upper-casing are the HTTP adapter's job */
  readonly outcome: string;
  readonly amount: number;
}

export interface ProjectBetOutput {
  readonly marketId: number;
  readonly currentProbability: number;
  readonly projectedProbability: number;
  readonly amount: number;
  readonly outcome: Outcome;
}

export type ProjectBetError =
  | DomainFailure<'INVALID_OUTCOME' | 'INVALID_AMOUNT' | 'MARKET_CLOSED'>
  | MarketNotFound
  | InfrastructureError;

export type ProjectBet = (input: ProjectBetInput) => ResultAsync<ProjectBetOutput, ProjectBetError>;

export function makeProjectBet(deps: Pick<UseCaseDeps, 'markets' | 'clock'>): ProjectBet {
  return (input) =>
    safeTry(async function* () {
      // The projection has no trader; the shared check only looks at the outcome and the amount.
      const outcome = yield* checkTradeInput({ ...input, username: '' });
      const market = yield* deps.markets.findById(input.marketId);
      if (market === null) return err(marketNotFound(input.marketId));
      const now = deps.clock.now();
      yield* checkTradable(market, now);

      // Only the probability is read from these totals; whose row it would be does not matter to it.
      const hypothetical = totalsAfter(market.totals, { outcome, amount: input.amount, placedAt: now }, false);
      return ok({
        marketId: market.id,
        currentProbability: probabilityFromTotals(market.seeds, market.totals),
        projectedProbability: probabilityFromTotals(market.seeds, hypothetical),
        amount: input.amount,
        outcome,
      });
    });
}
