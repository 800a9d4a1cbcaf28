// The ledger entries of every business event (docs/market-model.md#ledger), composed from `transfer` in this one place so that
// the use cases, the simulator and the operator tools cannot post the same event differently. Each recipe throws
// what `transfer` throws (a non-finite or non-integer amount); a zero amount posts nothing.
import type { BuyCost, SalePlan, Settlement } from '../math/types.ts';
import { HOUSE, MINT, poolAccount, transfer, userAccount, type LedgerEntry } from './ledger.ts';

/** INITIAL_BALANCE mint → user: the `initialAccountBalance` every new user starts with. */
export function initialBalancePostings(username: string, amount: number): LedgerEntry[] {
  return transfer('INITIAL_BALANCE', MINT, userAccount(username), amount);
}

/** ADMIN_GRANT mint → user; a negative amount is an adjustment that takes the credits back (user → mint). */
export function adminGrantPostings(username: string, amount: number): LedgerEntry[] {
  return transfer('ADMIN_GRANT', MINT, userAccount(username), amount);
}

/** MARKET_CREATION creator → house: the creation cost (docs/market-model.md#creation-fees). */
export function marketCreationPostings(creator: string, cost: number): LedgerEntry[] {
  return transfer('MARKET_CREATION', userAccount(creator), HOUSE, cost);
}

/** PROPOSAL_REFUND house → creator: the creation cost given back when a proposal is rejected (docs/market-model.md#creation-fees). */
export function proposalRefundPostings(creator: string, amount: number): LedgerEntry[] {
  return transfer('PROPOSAL_REFUND', HOUSE, userAccount(creator), amount);
}

/** ADD_ANSWER_FEE user → house: the cost of adding an answer to a multiple-choice market (docs/market-model.md#creation-fees). */
export function addAnswerFeePostings(username: string, fee: number): LedgerEntry[] {
  return transfer('ADD_ANSWER_FEE', userAccount(username), HOUSE, fee);
}

/** A purchase (docs/market-model.md#buying): BUY trader → pool for the amount, then INITIAL_BET_FEE and BUY_FEE trader → house. */
export function betPostings(
  marketId: number,
  username: string,
  cost: Pick<BuyCost, 'amount' | 'initialFee' | 'transactionFee'>,
): LedgerEntry[] {
  const trader = userAccount(username);
  return [
    ...transfer('BUY', trader, poolAccount(marketId), cost.amount),
    ...transfer('INITIAL_BET_FEE', trader, HOUSE, cost.initialFee),
    ...transfer('BUY_FEE', trader, HOUSE, cost.transactionFee),
  ];
}

/** A sale (docs/market-model.md#sale-plan): SALE pool → seller for the net proceeds; the withheld part is dust first, the rest sell fee. */
export function salePostings(marketId: number, username: string, plan: SalePlan): LedgerEntry[] {
  const pool = poolAccount(marketId);
  return [
    ...transfer('SALE', pool, userAccount(username), plan.toUser),
    ...transfer('SALE_DUST', pool, HOUSE, plan.row.dust),
    ...transfer('SELL_FEE', pool, HOUSE, plan.toHouse - plan.row.dust),
  ];
}

/**
 * A resolution (docs/market-model.md#resolution), in posting order: WIN/REFUND pool → user, then POOL_REMAINDER pool → house, then WORK_PROFIT
 * house → steward. A negative REFUND debits the user (user → pool); the debt rule does not apply to it.
 */
export function resolutionPostings(marketId: number, settlement: Settlement): LedgerEntry[] {
  const pool = poolAccount(marketId);
  const entries = settlement.credits.flatMap(({ kind, username, amount }) =>
    transfer(kind, pool, userAccount(username), amount),
  );
  entries.push(...transfer('POOL_REMAINDER', pool, HOUSE, settlement.poolToHouse));
  if (settlement.workProfit !== null) {
    const { username, amount } = settlement.workProfit;
    entries.push(...transfer('WORK_PROFIT', HOUSE, userAccount(username), amount));
  }
  return entries;
}
