// docs/market-model.md#user-financials user financial metrics over every market the user traded in, stewards or created.
import { workIncome } from './resolution.ts';
import type { FinancialMap, FinancialMarket } from './types.ts';
import { valuePositions } from './valuation.ts';

export function userFinancials(
  username: string,
  balance: number,
  markets: readonly FinancialMarket[],
  config: { initialBetFee: number; maximumDebtAllowed: number },
): FinancialMap {
  let amountInPlay = 0;
  let totalSpent = 0;
  let tradingProfits = 0;
  let realizedProfits = 0;
  let realizedValue = 0;
  let potentialProfits = 0;
  let potentialValue = 0;
  let amountInPlayActive = 0;
  let totalSpentInPlay = 0;
  let workProfits = 0;
  let unrealizedWorkIncome = 0;
  let unrealizedWorkProfits = 0;
  for (const market of markets) {
    // valuePositions validates every market, including those the user did not trade in (docs/market-model.md#math-api).
    const own = valuePositions(market.rows, market.seeds, market.resolution).find((p) => p.username === username);
    if (own !== undefined) {
      const profit = own.value - own.totalSpent;
      amountInPlay += own.value;
      totalSpent += own.totalSpent;
      tradingProfits += profit;
      if (market.resolution === null) {
        potentialProfits += profit;
        potentialValue += own.value;
        amountInPlayActive += own.value;
        totalSpentInPlay += own.totalSpentInPlay;
      } else {
        realizedProfits += profit;
        realizedValue += own.value;
      }
    }
    const income = workIncome(market.rows, config.initialBetFee);
    const paysWork = market.resolution === 'YES' || market.resolution === 'NO';
    if (paysWork && market.steward === username) workProfits += income - market.creationCost;
    if (market.resolution === null && market.rejected !== true) {
      if (market.steward === username) {
        unrealizedWorkIncome += income;
        unrealizedWorkProfits += income;
      }
      if (market.creator === username) unrealizedWorkProfits -= market.creationCost;
    }
  }
  const amountBorrowed = Math.max(0, -balance);
  const retainedEarnings = balance - amountInPlay;
  return {
    accountBalance: balance,
    maximumDebtAllowed: config.maximumDebtAllowed,
    amountInPlay,
    amountBorrowed,
    retainedEarnings,
    equity: retainedEarnings + amountInPlay - amountBorrowed,
    tradingProfits,
    workProfits,
    unrealizedWorkIncome,
    unrealizedWorkProfits,
    totalProfits: tradingProfits + workProfits,
    amountInPlayActive,
    totalSpent,
    totalSpentInPlay,
    realizedProfits,
    potentialProfits,
    realizedValue,
    potentialValue,
  };
}
