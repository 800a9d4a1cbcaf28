import { describe, expect, it } from 'vitest';
import { infrastructureError } from '@socialpredict/domain';
import { codeOf, createHarness, DAY, expectBooksBalanced, seedWorkedExample } from './support/use-case-harness.ts';

async function tradedMarket() {
  const h = createHarness();
  return { h, market: await seedWorkedExample(h) };
}

describe('resolve market (docs/market-model.md#resolution)', () => {
  it('pays the winners the whole pool, then the steward its work profit', async () => {
    const { h, market } = await tradedMarket();
    const result = (await h.resolveMarket({ actor: { kind: 'user', username: 'dave', role: 'REGULAR' }, marketId: market.id, resolution: 'NO' }))._unsafeUnwrap();
    expect(result.settlement).toMatchObject({
      volume: 50,
      poolToHouse: 0,
      workProfit: { username: 'dave', amount: 3 },
    });
    const entries = h.ports.database.ledgerEntries().slice(-3);
    expect(entries.map((entry) => [entry.kind, entry.from, entry.to])).toEqual([
      ['WIN', `pool:${market.id}`, 'user:alice'],
      ['WIN', `pool:${market.id}`, 'user:bob'],
      ['WORK_PROFIT', 'house', 'user:dave'],
    ]);
    expect(entries[0]!.amount + entries[1]!.amount).toBe(50);
    const stored = (await h.ports.markets.findById(market.id))._unsafeUnwrap();
    expect(stored).toMatchObject({
      lifecycleStatus: 'resolved',
      resolutionResult: 'NO',
      finalResolutionDateTime: result.resolvedAt,
    });
    expect(await h.balanceOf('dave')).toBe(-10 + 3);
    await expectBooksBalanced(h.ports);
  });

  it('sends the pool to the house when nobody holds the winning side', async () => {
    const h = createHarness();
    for (const name of ['alice', 'dave']) await h.seedUser(name);
    const market = await h.seedMarket('dave');
    (await h.placeBet({ username: 'alice', marketId: market.id, outcome: 'NO', amount: 10 }))._unsafeUnwrap();
    const result = (await h.resolveMarket({
      actor: { kind: 'user', username: 'dave', role: 'REGULAR' },
      marketId: market.id,
      resolution: 'YES',
    }))._unsafeUnwrap();
    expect(result.settlement.poolToHouse).toBe(10);
    expect(h.ports.database.ledgerEntries().at(-2)).toMatchObject({ kind: 'POOL_REMAINDER', to: 'house', amount: 10 });
    await expectBooksBalanced(h.ports);
  });

  it('refunds the net of each user on N/A, debiting one who took out more than they paid in', async () => {
    const h = createHarness();
    for (const name of ['alice', 'bob', 'carol', 'dave']) await h.seedUser(name);
    const market = await h.seedMarket('dave');
    for (const [username, amount] of [
      ['alice', 5],
      ['carol', 1],
      ['bob', 17],
    ] as const) {
      (await h.placeBet({ username, marketId: market.id, outcome: 'NO', amount }))._unsafeUnwrap();
    }
    (await h.sell({ username: 'carol', marketId: market.id, outcome: 'NO', amount: 17 }))._unsafeUnwrap();
    const carolBefore = await h.balanceOf('carol');
    const result = (await h.resolveMarket({
      actor: { kind: 'user', username: 'dave', role: 'REGULAR' },
      marketId: market.id,
      resolution: 'N/A',
    }))._unsafeUnwrap();
    expect(result.settlement).toMatchObject({ poolToHouse: 0, workProfit: null });
    expect(result.settlement.credits).toContainEqual({ username: 'carol', amount: -3, kind: 'REFUND' });
    expect(h.ports.database.ledgerEntries().at(-1)).toMatchObject({
      kind: 'REFUND',
      from: 'user:carol',
      to: `pool:${market.id}`,
      amount: 3,
    });
    expect(await h.balanceOf('carol')).toBe(carolBefore - 3);
    await expectBooksBalanced(h.ports);
  });

  it('allows resolving before and after the resolution date', async () => {
    const { h, market } = await tradedMarket();
    h.ports.clock.advance(30 * DAY);
    expect((await h.resolveMarket({ actor: { kind: 'user', username: 'dave', role: 'REGULAR' }, marketId: market.id, resolution: 'YES' })).isOk()).toBe(true);
  });

  it('reports an unknown market', async () => {
    const h = createHarness();
    expect(await codeOf(h.resolveMarket({
      actor: { kind: 'user', username: 'dave', role: 'REGULAR' },
      marketId: 5,
      resolution: 'YES',
    }))).toBe('MARKET_NOT_FOUND');
  });

  it('lets only the steward resolve', async () => {
    const { h, market } = await tradedMarket();
    expect(await codeOf(h.resolveMarket({
      actor: { kind: 'user', username: 'alice', role: 'REGULAR' },
      marketId: market.id,
      resolution: 'YES',
    }))).toBe('AUTHORIZATION_DENIED');
  });

  it('checks the steward before the requested result', async () => {
    const { h, market } = await tradedMarket();
    expect(await codeOf(h.resolveMarket({
      actor: { kind: 'user', username: 'alice', role: 'REGULAR' },
      marketId: market.id,
      resolution: 'MAYBE',
    }))).toBe('AUTHORIZATION_DENIED');
    expect(await codeOf(h.resolveMarket({
      actor: { kind: 'user', username: 'dave', role: 'REGULAR' },
      marketId: market.id,
      resolution: 'yes',
    }))).toBe('INVALID_RESOLUTION');
  });

  it('refuses a second resolution', async () => {
    const { h, market } = await tradedMarket();
    (await h.resolveMarket({ actor: { kind: 'user', username: 'dave', role: 'REGULAR' }, marketId: market.id, resolution: 'YES' }))._unsafeUnwrap();
    expect(await codeOf(h.resolveMarket({
      actor: { kind: 'user', username: 'dave', role: 'REGULAR' },
      marketId: market.id,
      resolution: 'NO',
    }))).toBe('ALREADY_RESOLVED');
    await expectBooksBalanced(h.ports);
  });

  it.each([
    'proposed',
    'rejected',
    'cancelled',
  ] as const)('refuses a %s market as INVALID_STATE', async (lifecycleStatus) => {
    const { h, market } = await tradedMarket();
    await h.ports.markets.update(market.id, { lifecycleStatus, updatedAt: 0 });
    expect(await codeOf(h.resolveMarket({
      actor: { kind: 'user', username: 'dave', role: 'REGULAR' },
      marketId: market.id,
      resolution: 'YES',
    }))).toBe('INVALID_STATE');
  });

  it('resolves a closed market', async () => {
    const { h, market } = await tradedMarket();
    await h.ports.markets.update(market.id, { lifecycleStatus: 'closed', updatedAt: 0 });
    expect((await h.resolveMarket({ actor: { kind: 'user', username: 'dave', role: 'REGULAR' }, marketId: market.id, resolution: 'YES' })).isOk()).toBe(true);
  });

  it('reports a corrupt stored history as INVALID_HISTORY and changes nothing', async () => {
    const { h, market } = await tradedMarket();
    await h.ports.bets.insert({
      marketId: market.id,
      username: 'eve',
      outcome: 'YES',
      amount: -500,
      shares: 1,
      dust: 0,
      placedAt: 1,
    });
    const before = h.ports.database.ledgerEntries().length;
    expect(await codeOf(h.resolveMarket({
      actor: { kind: 'user', username: 'dave', role: 'REGULAR' },
      marketId: market.id,
      resolution: 'YES',
    }))).toBe('INVALID_HISTORY');
    expect(h.ports.database.ledgerEntries()).toHaveLength(before);
  });

  it('rolls back every posting when the market update fails', async () => {
    const { h, market } = await tradedMarket();
    const before = h.ports.database.ledgerEntries().length;
    h.ports.database.injectFault('markets.update', infrastructureError('UNAVAILABLE', 'connection lost'));
    expect(await codeOf(h.resolveMarket({
      actor: { kind: 'user', username: 'dave', role: 'REGULAR' },
      marketId: market.id,
      resolution: 'NO',
    }))).toBe('INFRASTRUCTURE_ERROR');
    expect(h.ports.database.ledgerEntries()).toHaveLength(before);
    expect((await h.ports.markets.findById(market.id))._unsafeUnwrap()?.lifecycleStatus).toBe('published');
    await expectBooksBalanced(h.ports);
  });
});
