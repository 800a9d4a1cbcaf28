import { describe, expect, it } from 'vitest';
import { projectProbability } from '@socialpredict/domain';
import { createHarness, DAY } from './support/use-case-harness.ts';

async function marketWithRows() {
  const h = createHarness();
  for (const name of ['alice', 'bob', 'dave']) await h.seedUser(name);
  const market = await h.seedMarket('dave');
  (await h.placeBet({ username: 'alice', marketId: market.id, outcome: 'NO', amount: 20 }))._unsafeUnwrap();
  h.ports.clock.advance(1_000);
  (await h.placeBet({ username: 'bob', marketId: market.id, outcome: 'YES', amount: 10 }))._unsafeUnwrap();
  return { h, market };
}

describe('project bet (docs/market-model.md#wpam-probability; docs/api.md#t1-28)', () => {
  it('projects a buy from the running totals exactly as a replay of the rows does', async () => {
    const { h, market } = await marketWithRows();
    const projection = (await h.projectBet({ marketId: market.id, outcome: 'YES', amount: 10 }))._unsafeUnwrap();
    const rows = (await h.ports.bets.listByMarket(market.id))._unsafeUnwrap();
    // Worked figures of docs/market-model.md#wpam-probability: NO 20 then YES 10 gives 15/40; a further YES 10 gives 25/50.
    expect(projection).toEqual({
      marketId: market.id,
      currentProbability: 0.375,
      projectedProbability: projectProbability(rows, market.seeds, { outcome: 'YES', amount: 10 }),
      amount: 10,
      outcome: 'YES',
    });
    expect(projection.projectedProbability).toBe(0.5);
  });

  it('starts from the seed probability on a market without rows', async () => {
    const h = createHarness();
    await h.seedUser('dave');
    const market = await h.seedMarket('dave');
    const projection = (await h.projectBet({ marketId: market.id, outcome: 'NO', amount: 20 }))._unsafeUnwrap();
    expect(projection.currentProbability).toBe(0.5);
    expect(projection.projectedProbability).toBe(5 / 30);
  });

  it('changes nothing', async () => {
    const { h, market } = await marketWithRows();
    const before = (await h.ports.bets.listByMarket(market.id))._unsafeUnwrap();
    (await h.projectBet({ marketId: market.id, outcome: 'NO', amount: 50 }))._unsafeUnwrap();
    expect((await h.ports.bets.listByMarket(market.id))._unsafeUnwrap()).toEqual(before);
  });

  it.each([
    [{ outcome: 'MAYBE', amount: 5 }, 'INVALID_OUTCOME'],
    [{ outcome: 'YES', amount: 0 }, 'INVALID_AMOUNT'],
    [{ outcome: 'YES', amount: 1.5 }, 'INVALID_AMOUNT'],
  ])('validates the request before reading the market (%o)', async (request, code) => {
    const h = createHarness();
    expect((await h.projectBet({ marketId: 999, ...request }))._unsafeUnwrapErr().code).toBe(code);
  });

  it('reports an unknown market', async () => {
    const h = createHarness();
    const result = await h.projectBet({ marketId: 999, outcome: 'YES', amount: 5 });
    expect(result._unsafeUnwrapErr().code).toBe('MARKET_NOT_FOUND');
  });

  it('refuses a market past its resolution time', async () => {
    const { h, market } = await marketWithRows();
    h.ports.clock.advance(8 * DAY);
    const result = await h.projectBet({ marketId: market.id, outcome: 'YES', amount: 5 });
    expect(result._unsafeUnwrapErr().code).toBe('MARKET_CLOSED');
  });
});
