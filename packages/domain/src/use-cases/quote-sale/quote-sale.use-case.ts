// Sale quote (docs/market-model.md#sale-plan; docs/api.md#t1-37): the same plan as a sale, without side effects.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { Outcome, SaleQuote } from '../../math/types.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { marketNotFound, type DomainFailure, type MarketNotFound } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { checkTradable } from '../shared/market-status.ts';
import { planSaleFor, type SalePlanError } from '../shared/sale-plan.ts';
import { checkTradeInput, type TradeInput } from '../shared/trade-input.ts';

export interface QuoteSaleOutput {
  readonly username: string;
  readonly marketId: number;
  readonly outcome: Outcome;
  readonly quote: SaleQuote;
  readonly quotedAt: number;
}

export type QuoteSaleError =
  | DomainFailure<'INVALID_OUTCOME' | 'INVALID_AMOUNT' | 'MARKET_CLOSED'>
  | SalePlanError
  | MarketNotFound
  | InfrastructureError;

export type QuoteSale = (input: TradeInput) => ResultAsync<QuoteSaleOutput, QuoteSaleError>;

export function makeQuoteSale(deps: Pick<UseCaseDeps, 'markets' | 'bets' | 'clock' | 'economics'>): QuoteSale {
  const { maxDustPerSale } = deps.economics.betting;
  const { sellSharesFee } = deps.economics.betting.betFees;

  return (input) =>
    safeTry(async function* () {
      const outcome = yield* checkTradeInput(input);
      const market = yield* deps.markets.findById(input.marketId);
      if (market === null) return err(marketNotFound(input.marketId));
      const now = deps.clock.now();
      yield* checkTradable(market, now);

      const rows = yield* deps.bets.listByMarket(market.id);
      const plan = yield* planSaleFor(
        rows,
        market.seeds,
        { username: input.username, outcome, credits: input.amount },
        { maxDustPerSale, sellSharesFee },
      );
      return ok({ username: input.username, marketId: market.id, outcome, quote: plan.quote, quotedAt: now });
    });
}
