import { describe, expect, it } from 'vitest';
import { buy, DEFAULT_SEEDS, errorCode } from '../../test/rows.ts';
import { userFinancials } from './financials.ts';
import type { FinancialMarket } from './types.ts';
import { valuePositions } from './valuation.ts';

const CONFIG = { initialBetFee: 1, maximumDebtAllowed: 500 };

function market(change: Partial<FinancialMarket>): FinancialMarket {
  return { rows: [], resolution: null, seeds: DEFAULT_SEEDS, steward: 'x', creator: 'x', creationCost: 10, ...change };
}

describe('userFinancials', () => {
  const traded = [buy(1, 'u', 'YES', 20), buy(2, 'v', 'NO', 10), buy(3, 'w', 'NO', 10)];
  const own = (resolution: 'YES' | null) => valuePositions(traded, DEFAULT_SEEDS, resolution)[0]!;

  it('splits trading figures between resolved and open markets', () => {
    const resolvedValue = own('YES').value;
    const openValue = own(null).value;
    const markets = [market({ rows: traded, resolution: 'YES' }), market({ rows: traded })];
    const result = userFinancials('u', -30, markets, CONFIG);
    expect(result).toMatchObject({
      accountBalance: -30,
      maximumDebtAllowed: 500,
      amountInPlay: resolvedValue + openValue,
      amountInPlayActive: openValue,
      amountBorrowed: 30,
      totalSpent: 40,
      totalSpentInPlay: 20,
      realizedValue: resolvedValue,
      realizedProfits: resolvedValue - 20,
      potentialValue: openValue,
      potentialProfits: openValue - 20,
      tradingProfits: resolvedValue + openValue - 40,
      retainedEarnings: -30 - resolvedValue - openValue,
      equity: -60,
    });
  });

  it('counts work income of stewarded markets and creation costs of created ones', () => {
    const markets = [
      market({ rows: traded, resolution: 'NO', steward: 'u', creationCost: 10 }), // work profit 3 − 10
      market({ rows: traded, resolution: 'N/A', steward: 'u' }), // N/A pays no work profit
      market({ rows: traded, steward: 'u', creator: 'u', creationCost: 4 }), // unrealized 3, profit 3 − 4
      market({ rows: traded, steward: 'u', creator: 'u', rejected: true }), // a rejected proposal counts nothing
      market({ rows: traded, creator: 'u', creationCost: 2, rejected: false }),
    ];
    const result = userFinancials('u', 100, markets, CONFIG);
    expect(result).toMatchObject({ workProfits: -7, unrealizedWorkIncome: 3, unrealizedWorkProfits: -3 });
    expect(result.totalProfits).toBe(result.tradingProfits - 7);
    expect(result.amountBorrowed).toBe(0);
  });

  it('reports zeros for a user without markets', () => {
    const result = userFinancials('nobody', 0, [market({ rows: traded })], CONFIG);
    expect(Object.values(result).every((value) => value === 0 || value === 500)).toBe(true);
  });

  it('validates every market, including those the user did not trade in', () => {
    const broken = market({ rows: [buy(1, 'v', 'MAYBE' as 'YES', 5)] });
    expect(errorCode(() => userFinancials('u', 0, [broken], CONFIG))).toBe('INVALID_HISTORY');
  });
});
