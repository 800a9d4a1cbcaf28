// The stats page figures (docs/api.md#t1-39), from the ledger (docs/market-model.md#system-metrics–15).
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { UseCaseDeps } from '../deps.ts';
import { readLedgerSnapshot } from '../shared/ledger-snapshot.ts';

export interface FinancialStats {
  /** initialAccountBalance × number of REGULAR users (as upstream) */
  readonly totalMoney: number;
  readonly totalDebtExtended: number;
  readonly totalDebtUtilized: number;
  /** creation, bet, sell and add-answer fees and withheld dust, net of proposal refunds */
  readonly totalFeesCollected: number;
  /** Σ WORK_PROFIT */
  readonly totalBonusesPaid: number;
  /** credits held in the pools of unresolved markets */
  readonly outstandingPayouts: number;
  readonly totalMoneyInCirculation: number;
}

export type GetFinancialStats = () => ResultAsync<FinancialStats, InfrastructureError>;

export function makeGetFinancialStats(
  deps: Pick<UseCaseDeps, 'users' | 'ledger' | 'markets' | 'economics'>,
): GetFinancialStats {
  const { initialAccountBalance, maximumDebtAllowed } = deps.economics.user;
  return () =>
    safeTry(async function* () {
      const regularUsers = yield* deps.users.count('REGULAR');
      const { balances, openPoolTotal, sumsByKind: sums } = yield* readLedgerSnapshot(deps);
      const positive = balances.reduce((sum, balance) => sum + Math.max(0, balance), 0);
      const borrowed = balances.reduce((sum, balance) => sum + Math.max(0, -balance), 0);
      return ok({
        totalMoney: initialAccountBalance * regularUsers,
        totalDebtExtended: balances.length * maximumDebtAllowed,
        totalDebtUtilized: borrowed,
        totalFeesCollected:
          sums.MARKET_CREATION -
          sums.PROPOSAL_REFUND +
          sums.INITIAL_BET_FEE +
          sums.BUY_FEE +
          sums.SELL_FEE +
          sums.ADD_ANSWER_FEE +
          sums.SALE_DUST,
        totalBonusesPaid: sums.WORK_PROFIT,
        outstandingPayouts: openPoolTotal,
        totalMoneyInCirculation: positive + openPoolTotal,
      });
    });
}
