import { describe, expect, it } from 'vitest';
import { infrastructureError } from '@socialpredict/domain';
import { codeOf, createHarness, DAY, expectBooksBalanced, seedWorkedExample, type Harness } from './support/use-case-harness.ts';

/** Rows 1–3 of the worked example (docs/market-model.md#worked-example): alice NO 10, bob NO 30, carol YES 10; dave created it. */
async function workedExample(h: Harness = createHarness()) {
  return { h, market: await seedWorkedExample(h, { when: 'after', ms: 1_000 }) };
}

describe('quote sale (docs/market-model.md#sale-plan)', () => {
  it('quotes the worked example without side effects', async () => {
    const { h, market } = await workedExample();
    const entries = h.ports.database.ledgerEntries().length;
    const result = (await h.quoteSale({
      username: 'alice',
      marketId: market.id,
      outcome: 'NO',
      amount: 5,
    }))._unsafeUnwrap();
    expect(result).toMatchObject({
      username: 'alice',
      marketId: market.id,
      outcome: 'NO',
      quotedAt: h.ports.clock.now(),
    });
    expect(result.quote).toMatchObject({
      requestedCredits: 5,
      sharesSold: 2,
      saleValue: 4,
      dust: 1,
      netProceeds: 3,
      valuePerShare: 2,
      dustCapCoverage: 1,
      suggestedAmounts: [2, 3, 4, 5, 6, 7],
      message: 'Ready to sell: 1 credit will be withheld as whole-share rounding dust.',
    });
    expect(h.ports.database.ledgerEntries()).toHaveLength(entries);
  });

  it.each([
    [{ outcome: 'MAYBE', amount: 5 }, 'INVALID_OUTCOME'],
    [{ outcome: 'NO', amount: -5 }, 'INVALID_AMOUNT'],
  ])('validates the request first (%o)', async (request, code) => {
    const h = createHarness();
    expect(await codeOf(h.quoteSale({ username: 'alice', marketId: 1, ...request }))).toBe(code);
  });

  it('reports an unknown market', async () => {
    const h = createHarness();
    expect(await codeOf(h.quoteSale({
      username: 'alice',
      marketId: 7,
      outcome: 'NO',
      amount: 5,
    }))).toBe('MARKET_NOT_FOUND');
  });

  it('refuses a closed market', async () => {
    const { h, market } = await workedExample();
    h.ports.clock.advance(8 * DAY);
    expect(await codeOf(h.quoteSale({
      username: 'alice',
      marketId: market.id,
      outcome: 'NO',
      amount: 5,
    }))).toBe('MARKET_CLOSED');
  });

  it('reports NO_POSITION without details when the user holds nothing on that side', async () => {
    const { h, market } = await workedExample();
    const failure = (await h.quoteSale({
      username: 'alice',
      marketId: market.id,
      outcome: 'YES',
      amount: 5,
    }))._unsafeUnwrapErr();
    expect(failure).toMatchObject({ code: 'NO_POSITION', details: null });
  });

  it('reports NO_SELLABLE_SHARES with the position figures while the newest lot is locked', async () => {
    const { h, market } = await workedExample();
    const failure = (await h.quoteSale({
      username: 'carol',
      marketId: market.id,
      outcome: 'YES',
      amount: 1,
    }))._unsafeUnwrapErr();
    expect(failure).toMatchObject({
      code: 'NO_SELLABLE_SHARES',
      details: {
        outcome: 'YES',
        requestedCredits: 1,
        positionValue: 5,
        positionOutcomeShares: 4,
        nominalUnlockedValue: 0,
        nominalUnlockedOutcomeShares: 0,
        executableSaleValue: 0,
      },
    });
  });

  it('reports NO_SELLABLE_SHARES when unlocked shares are worth less than a credit each', async () => {
    const { h, market } = await workedExample();
    const failure = (await h.quoteSale({
      username: 'bob',
      marketId: market.id,
      outcome: 'NO',
      amount: 10,
    }))._unsafeUnwrapErr();
    expect(failure).toMatchObject({
      code: 'NO_SELLABLE_SHARES',
      details: {
        positionValue: 37,
        positionOutcomeShares: 42,
        nominalUnlockedValue: 0,
        nominalUnlockedOutcomeShares: 42,
      },
    });
  });

  it('reports a request below the value of one share as INVALID_AMOUNT', async () => {
    const { h, market } = await workedExample();
    const failure = (await h.quoteSale({
      username: 'alice',
      marketId: market.id,
      outcome: 'NO',
      amount: 1,
    }))._unsafeUnwrapErr();
    expect(failure.code).toBe('INVALID_AMOUNT');
    expect(failure).not.toHaveProperty('details');
  });

  it('reports corrupt stored history as INVALID_HISTORY', async () => {
    const { h, market } = await workedExample();
    await h.ports.unitOfWork.run((tx) =>
      tx.bets.insert({
        marketId: market.id,
        username: 'eve',
        outcome: 'NO',
        amount: -1_000,
        shares: 1,
        dust: 0,
        placedAt: 0,
      }),
    );
    const failure = (await h.quoteSale({
      username: 'alice',
      marketId: market.id,
      outcome: 'NO',
      amount: 5,
    }))._unsafeUnwrapErr();
    expect(failure.code).toBe('INVALID_HISTORY');
  });
});

describe('sell (docs/market-model.md#sale-plan)', () => {
  it('settles exactly what the quote showed: SALE to the seller, SALE_DUST to the house', async () => {
    const { h, market } = await workedExample();
    const quote = (await h.quoteSale({
      username: 'alice',
      marketId: market.id,
      outcome: 'NO',
      amount: 5,
    }))._unsafeUnwrap();
    const sale = (await h.sell({ username: 'alice', marketId: market.id, outcome: 'NO', amount: 5 }))._unsafeUnwrap();
    expect(sale.quote).toEqual(quote.quote);
    expect(sale.bet).toMatchObject({ username: 'alice', outcome: 'NO', amount: -4, shares: 2, dust: 1 });
    expect(sale.transactionAt).toBe(sale.bet.placedAt);
    expect(h.ports.database.ledgerEntries().slice(-2).map((entry) => [entry.kind, entry.to, entry.amount])).toEqual([
      ['SALE', 'user:alice', 3],
      ['SALE_DUST', 'house', 1],
    ]);
    expect(await h.balanceOf('alice')).toBe(-11 + 3);
    const stored = (await h.ports.markets.findById(market.id))._unsafeUnwrap();
    expect(stored?.totals).toMatchObject({ yes: 10, no: 36, volume: 46, dust: 1, rowCount: 4 });
    await expectBooksBalanced(h.ports);
  });

  it('withholds the sell fee after the dust', async () => {
    const { h, market } = await workedExample(createHarness({
      economics: { betting: { betFees: { sellSharesFee: 1 } } },
    }));
    const sale = (await h.sell({ username: 'alice', marketId: market.id, outcome: 'NO', amount: 5 }))._unsafeUnwrap();
    expect(sale.quote).toMatchObject({ saleValue: 4, dust: 1, sellFee: 1, netProceeds: 2 });
    expect(h.ports.database.ledgerEntries().slice(-3).map((entry) => [entry.kind, entry.amount])).toEqual([
      ['SALE', 2],
      ['SALE_DUST', 1],
      ['SELL_FEE', 1],
    ]);
    await expectBooksBalanced(h.ports);
  });

  it('validates the request first', async () => {
    const h = createHarness();
    expect(await codeOf(h.sell({ username: 'alice', marketId: 1, outcome: 'no', amount: 5 }))).toBe('INVALID_OUTCOME');
  });

  it('reports an unknown market, an unknown user and a closed market', async () => {
    const { h, market } = await workedExample();
    expect(await codeOf(h.sell({
      username: 'alice',
      marketId: 99,
      outcome: 'NO',
      amount: 5,
    }))).toBe('MARKET_NOT_FOUND');
    expect(await codeOf(h.sell({
      username: 'ghost',
      marketId: market.id,
      outcome: 'NO',
      amount: 5,
    }))).toBe('USER_NOT_FOUND');
    (await h.resolveMarket({ actor: { kind: 'user', username: 'dave', role: 'REGULAR' }, marketId: market.id, resolution: 'NO' }))._unsafeUnwrap();
    expect(await codeOf(h.sell({
      username: 'alice',
      marketId: market.id,
      outcome: 'NO',
      amount: 5,
    }))).toBe('MARKET_CLOSED');
  });

  it('changes nothing when the sale is refused or a later step fails', async () => {
    const { h, market } = await workedExample();
    const entries = h.ports.database.ledgerEntries().length;
    expect(await codeOf(h.sell({
      username: 'carol',
      marketId: market.id,
      outcome: 'YES',
      amount: 1,
    }))).toBe('NO_SELLABLE_SHARES');
    h.ports.database.injectFault('markets.update', infrastructureError('DEADLOCK', 'deadlock detected'));
    expect((await h.sell({
      username: 'alice',
      marketId: market.id,
      outcome: 'NO',
      amount: 5,
    }))._unsafeUnwrapErr()).toMatchObject({
      kind: 'DEADLOCK',
    });
    expect(h.ports.database.ledgerEntries()).toHaveLength(entries);
    expect((await h.ports.bets.listByMarket(market.id))._unsafeUnwrap()).toHaveLength(3);
    await expectBooksBalanced(h.ports);
  });

  it('serialises two sales of the same lot: the second sees it consumed (DB-6)', async () => {
    const { h, market } = await workedExample();
    const [first, second] = await Promise.all([
      h.sell({ username: 'alice', marketId: market.id, outcome: 'NO', amount: 8 }),
      h.sell({ username: 'alice', marketId: market.id, outcome: 'NO', amount: 8 }),
    ]);
    expect(first._unsafeUnwrap().quote.sharesSold).toBe(4);
    expect(['NO_SELLABLE_SHARES', 'NO_POSITION']).toContain(second._unsafeUnwrapErr().code);
    await expectBooksBalanced(h.ports);
  });
});
