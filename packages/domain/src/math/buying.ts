// docs/market-model.md#buying buying: fees and the debt rule. Fees go to the house and never enter the pool.
import { assertPositiveAmount } from './checks.ts';
import type { BuyCost, BuyFees } from './types.ts';

/** `hasPriorRow`: the user has any row in the market, sale rows included, so the first-bet fee is due once. */
export function buyCost(hasPriorRow: boolean, amount: number, fees: BuyFees): BuyCost {
  assertPositiveAmount(amount);
  const initialFee = hasPriorRow ? 0 : fees.initialBetFee;
  const transactionFee = fees.buySharesFee;
  return { amount, initialFee, transactionFee, totalCost: amount + initialFee + transactionFee };
}

/** Ending exactly at −maximumDebtAllowed is allowed. */
export function withinDebtLimit(balance: number, cost: number, maximumDebtAllowed: number): boolean {
  return balance - cost >= -maximumDebtAllowed;
}
