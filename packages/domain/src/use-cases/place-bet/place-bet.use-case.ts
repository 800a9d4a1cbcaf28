// Buying (docs/market-model.md#buying; docs/api.md#t1-35): validate, then in one transaction lock the market, re-check that it is
// tradable, lock the user, charge amount + fees under the debt rule and append the row (DB-6 (docs/architecture.md#db-6)).
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { buyCost, withinDebtLimit } from '../../math/index.ts';
import type { BuyCost } from '../../math/types.ts';
import { betPostings } from '../../ledger/postings.ts';
import type { StoredBetRow } from '../../model/bet.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { commitVia, type CommitHook } from '../../ports/write-records.port.ts';
import {
  domainFailure,
  marketNotFound,
  userNotFound,
  type DomainFailure,
  type MarketNotFound,
  type UserNotFound,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { checkTradable } from '../shared/market-status.ts';
import { guardAppend, nextPlacedAt, totalsAfter } from '../shared/market-totals.ts';
import { checkTradeInput, type TradeInput } from '../shared/trade-input.ts';

export interface PlaceBetOutput {
  readonly bet: StoredBetRow;
  readonly cost: BuyCost;
}

export type PlaceBetError =
  | DomainFailure<
      | 'INVALID_OUTCOME'
      | 'INVALID_AMOUNT'
      | 'MARKET_CLOSED'
      | 'INSUFFICIENT_BALANCE'
      | 'POOL_NEGATIVE'
      | 'PROBABILITY_OUT_OF_RANGE'
    >
  | MarketNotFound
  | UserNotFound
  | InfrastructureError;

export type PlaceBet = (input: TradeInput, commit?: CommitHook<PlaceBetOutput>) => ResultAsync<PlaceBetOutput, PlaceBetError>;

export function makePlaceBet(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock' | 'economics'>): PlaceBet {
  const fees = deps.economics.betting.betFees;
  const { maximumDebtAllowed } = deps.economics.user;

  return (input, commit) =>
    checkTradeInput(input).asyncAndThen((outcome) =>
      deps.unitOfWork.trade(input.marketId, input.username, (locked, tx) =>
        safeTry(async function* () {
          if (locked === null) return err(marketNotFound(input.marketId));
          const { market, user, hasPriorRow } = locked;
          // Taken after the lock: a bet queued behind a resolution sees it (DB-6).
          const now = deps.clock.now();
          yield* checkTradable(market, now);
          if (user === null) return err(userNotFound(input.username));

          const { amount } = input;
          const cost = buyCost(hasPriorRow, amount, fees);
          if (!withinDebtLimit(user.accountBalance, cost.totalCost, maximumDebtAllowed)) {
            return err(domainFailure('INSUFFICIENT_BALANCE', 'The purchase would exceed the allowed debt.'));
          }
          yield* guardAppend(market.seeds, market.totals, { outcome, amount });

          const row = {
            marketId: market.id,
            username: user.username,
            outcome,
            amount,
            shares: null,
            dust: null,
            placedAt: nextPlacedAt(market.totals, now),
          };
          const entries = betPostings(market.id, user.username, cost);
          const bet = yield* tx.appendTrade(
            { row, entries, totals: totalsAfter(market.totals, row, !hasPriorRow), at: now },
            commitVia(commit, (stored) => ({ bet: stored, cost })),
          );
          return ok({ bet, cost });
        }),
      ),
    );
}
