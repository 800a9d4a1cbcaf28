import { describe, expect, it } from 'vitest';
import { errorCode } from '../../test/rows.ts';
import { buyCost, withinDebtLimit } from './buying.ts';

describe('buyCost', () => {
  const fees = { initialBetFee: 1, buySharesFee: 2 };

  it('charges the first-bet fee only without a prior row, and the buy fee every time', () => {
    expect(buyCost(false, 10, fees)).toEqual({ amount: 10, initialFee: 1, transactionFee: 2, totalCost: 13 });
    expect(buyCost(true, 10, fees)).toEqual({ amount: 10, initialFee: 0, transactionFee: 2, totalCost: 12 });
  });

  it.each([0, -5, 2.5, Number.NaN, 2 ** 53])('rejects an amount of %d', (amount) => {
    expect(errorCode(() => buyCost(false, amount, fees))).toBe('INVALID_AMOUNT');
  });
});

describe('withinDebtLimit', () => {
  it('allows ending exactly at the limit, not below', () => {
    expect(withinDebtLimit(0, 500, 500)).toBe(true);
    expect(withinDebtLimit(0, 501, 500)).toBe(false);
    expect(withinDebtLimit(-10, 0, 5)).toBe(false);
  });
});
