import { describe, expect, it } from 'vitest';
import { makeUseCases } from '@socialpredict/domain';
import { codeOf, createHarness, DAY, seedWorkedExample, type HarnessOptions } from './support/use-case-harness.ts';

/** Rows 1–4 of the worked example (docs/market-model.md#worked-example), one second apart. */
async function workedExample(options: HarnessOptions = {}) {
  const h = createHarness(options);
  const market = await seedWorkedExample(h, { when: 'before', ms: 1_000 });
  h.ports.clock.advance(1_000);
  (await h.sell({ username: 'alice', marketId: market.id, outcome: 'NO', amount: 5 }))._unsafeUnwrap();
  return { h, market };
}

const PATH = [0.5, 0.25, 0.1, 0.25, 0.26785714285714285];

describe('market details (docs/api.md#t1-25)', () => {
  it('returns the probability path with timestamps and the market figures', async () => {
    const { h, market } = await workedExample();
    const details = (await h.getMarketDetails({ marketId: market.id }))._unsafeUnwrap();
    expect(details.probabilityChanges).toEqual(PATH.map((probability, i) => ({
      probability,
      timestamp: market.createdAt + i * 1_000,
    })));
    expect(details).toMatchObject({
      probabilityChangesTruncated: false,
      numUsers: 3,
      totalVolume: 47,
      marketDust: 1,
      lastProbability: 0.26785714285714285,
      creator: { username: 'dave', displayName: 'dave display', personalEmoji: '😀' },
    });
  });

  it('thins a long path to the configured number of points, keeping the last probability exact', async () => {
    const { h, market } = await workedExample({ probabilityPointsMax: 3 });
    const details = (await h.getMarketDetails({ marketId: market.id }))._unsafeUnwrap();
    expect(details.probabilityChanges.map((point) => point.probability)).toEqual([PATH[0], PATH[2], PATH[4]]);
    expect(details.probabilityChangesTruncated).toBe(true);
  });

  it('shows a creator whose user row is gone by username only', async () => {
    const h = createHarness();
    await h.seedUser('dave');
    const market = await h.seedMarket('dave');
    h.ports.users.findByUsername = () => h.ports.users.findByUsernames([]).map(() => null);
    const details = (await h.getMarketDetails({ marketId: market.id }))._unsafeUnwrap();
    expect(details.creator).toEqual({ username: 'dave', displayName: '', personalEmoji: '' });
    expect(details.probabilityChanges).toEqual([{ probability: 0.5, timestamp: market.createdAt }]);
  });

  it('reports an unknown market and a corrupt history', async () => {
    const { h, market } = await workedExample();
    expect(await codeOf(h.getMarketDetails({ marketId: 42 }))).toBe('MARKET_NOT_FOUND');
    await h.ports.bets.insert({
      marketId: market.id,
      username: 'eve',
      outcome: 'NO',
      amount: -500,
      shares: 1,
      dust: 0,
      placedAt: 0,
    });
    expect(await codeOf(h.getMarketDetails({ marketId: market.id }))).toBe('INVALID_HISTORY');
  });
});

describe('market summary (docs/api.md#t1-26)', () => {
  it('is the market page without its tags, amendments and group link, and reads none of them', async () => {
    const { h, market } = await workedExample();
    const details = (await h.getMarketDetails({ marketId: market.id }))._unsafeUnwrap();
    const looked: string[] = [];
    /** The repository with every call of `method` noted. */
    const noting = <T extends object>(repository: T, method: keyof T & string): T => {
      const original = repository[method] as (...args: unknown[]) => unknown;
      return Object.assign(Object.create(repository) as T, { [method]: (...args: unknown[]) => (looked.push(method), original.apply(repository, args)) });
    };
    const summary = (
      await makeUseCases({
        ...h.deps,
        marketTags: noting(h.ports.marketTags, 'tagsOfMarkets'),
        amendments: noting(h.ports.amendments, 'listByMarket'),
        marketGroups: noting(h.ports.marketGroups, 'answerLinksOfMarkets'),
      }).getMarketSummary({ marketId: market.id })
    )._unsafeUnwrap();
    const { tags: _tags, descriptionAmendments: _amendments, ...header } = details;
    expect(summary).toEqual(header);
    expect(looked).toEqual([]);
  });

  it('reports an unknown market', async () => {
    const { h } = await workedExample();
    expect(await codeOf(h.getMarketSummary({ marketId: 42 }))).toBe('MARKET_NOT_FOUND');
  });
});

describe('bets list (docs/api.md#t1-29)', () => {
  it('lists every row oldest first with the probability after it, or a page newest first', async () => {
    const { h, market } = await workedExample();
    const all = (await h.listBets({ marketId: market.id }))._unsafeUnwrap();
    expect(all.map((row) => [row.username, row.amount, row.probability])).toEqual([
      ['alice', 10, PATH[1]],
      ['bob', 30, PATH[2]],
      ['carol', 10, PATH[3]],
      ['alice', -4, PATH[4]],
    ]);
    const page = (await h.listBets({ marketId: market.id, page: { limit: 2, offset: 1 } }))._unsafeUnwrap();
    expect(page.map((row) => row.username)).toEqual(['carol', 'bob']);
  });

  it('reports an unknown market', async () => {
    const h = createHarness();
    expect(await codeOf(h.listBets({ marketId: 1 }))).toBe('MARKET_NOT_FOUND');
  });
});

describe('positions (docs/api.md#t1-30, T1-31, T1-36)', () => {
  it('lists every trader by username, or the holders by total shares in pages', async () => {
    const { h, market } = await workedExample();
    const all = (await h.listMarketPositions({ marketId: market.id }))._unsafeUnwrap();
    expect(all.total).toBe(3);
    expect(all.positions.map((p) => [p.username, p.yesShares, p.noShares, p.isResolved, p.resolutionResult])).toEqual([
      ['alice', 0, 1, false, null],
      ['bob', 0, 33, false, null],
      ['carol', 12, 0, false, null],
    ]);
    const page = (await h.listMarketPositions({ marketId: market.id, page: { limit: 2, offset: 0 } }))._unsafeUnwrap();
    expect(page.positions.map((p) => p.username)).toEqual(['bob', 'carol']);
    expect(page.total).toBe(3);
  });

  it('breaks ties in share count by username', async () => {
    const h = createHarness();
    for (const name of ['zed', 'amy', 'dave']) await h.seedUser(name);
    const market = await h.seedMarket('dave');
    for (const username of ['zed', 'amy']) {
      (await h.placeBet({ username, marketId: market.id, outcome: 'YES', amount: 10 }))._unsafeUnwrap();
    }
    (await h.resolveMarket({ actor: { kind: 'user', username: 'dave', role: 'REGULAR' }, marketId: market.id, resolution: 'YES' }))._unsafeUnwrap();
    const page = (await h.listMarketPositions({ marketId: market.id, page: { limit: 10, offset: 0 } }))._unsafeUnwrap();
    const shares = page.positions.map((p) => p.yesShares);
    expect(shares[0]).toBeGreaterThanOrEqual(shares[1]!);
    if (shares[0] === shares[1]) expect(page.positions.map((p) => p.username)).toEqual(['amy', 'zed']);
    expect(page.positions.every((p) => p.isResolved && p.resolutionResult === 'YES')).toBe(true);
  });

  it('gives one user position with the sellable figures per side', async () => {
    const h = createHarness();
    const market = await seedWorkedExample(h);
    const alice = (await h.getUserPosition({ marketId: market.id, username: 'alice' }))._unsafeUnwrap();
    expect(alice.position).toMatchObject({
      username: 'alice',
      marketId: market.id,
      noShares: 4,
      value: 8,
      totalSpent: 10,
    });
    expect(alice.noSellable).toEqual({ shares: 4, value: 8 });
    expect(alice.yesSellable).toEqual({ shares: 0, value: 0 });
    const carol = (await h.getUserPosition({ marketId: market.id, username: 'carol' }))._unsafeUnwrap();
    expect(carol.yesSellable).toEqual({ shares: 0, value: 0 });
    const dave = (await h.getUserPosition({ marketId: market.id, username: 'dave' }))._unsafeUnwrap();
    expect(dave.position).toMatchObject({ yesShares: 0, noShares: 0, value: 0, totalSpent: 0, totalSpentInPlay: 0 });

    (await h.resolveMarket({ actor: { kind: 'user', username: 'dave', role: 'REGULAR' }, marketId: market.id, resolution: 'NO' }))._unsafeUnwrap();
    const resolved = (await h.getUserPosition({ marketId: market.id, username: 'alice' }))._unsafeUnwrap();
    expect(resolved.noSellable).toEqual({ shares: 0, value: 0 });
    expect(resolved.position).toMatchObject({ isResolved: true, resolutionResult: 'NO', totalSpentInPlay: 0 });
  });

  it('reports an unknown market or user', async () => {
    const { h, market } = await workedExample();
    expect(await codeOf(h.listMarketPositions({ marketId: 9 }))).toBe('MARKET_NOT_FOUND');
    expect(await codeOf(h.getUserPosition({ marketId: 9, username: 'alice' }))).toBe('MARKET_NOT_FOUND');
    expect(await codeOf(h.getUserPosition({ marketId: market.id, username: 'ghost' }))).toBe('USER_NOT_FOUND');
  });
});

describe('market leaderboard (docs/api.md#t1-32)', () => {
  it('ranks holders by profit over the full list, then pages', async () => {
    const { h, market } = await workedExample();
    const board = (await h.getMarketLeaderboard({ marketId: market.id, limit: 2, offset: 1 }))._unsafeUnwrap();
    expect(board.marketId).toBe(market.id);
    expect(board.total).toBe(3);
    expect(board.leaderboard.map((row) => [row.rank, row.username, row.profit])).toEqual([
      [2, 'bob', 0],
      [3, 'carol', -1],
    ]);
  });

  it('reports an unknown market', async () => {
    const h = createHarness();
    expect(await codeOf(h.getMarketLeaderboard({ marketId: 3, limit: 10, offset: 0 }))).toBe('MARKET_NOT_FOUND');
  });
});

describe('market lists (docs/api.md#t1-22…T1-24, T1-20/21)', () => {
  async function catalogue() {
    const h = createHarness();
    for (const name of ['alice', 'bob']) await h.seedUser(name);
    const soon = await h.seedMarket('alice', { title: 'Rain in Basel', resolvesInMs: DAY });
    h.ports.clock.advance(1_000);
    const later = await h.seedMarket('alice', {
      title: 'Snow in Bern',
      description: 'Basel too?',
      resolvesInMs: 7 * DAY,
    });
    h.ports.clock.advance(1_000);
    const settled = await h.seedMarket('bob', { title: 'Sun in Chur' });
    h.ports.clock.advance(1_000);
    const proposal = await h.seedMarket('bob', { title: 'Fog in Basel' });
    await h.ports.markets.update(proposal.id, { lifecycleStatus: 'proposed', updatedAt: 0 });
    (await h.placeBet({ username: 'bob', marketId: later.id, outcome: 'YES', amount: 20 }))._unsafeUnwrap();
    (await h.resolveMarket({ actor: { kind: 'user', username: 'bob', role: 'REGULAR' }, marketId: settled.id, resolution: 'N/A' }))._unsafeUnwrap();
    h.ports.clock.advance(2 * DAY);
    return { h, soon, later, settled, proposal };
  }

  it('filters the public lists by derived status, newest first, with overview figures from the totals', async () => {
    const { h, soon, later, settled } = await catalogue();
    const ids = async (status: 'active' | 'closed' | 'resolved' | 'all') =>
      (await h.listMarkets({
        status,
        limit: 50,
        offset: 0,
      }))._unsafeUnwrap().markets.map((overview) => overview.market.id);
    expect(await ids('all')).toEqual([settled.id, later.id, soon.id]);
    expect(await ids('active')).toEqual([later.id]);
    expect(await ids('closed')).toEqual([soon.id]);
    expect(await ids('resolved')).toEqual([settled.id]);

    const page = (await h.listMarkets({ status: 'all', createdBy: 'alice', limit: 1, offset: 0 }))._unsafeUnwrap();
    expect(page.total).toBe(2);
    expect(page.markets).toEqual([
      {
        market: expect.objectContaining({ id: later.id }),
        creator: { username: 'alice', displayName: 'alice display', personalEmoji: '😀' },
        lastProbability: 25 / 30,
        numUsers: 1,
        totalVolume: 20,
        marketDust: 0,
        tags: [],
      },
    ]);
  });

  it('searches titles and descriptions and falls back to every status when few markets match', async () => {
    const { h, soon, later, proposal } = await catalogue();
    const all = (await h.searchMarkets({ query: 'basel', status: 'all', limit: 20, offset: 0 }))._unsafeUnwrap();
    expect(all.primaryResults.map((overview) => overview.market.id)).toEqual([later.id, soon.id]);
    expect(all).toMatchObject({ primaryStatus: 'all', fallbackUsed: false, fallbackResults: [], totalCount: 2 });
    expect(all.primaryResults.map((overview) => overview.market.id)).not.toContain(proposal.id);

    const active = (await h.searchMarkets({ query: 'BASEL', status: 'active', limit: 20, offset: 0 }))._unsafeUnwrap();
    expect(active.primaryResults.map((overview) => overview.market.id)).toEqual([later.id]);
    expect(active.fallbackResults.map((overview) => overview.market.id)).toEqual([soon.id]);
    expect(active).toMatchObject({
      query: 'BASEL',
      primaryCount: 1,
      fallbackCount: 1,
      totalCount: 2,
      fallbackUsed: true,
    });

    const nothing = (await h.searchMarkets({
      query: 'hail',
      status: 'resolved',
      limit: 20,
      offset: 0,
    }))._unsafeUnwrap();
    expect(nothing).toMatchObject({ fallbackUsed: false, totalCount: 0 });
  });

  it('lists the markets a user stewards, with lifecycle and text filters', async () => {
    const { h, proposal, settled } = await catalogue();
    const all = (await h.listStewardedMarkets({ stewardUsername: 'bob', limit: 10, offset: 0 }))._unsafeUnwrap();
    expect(all.markets.map((market) => market.id)).toEqual([proposal.id, settled.id]);
    const proposed = (await h.listStewardedMarkets({
      stewardUsername: 'bob',
      lifecycleStatus: 'proposed',
      query: 'fog',
      limit: 10,
      offset: 0,
    }))._unsafeUnwrap();
    expect(proposed).toEqual({ markets: [expect.objectContaining({ id: proposal.id })], total: 1 });
  });

  it('passes infrastructure failures through', async () => {
    const h = createHarness();
    h.ports.database.injectFault('markets.list');
    expect(await codeOf(h.listMarkets({ status: 'all', limit: 5, offset: 0 }))).toBe('INFRASTRUCTURE_ERROR');
  });
});
