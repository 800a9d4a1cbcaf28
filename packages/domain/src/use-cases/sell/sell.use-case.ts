// Sale (docs/market-model.md#sale-plan; docs/api.md#t1-38): the quote's plan recomputed on locked state, then settled in the same
// transaction. A refused sale changes nothing.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { Outcome, SaleQuote } from '../../math/types.ts';
import { salePostings } from '../../ledger/postings.ts';
import type { StoredBetRow } from '../../model/bet.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  marketNotFound,
  type DomainFailure,
  type MarketNotFound,
  type UserNotFound,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { lockExistingUser } from '../shared/locked-user.ts';
import { checkTradable } from '../shared/market-status.ts';
import { nextPlacedAt, totalsAfter } from '../shared/market-totals.ts';
import { planSaleFor, type SalePlanError } from '../shared/sale-plan.ts';
import { checkTradeInput, type TradeInput } from '../shared/trade-input.ts';

export interface SellOutput {
  readonly username: string;
  readonly marketId: number;
  readonly outcome: Outcome;
  /** the same figures a quote on the same state shows */
  readonly quote: SaleQuote;
  /** the inserted sale row: amount = −saleValue */
  readonly bet: StoredBetRow;
  readonly transactionAt: number;
}

export type SellError =
  | DomainFailure<'INVALID_OUTCOME' | 'INVALID_AMOUNT' | 'MARKET_CLOSED'>
  | SalePlanError
  | MarketNotFound
  | UserNotFound
  | InfrastructureError;

export type Sell = (input: TradeInput, commit?: CommitHook<SellOutput>) => ResultAsync<SellOutput, SellError>;

export function makeSell(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock' | 'economics'>): Sell {
  const { maxDustPerSale } = deps.economics.betting;
  const { sellSharesFee } = deps.economics.betting.betFees;

  return (input, commit) =>
    checkTradeInput(input).asyncAndThen((outcome) =>
      deps.unitOfWork.run((tx) =>
        safeTry(async function* () {
          const market = yield* tx.lockMarket(input.marketId);
          if (market === null) return err(marketNotFound(input.marketId));
          const now = deps.clock.now();
          yield* checkTradable(market, now);

          const user = yield* lockExistingUser(tx, input.username);

          // The replay happens under the market lock, so two sales of one lot are serialised (DB-6).
          const rows = yield* tx.bets.listByMarket(market.id);
          const plan = yield* planSaleFor(
            rows,
            market.seeds,
            { username: user.username, outcome, credits: input.amount },
            { maxDustPerSale, sellSharesFee },
          );

          const placedAt = nextPlacedAt(market.totals, now);
          const bet = yield* tx.bets.insert({ marketId: market.id, ...plan.row, placedAt });
          yield* tx.ledger.post(salePostings(market.id, user.username, plan), { occurredAt: now, marketId: market.id });
          yield* tx.markets.update(market.id, { totals: totalsAfter(market.totals, bet, false), updatedAt: now });
          return ok({
            username: user.username,
            marketId: market.id,
            outcome,
            quote: plan.quote,
            bet,
            transactionAt: now,
          });
        }),
        commit,
      ),
    );
}
