import { describe, expect, it } from 'vitest';
import { infrastructureError } from '@socialpredict/domain';
import { codeOf, createHarness, expectBooksBalanced } from './support/use-case-harness.ts';

// The worked example of docs/market-model.md#worked-example driven through the use cases, with every read checked along the way.
async function workedExample() {
  const h = createHarness();
  for (const name of ['alice', 'bob', 'carol', 'dave']) await h.seedUser(name);
  const market = await h.seedMarket('dave');
  const step = async <T>(run: () => Promise<T>): Promise<T> => {
    h.ports.clock.advance(1_000);
    const result = await run();
    await expectBooksBalanced(h.ports);
    return result;
  };
  const buy = (username: string, outcome: string, amount: number) =>
    step(async () => (await h.placeBet({ username, marketId: market.id, outcome, amount }))._unsafeUnwrap());
  await buy('alice', 'NO', 10);
  await buy('bob', 'NO', 30);
  await buy('carol', 'YES', 10);
  return { h, market, step, buy };
}

describe('worked example (docs/market-model.md#worked-example)', () => {
  it('create → bets → sell → bet → resolve NO ends with the final ledger of docs/market-model.md#worked-example', async () => {
    const { h, market, step, buy } = await workedExample();
    const sale = await step(async () => (await h.sell({
      username: 'alice',
      marketId: market.id,
      outcome: 'NO',
      amount: 5,
    }))._unsafeUnwrap());
    expect(sale.quote).toMatchObject({ sharesSold: 2, saleValue: 4, dust: 1, netProceeds: 3 });
    await buy('carol', 'YES', 20);
    expect((await h.getMarketDetails({
      marketId: market.id,
    }))._unsafeUnwrap().lastProbability).toBe(0.4605263157894737);

    const resolution = await step(async () =>
      (await h.resolveMarket({ actor: { kind: 'user', username: 'dave', role: 'REGULAR' }, marketId: market.id, resolution: 'NO' }))._unsafeUnwrap(),
    );
    expect(resolution.settlement.credits).toEqual([
      { username: 'alice', amount: 19, kind: 'WIN' },
      { username: 'bob', amount: 47, kind: 'WIN' },
    ]);
    const balances = h.ports.database.accountBalances();
    expect(Object.fromEntries(balances)).toEqual({
      'user:alice': 11,
      'user:bob': 16,
      'user:carol': -31,
      'user:dave': -7,
      house: 11,
      [`pool:${market.id}`]: 0,
    });

    expect((await h.getSystemMetrics())._unsafeUnwrap()).toEqual({
      numUsers: 4,
      userDebtCapacity: 2_000,
      minted: 0,
      unusedDebt: 1_962,
      activeBetVolume: 0,
      marketCreationFees: 10,
      participationFees: 0,
      otherHouseIncome: 1,
      bonusesPaid: 27,
      totalUtilized: 2_000,
      surplus: 0,
      balanced: true,
    });
    expect((await h.getFinancialStats())._unsafeUnwrap()).toEqual({
      totalMoney: 0,
      totalDebtExtended: 2_000,
      totalDebtUtilized: 38,
      totalFeesCollected: 14,
      totalBonusesPaid: 3,
      outstandingPayouts: 0,
      totalMoneyInCirculation: 27,
    });
    const dave = (await h.getUserFinancials({ username: 'dave' }))._unsafeUnwrap();
    expect(dave).toMatchObject({ accountBalance: -7, workProfits: 3 - 10, unrealizedWorkIncome: 0, amountBorrowed: 7 });
    const alice = (await h.getUserFinancials({ username: 'alice' }))._unsafeUnwrap();
    expect(alice).toMatchObject({ accountBalance: 11, realizedValue: 19, realizedProfits: 19 - 6, totalSpent: 6 });
  });

  it('reports open markets in the portfolio, the global leaderboard and the reporting figures', async () => {
    const { h, market } = await workedExample();
    const portfolio = (await h.getPortfolio({ username: 'alice' }))._unsafeUnwrap();
    expect(portfolio).toEqual({
      items: [
        {
          marketId: market.id,
          questionTitle: market.questionTitle,
          yesShares: 0,
          noShares: 4,
          lastBetPlaced: market.createdAt + 1_000,
        },
      ],
      totalSharesOwned: 4,
    });
    expect((await h.getPortfolio({ username: 'ghost' }))._unsafeUnwrap()).toEqual({ items: [], totalSharesOwned: 0 });

    const board = (await h.getGlobalLeaderboard({ limit: 2, offset: 0 }))._unsafeUnwrap();
    expect(board.total).toBe(3);
    expect(board.entries.map((row) => [row.rank, row.username, row.totalProfit, row.activeMarkets])).toEqual([
      [1, 'bob', 7, 1],
      [2, 'alice', -2, 1],
    ]);

    const dave = (await h.getUserFinancials({ username: 'dave' }))._unsafeUnwrap();
    expect(dave).toMatchObject({
      unrealizedWorkIncome: 3,
      unrealizedWorkProfits: 3 - 10,
      workProfits: 0,
      amountInPlay: 0,
    });
    const metrics = (await h.getSystemMetrics())._unsafeUnwrap();
    expect(metrics).toMatchObject({ activeBetVolume: 50, participationFees: 3, surplus: 0, balanced: true });
    expect((await h.getFinancialStats())._unsafeUnwrap()).toMatchObject({
      outstandingPayouts: 50,
      totalDebtUtilized: 10 + 11 + 31 + 11,
    });
  });

  it('orders the portfolio by the latest trade', async () => {
    const { h, market, buy } = await workedExample();
    const second = await h.seedMarket('dave', { title: 'Second' });
    (await h.placeBet({ username: 'bob', marketId: second.id, outcome: 'YES', amount: 5 }))._unsafeUnwrap();
    expect((await h.getPortfolio({ username: 'bob' }))._unsafeUnwrap().items.map((item) => item.marketId)).toEqual([
      second.id,
      market.id,
    ]);
    await buy('bob', 'NO', 1);
    expect((await h.getPortfolio({ username: 'bob' }))._unsafeUnwrap().items.map((item) => item.marketId)).toEqual([
      market.id,
      second.id,
    ]);
  });

  it('breaks a tie in the latest trade by the newer market', async () => {
    const h = createHarness();
    for (const name of ['bob', 'dave']) await h.seedUser(name);
    const first = await h.seedMarket('dave');
    const second = await h.seedMarket('dave');
    for (const market of [second, first]) {
      (await h.placeBet({ username: 'bob', marketId: market.id, outcome: 'YES', amount: 5 }))._unsafeUnwrap();
    }
    const items = (await h.getPortfolio({ username: 'bob' }))._unsafeUnwrap().items;
    expect(items.map((item) => item.marketId)).toEqual([second.id, first.id]);
  });

  it('includes created markets without trades in the creator financials', async () => {
    const { h } = await workedExample();
    await h.seedMarket('dave', { title: 'Quiet' });
    expect((await h.getUserFinancials({ username: 'dave' }))._unsafeUnwrap()).toMatchObject({
      unrealizedWorkIncome: 3,
      unrealizedWorkProfits: 3 - 10 - 10,
      accountBalance: -20,
    });
  });

  it('counts rejected proposals out of the unrealised work figures', async () => {
    const { h, market } = await workedExample();
    await h.ports.markets.update(market.id, { lifecycleStatus: 'rejected', updatedAt: 0 });
    expect((await h.getUserFinancials({ username: 'dave' }))._unsafeUnwrap()).toMatchObject({
      unrealizedWorkIncome: 0,
      unrealizedWorkProfits: 0,
    });
  });

  it('reports unknown users, corrupt histories and infrastructure failures of the reports', async () => {
    const { h, market } = await workedExample();
    expect(await codeOf(h.getUserFinancials({ username: 'ghost' }))).toBe('USER_NOT_FOUND');
    h.ports.database.injectFault('ledger.sumsByKind', infrastructureError('UNAVAILABLE', 'down'));
    expect(await codeOf(h.getSystemMetrics())).toBe('INFRASTRUCTURE_ERROR');
    h.ports.database.injectFault('users.count');
    expect(await codeOf(h.getFinancialStats())).toBe('INFRASTRUCTURE_ERROR');

    await h.ports.bets.insert({
      marketId: market.id,
      username: 'eve',
      outcome: 'NO',
      amount: -500,
      shares: 1,
      dust: 0,
      placedAt: 0,
    });
    expect(await codeOf(h.getUserFinancials({ username: 'alice' }))).toBe('INVALID_HISTORY');
    expect(await codeOf(h.getPortfolio({ username: 'alice' }))).toBe('INVALID_HISTORY');
    expect(await codeOf(h.getGlobalLeaderboard({ limit: 5, offset: 0 }))).toBe('INVALID_HISTORY');
    expect(await codeOf(h.getMarketLeaderboard({ marketId: market.id, limit: 5, offset: 0 }))).toBe('INVALID_HISTORY');
    expect(await codeOf(h.listBets({ marketId: market.id }))).toBe('INVALID_HISTORY');
    expect(await codeOf(h.listMarketPositions({ marketId: market.id }))).toBe('INVALID_HISTORY');
    expect(await codeOf(h.getUserPosition({ marketId: market.id, username: 'alice' }))).toBe('INVALID_HISTORY');
  });
});

describe('acceptance scenario edges', () => {
  it('mints the initial balance to admin-created users, which the system metrics count as minted', async () => {
    const h = createHarness({ economics: { user: { initialAccountBalance: 100 } } });
    for (const username of ['alice', 'bob']) {
      (await h.registerUser({ actor: { kind: 'user', username: 'root', role: 'ADMIN' }, username }))._unsafeUnwrap();
    }
    const metrics = (await h.getSystemMetrics())._unsafeUnwrap();
    expect(metrics).toMatchObject({ minted: 200, bonusesPaid: 200, surplus: 0, balanced: true });
    expect((await h.getFinancialStats())._unsafeUnwrap()).toMatchObject({
      totalMoney: 200,
      totalMoneyInCirculation: 200,
    });
    await expectBooksBalanced(h.ports);
  });
});
