// docs/market-model.md#system-metrics system metrics: upstream's accounting identity; with a consistent ledger the surplus is 0.
import type { SystemMetrics, SystemMetricsInput } from './types.ts';

export function systemMetrics(input: SystemMetricsInput): SystemMetrics {
  const { balances, maximumDebtAllowed, openPoolTotal, houseIncome, minted } = input;
  let unusedDebt = 0;
  let bonusesPaid = 0;
  for (const balance of balances) {
    unusedDebt += maximumDebtAllowed - Math.max(0, -balance);
    if (balance > 0) bonusesPaid += balance;
  }
  const userDebtCapacity = balances.length * maximumDebtAllowed;
  const totalUtilized =
    unusedDebt +
    openPoolTotal +
    houseIncome.creationFees +
    houseIncome.participationFees +
    houseIncome.otherIncome +
    bonusesPaid;
  const surplus = userDebtCapacity + minted - totalUtilized;
  return {
    numUsers: balances.length,
    userDebtCapacity,
    minted,
    unusedDebt,
    activeBetVolume: openPoolTotal,
    marketCreationFees: houseIncome.creationFees,
    participationFees: houseIncome.participationFees,
    otherHouseIncome: houseIncome.otherIncome,
    bonusesPaid,
    totalUtilized,
    surplus,
    balanced: surplus === 0,
  };
}
