import { describe, expect, it } from 'vitest';
import { systemMetrics } from './system-metrics.ts';

describe('systemMetrics', () => {
  it('balances for the books of the worked example (docs/market-model.md#worked-example)', () => {
    const metrics = systemMetrics({
      balances: [11, 16, -31, -7],
      maximumDebtAllowed: 500,
      openPoolTotal: 0,
      houseIncome: { creationFees: 10, participationFees: 0, otherIncome: 1 },
      minted: 0,
    });
    expect(metrics).toEqual({
      numUsers: 4,
      userDebtCapacity: 2000,
      minted: 0,
      unusedDebt: 1962,
      activeBetVolume: 0,
      marketCreationFees: 10,
      participationFees: 0,
      otherHouseIncome: 1,
      bonusesPaid: 27,
      totalUtilized: 2000,
      surplus: 0,
      balanced: true,
    });
  });

  it('shows a surplus when credits appear from nowhere', () => {
    const metrics = systemMetrics({
      balances: [100, 5],
      maximumDebtAllowed: 10,
      openPoolTotal: 20,
      houseIncome: { creationFees: 0, participationFees: 0, otherIncome: 0 },
      minted: 120,
    });
    expect(metrics).toMatchObject({ unusedDebt: 20, bonusesPaid: 105, totalUtilized: 145, surplus: -5 });
    expect(metrics.balanced).toBe(false);
  });
});
