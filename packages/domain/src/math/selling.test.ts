import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buy, DEFAULT_SEEDS, errorCode, sale, UNIT_SEEDS } from '../../test/rows.ts';
import { planSale, quoteSale, sellablePosition } from './selling.ts';
import type { Outcome } from './types.ts';

const CONFIG = { maxDustPerSale: 1, sellSharesFee: 0 };

/** docs/market-model.md#sale-calculator suggestions exactly as written: every k and every d, first occurrences, nearest six, ascending. */
function naiveSuggestions(sharesSold: number, held: number, vps: number, maxDust: number, executable: number) {
  const candidates: number[] = [];
  for (const k of [sharesSold - 1, sharesSold, sharesSold + 1]) {
    if (k <= 0 || k > held) continue;
    for (let d = 0; d <= maxDust; d += 1) if (!candidates.includes(k * vps + d)) candidates.push(k * vps + d);
  }
  return candidates
    .sort((a, b) => Math.abs(a - executable) - Math.abs(b - executable) || a - b)
    .slice(0, 6)
    .sort((a, b) => a - b);
}

describe('sellablePosition', () => {
  // docs/market-model.md#worked-example after row 3: alice's lot was unlocked by bob's buy, bob's by carol's; carol's newest lot is locked.
  const example = [buy(1, 'alice', 'NO', 10), buy(2, 'bob', 'NO', 30), buy(3, 'carol', 'YES', 10)];

  it.each<[string, Outcome, object]>([
    ['alice', 'NO', { shares: 4, value: 8, currentShares: 4, currentValue: 8 }],
    ['bob', 'NO', { shares: 42, value: 0, currentShares: 42, currentValue: 37 }],
    ['carol', 'YES', { shares: 0, value: 0, currentShares: 4, currentValue: 5 }],
    ['alice', 'YES', { shares: 0, value: 0, currentShares: 0, currentValue: 8 }],
    ['nobody', 'YES', { shares: 0, value: 0, currentShares: 0, currentValue: 0 }],
  ])('reports %s on %s', (username, outcome, expected) => {
    expect(sellablePosition(example, DEFAULT_SEEDS, username, outcome)).toEqual(expected);
  });

  it("never unlocks a lot through the owner's own later buy", () => {
    const rows = [buy(1, 'a', 'YES', 30), buy(2, 'c', 'YES', 15), buy(3, 'b', 'NO', 30), buy(4, 'a', 'YES', 5)];
    const withSale = [...rows, sale(5, 'a', 'YES', 11)];
    // Final payouts of this history: lot 1 holds 26 shares, lot 4 one share, locked until b buys again.
    expect(sellablePosition(withSale, UNIT_SEEDS, 'a', 'YES')).toMatchObject({ shares: 14, currentShares: 26 });
    expect(sellablePosition([...withSale, buy(6, 'b', 'NO', 10)], UNIT_SEEDS, 'a', 'YES')).toEqual({
      shares: 16,
      value: 16,
      currentShares: 26,
      currentValue: 26,
    });
  });

  it('consumes sales FIFO from unlocked lots only and drops what they cannot cover', () => {
    const rows = [
      buy(1, 'a', 'YES', 30),
      buy(2, 'c', 'YES', 15),
      buy(3, 'b', 'NO', 30),
      buy(4, 'a', 'YES', 5),
      sale(5, 'a', 'YES', 11),
      sale(6, 'a', 'YES', 20),
      buy(7, 'b', 'NO', 10),
    ];
    // Lot 1 (14 shares) covers 11 + 3 shares; 17 are dropped; the one-share lot 4 survives and is now unlocked.
    expect(sellablePosition(rows, UNIT_SEEDS, 'a', 'YES')).toEqual({
      shares: 1,
      value: 1,
      currentShares: 12,
      currentValue: 13,
    });
  });

  it('validates the history, then the outcome', () => {
    expect(errorCode(() => sellablePosition([sale(1, 'a', 'YES', 1)], DEFAULT_SEEDS, 'a', 'MAYBE' as Outcome))).toBe(
      'INVALID_HISTORY',
    );
    expect(errorCode(() => sellablePosition(example, DEFAULT_SEEDS, 'a', 'MAYBE' as Outcome))).toBe('INVALID_OUTCOME');
  });
});

describe('quoteSale', () => {
  const sellable = { shares: 10, value: 100 };

  it('withholds dust from the proceeds: a request of 30 nets 30, one of 31 nets 29', () => {
    expect(quoteSale(sellable, 30, CONFIG)).toMatchObject({ sharesSold: 3, saleValue: 30, dust: 0, netProceeds: 30 });
    expect(quoteSale(sellable, 31, CONFIG)).toMatchObject({ requestedCredits: 31, dust: 1, netProceeds: 29 });
  });

  it('applies the sell fee after the dust, never below zero, and says so', () => {
    const quote = quoteSale({ shares: 1, value: 1 }, 2, { maxDustPerSale: 1, sellSharesFee: 1 });
    expect(quote).toMatchObject({ saleValue: 1, dust: 1, sellFee: 1, netProceeds: 0 });
    expect(quote.message).toBe(
      'Ready to sell: 1 credit will be withheld as whole-share rounding dust. A sell fee of 1 credit also applies.',
    );
  });

  it('clips negative configuration values to 0', () => {
    const quote = quoteSale(sellable, 35, { maxDustPerSale: -2, sellSharesFee: -5 });
    expect(quote).toMatchObject({ maxDust: 0, sellFee: 0, dust: 0, netProceeds: 30, requestedCredits: 30 });
    expect(quote.message).toBe('Ready to sell: no credits are withheld for whole-share rounding.');
  });

  it('caps the dust cap coverage at 1 and rounds it to four decimals otherwise', () => {
    expect(quoteSale({ shares: 3, value: 3 }, 2, CONFIG).dustCapCoverage).toBe(1);
    expect(quoteSale({ shares: 3, value: 9000 }, 3000, CONFIG).dustCapCoverage).toBe(0.0007);
  });

  it.each<[string, { shares: number; value: number }, number, string]>([
    ['a fractional request', sellable, 1.5, 'INVALID_AMOUNT'],
    ['a request beyond safe integers', sellable, 2 ** 53, 'INVALID_AMOUNT'],
    ['no shares', { shares: 0, value: 10 }, 10, 'NO_POSITION'],
    ['no value', { shares: 10, value: -1 }, 10, 'NO_POSITION'],
    ['less than a credit per share', { shares: 10, value: 9 }, 10, 'NO_POSITION'],
    ['a request below one share', sellable, 9, 'INVALID_AMOUNT'],
  ])('rejects %s', (_, position, request, code) => {
    expect(errorCode(() => quoteSale(position, request, CONFIG))).toBe(code);
  });

  it('suggests the same amounts as the literal rule, even for a huge dust cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 1, max: 1500 }),
        (shares, vps, maxDust, request) => {
          fc.pre(request >= vps);
          const config = { maxDustPerSale: maxDust, sellSharesFee: 0 };
          const quote = quoteSale({ shares, value: shares * vps }, request, config);
          const { sharesSold, requestedCredits } = quote;
          expect(quote.suggestedAmounts).toEqual(naiveSuggestions(sharesSold, shares, vps, maxDust, requestedCredits));
        },
      ),
      { numRuns: 400 },
    );
    const huge = quoteSale(sellable, 50_000_000_033, { maxDustPerSale: 1e12, sellSharesFee: 0 });
    expect(huge.suggestedAmounts).toEqual([30, 31, 32, 33, 34, 35].map((x) => 50_000_000_000 + x));
  });
});

describe('planSale', () => {
  const example = [buy(1, 'alice', 'NO', 10), buy(2, 'bob', 'NO', 30), buy(3, 'carol', 'YES', 10)];

  it('plans the docs/market-model.md#worked-example sale of row 4', () => {
    const plan = planSale(example, DEFAULT_SEEDS, 'alice', 'NO', 5, CONFIG);
    expect(plan.row).toEqual({ username: 'alice', outcome: 'NO', amount: -4, shares: 2, dust: 1 });
    expect(plan).toMatchObject({ toUser: 3, toHouse: 1 });
    expect(plan.quote).toMatchObject({ suggestedAmounts: [2, 3, 4, 5, 6, 7], dustCapCoverage: 1 });
  });

  it('records only the withheld part of the dust when the proceeds are clipped at zero', () => {
    const rows = [buy(1, 'bettor', 'NO', 1), buy(2, 'follower', 'NO', 1)];
    const plan = planSale(rows, UNIT_SEEDS, 'bettor', 'NO', 10, { maxDustPerSale: 5, sellSharesFee: 0 });
    expect(plan).toMatchObject({ toUser: 0, toHouse: 2, row: { amount: -2, shares: 2, dust: 2 } });
    expect(plan.quote.dust).toBe(5);
  });

  it.each<[string, Outcome, number, string]>([
    ['an unknown outcome', 'MAYBE' as Outcome, 5, 'INVALID_OUTCOME'],
    ['a zero request', 'NO', 0, 'INVALID_AMOUNT'],
    ['a side the user does not hold', 'YES', 5, 'NO_POSITION'],
  ])('rejects %s', (_, outcome, request, code) => {
    expect(errorCode(() => planSale(example, DEFAULT_SEEDS, 'alice', outcome, request, CONFIG))).toBe(code);
  });

  it('reports shares worth less than a credit each as not sellable', () => {
    expect(errorCode(() => planSale(example, DEFAULT_SEEDS, 'bob', 'NO', 40, CONFIG))).toBe('NO_SELLABLE_SHARES');
  });
});
