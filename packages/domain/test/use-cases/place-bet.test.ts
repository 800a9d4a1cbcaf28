import { describe, expect, it } from 'vitest';
import { infrastructureError } from '@socialpredict/domain';
import { createHarness, DAY, expectBooksBalanced } from './support/use-case-harness.ts';

async function marketWithTraders() {
  const h = createHarness();
  await h.seedUser('dave', { balance: 100 });
  await h.seedUser('alice');
  const market = await h.seedMarket('dave');
  return { h, market };
}

describe('place bet (docs/market-model.md#buying)', () => {
  it('charges the amount into the pool and the first-bet fee to the house, then records the row', async () => {
    const { h, market } = await marketWithTraders();
    const result = (await h.placeBet({
      username: 'alice',
      marketId: market.id,
      outcome: 'NO',
      amount: 10,
    }))._unsafeUnwrap();
    expect(result.cost).toEqual({ amount: 10, initialFee: 1, transactionFee: 0, totalCost: 11 });
    expect(result.bet).toMatchObject({
      marketId: market.id,
      username: 'alice',
      outcome: 'NO',
      amount: 10,
      shares: null,
      dust: null,
    });
    expect(await h.balanceOf('alice')).toBe(-11);
    const entries = h.ports.database.ledgerEntries().slice(-2);
    expect(entries.map((entry) => [entry.kind, entry.from, entry.to, entry.amount])).toEqual([
      ['BUY', 'user:alice', `pool:${market.id}`, 10],
      ['INITIAL_BET_FEE', 'user:alice', 'house', 1],
    ]);
    const stored = (await h.ports.markets.findById(market.id))._unsafeUnwrap();
    expect(stored?.totals).toEqual({
      yes: 0,
      no: 10,
      volume: 10,
      dust: 0,
      rowCount: 1,
      traderCount: 1,
      lastPlacedAt: result.bet.placedAt,
    });
    await expectBooksBalanced(h.ports);
  });

  it('charges the first-bet fee only once per user and market, and the buy fee every time', async () => {
    const h = createHarness({ economics: { betting: { betFees: { buySharesFee: 2 } } } });
    await h.seedUser('dave', { balance: 100 });
    await h.seedUser('alice');
    const market = await h.seedMarket('dave');
    const first = (await h.placeBet({
      username: 'alice',
      marketId: market.id,
      outcome: 'YES',
      amount: 5,
    }))._unsafeUnwrap();
    const second = (await h.placeBet({
      username: 'alice',
      marketId: market.id,
      outcome: 'NO',
      amount: 5,
    }))._unsafeUnwrap();
    expect(first.cost.totalCost).toBe(8);
    expect(second.cost).toEqual({ amount: 5, initialFee: 0, transactionFee: 2, totalCost: 7 });
    expect(h.ports.database.ledgerEntries().at(-1)).toMatchObject({ kind: 'BUY_FEE', amount: 2 });
    // The trader count follows the same first-row rule (docs/performance.md#trader-count).
    expect((await h.ports.markets.findById(market.id))._unsafeUnwrap()?.totals).toMatchObject({ rowCount: 2, traderCount: 1 });
    await expectBooksBalanced(h.ports);
  });

  it('never stamps a row before the newest one, even if the clock goes back (DB-6)', async () => {
    const { h, market } = await marketWithTraders();
    const first = (await h.placeBet({
      username: 'alice',
      marketId: market.id,
      outcome: 'YES',
      amount: 5,
    }))._unsafeUnwrap();
    h.ports.clock.advance(-1_000);
    const second = (await h.placeBet({
      username: 'alice',
      marketId: market.id,
      outcome: 'YES',
      amount: 5,
    }))._unsafeUnwrap();
    expect(second.bet.placedAt).toBe(first.bet.placedAt);
    expect(second.bet.id).toBeGreaterThan(first.bet.id);
  });

  it('allows ending exactly at the debt limit and refuses one credit more', async () => {
    const { h, market } = await marketWithTraders();
    expect((await h.placeBet({
      username: 'alice',
      marketId: market.id,
      outcome: 'YES',
      amount: 499,
    })).isOk()).toBe(true);
    expect(await h.balanceOf('alice')).toBe(-500);
    const refused = await h.placeBet({ username: 'alice', marketId: market.id, outcome: 'YES', amount: 1 });
    expect(refused._unsafeUnwrapErr().code).toBe('INSUFFICIENT_BALANCE');
    expect(await h.balanceOf('alice')).toBe(-500);
  });

  it.each([
    ['an outcome other than YES/NO', { outcome: 'yes', amount: 5 }, 'INVALID_OUTCOME'],
    ['a zero amount', { outcome: 'YES', amount: 0 }, 'INVALID_AMOUNT'],
    ['a fractional amount', { outcome: 'YES', amount: 1.5 }, 'INVALID_AMOUNT'],
    ['an unsafe amount', { outcome: 'YES', amount: 2 ** 53 }, 'INVALID_AMOUNT'],
  ])('rejects %s before reading the market', async (_label, request, code) => {
    const h = createHarness();
    const result = await h.placeBet({ username: 'alice', marketId: 999, ...request });
    expect(result._unsafeUnwrapErr().code).toBe(code);
  });

  it('reports an unknown market', async () => {
    const { h } = await marketWithTraders();
    const result = await h.placeBet({ username: 'alice', marketId: 999, outcome: 'YES', amount: 5 });
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'MARKET_NOT_FOUND', marketId: 999 });
  });

  it('reports an unknown user', async () => {
    const { h, market } = await marketWithTraders();
    const result = await h.placeBet({ username: 'ghost', marketId: market.id, outcome: 'YES', amount: 5 });
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'USER_NOT_FOUND', username: 'ghost' });
  });

  it('refuses a market past its resolution time', async () => {
    const { h, market } = await marketWithTraders();
    h.ports.clock.advance(8 * DAY);
    const result = await h.placeBet({ username: 'alice', marketId: market.id, outcome: 'YES', amount: 5 });
    expect(result._unsafeUnwrapErr().code).toBe('MARKET_CLOSED');
  });

  it('refuses a resolved market: a bet queued behind a resolution sees it', async () => {
    const { h, market } = await marketWithTraders();
    const [resolved, bet] = await Promise.all([
      h.resolveMarket({ actor: { kind: 'user', username: 'dave', role: 'REGULAR' }, marketId: market.id, resolution: 'YES' }),
      h.placeBet({ username: 'alice', marketId: market.id, outcome: 'YES', amount: 5 }),
    ]);
    expect(resolved.isOk()).toBe(true);
    expect(bet._unsafeUnwrapErr().code).toBe('MARKET_CLOSED');
  });

  // A buy from a valid state always passes the guard (docs/market-model.md#buying step 7), so these states are forged on the market row.
  it.each([
    ['PROBABILITY_OUT_OF_RANGE', { yes: -100, volume: 0 }],
    ['POOL_NEGATIVE', { volume: -100 }],
  ])('runs the append guard on the running totals (%s)', async (code, forged) => {
    const { h, market } = await marketWithTraders();
    await h.ports.markets.update(market.id, { totals: { ...market.totals, ...forged }, updatedAt: 0 });
    const result = await h.placeBet({ username: 'alice', marketId: market.id, outcome: 'NO', amount: 5 });
    expect(result._unsafeUnwrapErr().code).toBe(code);
    expect(await h.balanceOf('alice')).toBe(0);
  });

  it('changes nothing when the append fails (ERR-5)', async () => {
    const { h, market } = await marketWithTraders();
    const before = h.ports.database.ledgerEntries().length;
    h.ports.database.injectFault('appendTrade', infrastructureError('UNAVAILABLE', 'connection lost'));
    const result = await h.placeBet({ username: 'alice', marketId: market.id, outcome: 'YES', amount: 5 });
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'INFRASTRUCTURE_ERROR', kind: 'UNAVAILABLE' });
    expect(h.ports.database.ledgerEntries()).toHaveLength(before);
    expect(await h.balanceOf('alice')).toBe(0);
    expect((await h.ports.bets.listByMarket(market.id))._unsafeUnwrap()).toEqual([]);
    await expectBooksBalanced(h.ports);
  });

  it('passes a lock timeout through', async () => {
    const { h, market } = await marketWithTraders();
    h.ports.database.injectFault('lockTrade', infrastructureError('LOCK_TIMEOUT', 'lock wait timed out'));
    const result = await h.placeBet({ username: 'alice', marketId: market.id, outcome: 'YES', amount: 5 });
    expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'INFRASTRUCTURE_ERROR', kind: 'LOCK_TIMEOUT' });
  });

  it('lets exactly one of two concurrent bets through when together they exceed the debt limit (DB-6)', async () => {
    const { h, market } = await marketWithTraders();
    const results = await Promise.all(
      [300, 300].map((amount) => h.placeBet({ username: 'alice', marketId: market.id, outcome: 'YES', amount })),
    );
    expect(results.filter((result) => result.isOk())).toHaveLength(1);
    expect(results.find((result) => result.isErr())?._unsafeUnwrapErr().code).toBe('INSUFFICIENT_BALANCE');
    await expectBooksBalanced(h.ports);
  });
});
