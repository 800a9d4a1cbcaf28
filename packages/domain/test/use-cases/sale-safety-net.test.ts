// INSUFFICIENT_SHARES is a safety net the current sale calculator never reaches (docs/market-model.md#sale-calculator, docs/market-model.md#sale-plan step 5);
// a stubbed planSale proves the use cases still report it with the sellable figures and change nothing.
import { describe, expect, it, vi } from 'vitest';
import type * as MathModule from '../../src/math/index.ts';
import { createHarness, expectBooksBalanced } from './support/use-case-harness.ts';

vi.mock('../../src/math/index.ts', async (importOriginal) => {
  const math = await importOriginal<typeof MathModule>();
  return {
    ...math,
    planSale: () => {
      throw new math.DomainError('INSUFFICIENT_SHARES', 'The sale exceeds the sellable inventory.');
    },
  };
});

describe('INSUFFICIENT_SHARES', () => {
  it('is reported by quote and sell with the unlocked inventory as the executable value', async () => {
    const h = createHarness();
    for (const name of ['alice', 'bob', 'dave']) await h.seedUser(name);
    const market = await h.seedMarket('dave');
    (await h.placeBet({ username: 'alice', marketId: market.id, outcome: 'NO', amount: 10 }))._unsafeUnwrap();
    (await h.placeBet({ username: 'bob', marketId: market.id, outcome: 'YES', amount: 10 }))._unsafeUnwrap();
    const request = { username: 'alice', marketId: market.id, outcome: 'NO', amount: 5 };
    const entries = h.ports.database.ledgerEntries().length;
    for (const failure of [
      (await h.quoteSale(request))._unsafeUnwrapErr(),
      (await h.sell(request))._unsafeUnwrapErr(),
    ]) {
      expect(failure).toMatchObject({ code: 'INSUFFICIENT_SHARES', details: { outcome: 'NO', requestedCredits: 5 } });
      if (failure.code !== 'INSUFFICIENT_SHARES') continue;
      expect(failure.details?.executableSaleValue).toBe(failure.details?.nominalUnlockedValue);
    }
    expect(h.ports.database.ledgerEntries()).toHaveLength(entries);
    await expectBooksBalanced(h.ports);
  });
});
