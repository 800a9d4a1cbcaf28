// Display reads answered from the market history cache (docs/performance.md#request-path-profile), and the global
// leaderboard built from it (docs/performance.md#global-read-models), equal the same reads replayed from the
// repositories, on random histories of buys, sales and resolutions, with reads after every write (so each write is
// seen by the next read) and random evictions (so full reloads and extensions both happen).
import fc from 'fast-check';
import type { ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { makeUseCases, type BetRepository, type CachedMarketHistory, type MarketHistoryCache } from '@socialpredict/domain';
import { createHarness, type Harness } from './support/use-case-harness.ts';

const TRADERS = ['ann', 'ben', 'cat', 'dan'] as const;

type Step =
  | { kind: 'buy'; username: string; outcome: 'YES' | 'NO'; amount: number }
  | { kind: 'sell'; username: string; outcome: 'YES' | 'NO'; amount: number }
  | { kind: 'resolve'; resolution: 'YES' | 'NO' | 'N/A' }
  | { kind: 'evict' };

const trader = fc.constantFrom(...TRADERS);
const outcome = fc.constantFrom('YES' as const, 'NO' as const);
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('buy' as const), username: trader, outcome, amount: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sell' as const), username: trader, outcome, amount: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), resolution: fc.constantFrom('YES' as const, 'NO' as const, 'N/A' as const) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'evict' as const }) },
);

function mapCache(): MarketHistoryCache & { clear(): void; evict(marketId: number): void; writes: number } {
  const histories = new Map<number, CachedMarketHistory>();
  return {
    writes: 0,
    get: (marketId) => histories.get(marketId),
    set(marketId, history) {
      this.writes += 1;
      histories.set(marketId, history);
    },
    clear: () => histories.clear(),
    evict: (marketId) => void histories.delete(marketId),
  };
}

/** Traders who may run into debt, `count` markets by dave, and the use cases on a fresh cache beside the uncached ones. */
async function cachedSetting(count: number) {
  const h = createHarness({ economics: { user: { maximumDebtAllowed: 1_000 } } });
  for (const name of [...TRADERS, 'dave']) await h.seedUser(name);
  const markets = [];
  for (let i = 0; i < count; i += 1) markets.push(await h.seedMarket('dave'));
  const cache = mapCache();
  return { h, markets, cache, cached: makeUseCases({ ...h.deps, marketHistoryCache: cache }) };
}

async function readAll(useCases: Pick<Harness, 'listMarketPositions' | 'getMarketLeaderboard' | 'getMarketDetails' | 'getMarketSummary' | 'listBets' | 'getUserPosition'>, marketId: number) {
  const unwrap = async <T>(result: ResultAsync<T, unknown>) => (await result)._unsafeUnwrap();
  return {
    positions: await unwrap(useCases.listMarketPositions({ marketId })),
    holders: await unwrap(useCases.listMarketPositions({ marketId, page: { limit: 2, offset: 1 } })),
    leaderboard: await unwrap(useCases.getMarketLeaderboard({ marketId, limit: 3, offset: 0 })),
    details: await unwrap(useCases.getMarketDetails({ marketId })),
    summary: await unwrap(useCases.getMarketSummary({ marketId })),
    bets: await unwrap(useCases.listBets({ marketId })),
    newestBets: await unwrap(useCases.listBets({ marketId, page: { limit: 3, offset: 0 } })),
    own: await Promise.all(TRADERS.map((username) => unwrap(useCases.getUserPosition({ marketId, username })))),
  };
}

describe('market history cache', () => {
  it('answers every display read exactly as a full replay does, after every write', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 1, maxLength: 25 }), async (steps) => {
        const { h, markets, cache, cached } = await cachedSetting(1);
        const market = markets[0]!;
        expect(await readAll(cached, market.id)).toEqual(await readAll(h, market.id));
        for (const step of steps) {
          h.ports.clock.advance(1);
          if (step.kind === 'evict') cache.clear();
          else if (step.kind === 'resolve') await h.resolveMarket({ actor: { kind: 'user', username: 'dave', role: 'REGULAR' }, marketId: market.id, resolution: step.resolution });
          else if (step.kind === 'buy') await h.placeBet({ username: step.username, marketId: market.id, outcome: step.outcome, amount: step.amount });
          else await h.sell({ username: step.username, marketId: market.id, outcome: step.outcome, amount: step.amount });
          expect(await readAll(cached, market.id)).toEqual(await readAll(h, market.id));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reads a repeat of the same history from the cache without listing the rows again', async () => {
    const h = createHarness();
    for (const name of [...TRADERS, 'dave']) await h.seedUser(name, { balance: 100 });
    const market = await h.seedMarket('dave');
    (await h.placeBet({ username: 'ann', marketId: market.id, outcome: 'YES', amount: 5 }))._unsafeUnwrap();
    const cache = mapCache();
    let listed = 0;
    const real = h.ports.bets;
    const bets: BetRepository = {
      insert: (row) => real.insert(row),
      listByMarket: (id) => ((listed += 1), real.listByMarket(id)),
      listByMarketAfter: (id, afterId) => real.listByMarketAfter(id, afterId),
      listByMarkets: (ids) => real.listByMarkets(ids),
      marketIdsByUser: (username) => real.marketIdsByUser(username),
      marketIdsWithRows: () => real.marketIdsWithRows(),
    };
    const cached = makeUseCases({ ...h.deps, bets, marketHistoryCache: cache });
    // Concurrent readers of a cold market share one load.
    await Promise.all([1, 2, 3].map(() => cached.getMarketLeaderboard({ marketId: market.id, limit: 10, offset: 0 })));
    expect(listed).toBe(1);
    await readAll(cached, market.id);
    await readAll(cached, market.id);
    expect(listed).toBe(1);
    // A new row extends the cached history (rows after the last id) instead of listing the market again, and its
    // replay extends the shorter history's replay, which the longer history is offered.
    const shorter = cache.get(market.id)!;
    const shorterReplay = [...shorter.derived].find(([key]) => key.startsWith('replay|'))?.[1] as { probabilities: number[] } | undefined;
    (await h.placeBet({ username: 'ben', marketId: market.id, outcome: 'NO', amount: 3 }))._unsafeUnwrap();
    const positions = (await cached.listMarketPositions({ marketId: market.id }))._unsafeUnwrap();
    expect(positions.positions.map((position) => position.username)).toEqual(['ann', 'ben']);
    expect(listed).toBe(1);
    expect(cache.writes).toBe(2);
    expect(positions.total).toBe(2);
    const longer = cache.get(market.id)!;
    expect(longer.rows.slice(0, shorter.rows.length)).toEqual(shorter.rows);
    expect(longer.predecessor).toBe(shorter.derived);
    const longerReplay = [...longer.derived].find(([key]) => key.startsWith('replay|'))?.[1] as { probabilities: number[] } | undefined;
    expect(longerReplay?.probabilities.slice(0, -1)).toEqual(shorterReplay?.probabilities);
    expect(longerReplay?.probabilities).toHaveLength(longer.rows.length + 1);
  });

  it('extends the trader count and the sale dust of a grown history from the shorter one', async () => {
    const { h, markets, cache, cached } = await cachedSetting(1);
    const marketId = markets[0]!.id;
    const summaries = async () => [(await cached.getMarketSummary({ marketId }))._unsafeUnwrap(), (await h.getMarketSummary({ marketId }))._unsafeUnwrap()] as const;
    // docs/market-model.md#worked-example: three buys, then a sale of 5 credits that leaves 1 as dust
    const trades = [
      () => h.placeBet({ username: 'ann', marketId, outcome: 'NO', amount: 10 }),
      () => h.placeBet({ username: 'ben', marketId, outcome: 'NO', amount: 30 }),
      () => h.placeBet({ username: 'cat', marketId, outcome: 'YES', amount: 10 }),
      () => h.sell({ username: 'ann', marketId, outcome: 'NO', amount: 5 }),
    ];
    for (const trade of trades) {
      h.ports.clock.advance(1);
      (await trade())._unsafeUnwrap();
      // read through the cache after each trade, so the history grows one row at a time
      await summaries();
    }
    const [withDust] = await summaries();
    expect(withDust.marketDust).toBe(1);
    const shorter = cache.get(marketId)!;
    h.ports.clock.advance(1);
    (await h.placeBet({ username: 'dan', marketId, outcome: 'NO', amount: 5 }))._unsafeUnwrap();
    const [fromCache, replayed] = await summaries();
    expect(cache.get(marketId)!.predecessor).toBe(shorter.derived);
    expect(fromCache.marketDust).toBe(1);
    expect(fromCache.numUsers).toBe(4);
    expect(fromCache).toEqual(replayed);
  });
});

const WHOLE_BOARD = { limit: Number.MAX_SAFE_INTEGER, offset: 0 };

type MarketStep =
  | { kind: 'buy'; username: string; market: number; outcome: 'YES' | 'NO'; amount: number }
  | { kind: 'sell'; username: string; market: number; outcome: 'YES' | 'NO'; amount: number }
  | { kind: 'resolve'; market: number; resolution: 'YES' | 'NO' | 'N/A' }
  | { kind: 'evict'; market: number };

const marketIndex = fc.integer({ min: 0, max: 2 });
const marketStepArbitrary: fc.Arbitrary<MarketStep> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('buy' as const), username: trader, market: marketIndex, outcome, amount: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sell' as const), username: trader, market: marketIndex, outcome, amount: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), market: marketIndex, resolution: fc.constantFrom('YES' as const, 'NO' as const, 'N/A' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('evict' as const), market: marketIndex }) },
);

describe('global leaderboard from the market history cache', () => {
  it('equals the board built from the repositories after every write', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(marketStepArbitrary, { minLength: 1, maxLength: 30 }), async (steps) => {
        const { h, markets, cache, cached } = await cachedSetting(3);
        for (const step of steps) {
          h.ports.clock.advance(1);
          const marketId = markets[step.market]!.id;
          if (step.kind === 'evict') cache.evict(marketId);
          else if (step.kind === 'resolve') await h.resolveMarket({ actor: { kind: 'user', username: 'dave', role: 'REGULAR' }, marketId, resolution: step.resolution });
          else if (step.kind === 'buy') await h.placeBet({ username: step.username, marketId, outcome: step.outcome, amount: step.amount });
          else await h.sell({ username: step.username, marketId, outcome: step.outcome, amount: step.amount });
          const expected = (await h.getGlobalLeaderboard(WHOLE_BOARD))._unsafeUnwrap();
          expect((await cached.getGlobalLeaderboard(WHOLE_BOARD))._unsafeUnwrap()).toEqual(expected);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reads only the rows added since the last rebuild, and values only the markets they belong to', async () => {
    const h = createHarness();
    for (const name of [...TRADERS, 'dave']) await h.seedUser(name, { balance: 100 });
    const [quiet, busy] = [await h.seedMarket('dave'), await h.seedMarket('dave')];
    (await h.placeBet({ username: 'ann', marketId: quiet.id, outcome: 'YES', amount: 5 }))._unsafeUnwrap();
    (await h.placeBet({ username: 'ben', marketId: busy.id, outcome: 'NO', amount: 4 }))._unsafeUnwrap();
    const reads: string[] = [];
    const real = h.ports.bets;
    const bets: BetRepository = {
      insert: (row) => real.insert(row),
      listByMarket: (id) => (reads.push(`all of ${id}`), real.listByMarket(id)),
      listByMarketAfter: (id, afterId) => (reads.push(`after ${afterId} of ${id}`), real.listByMarketAfter(id, afterId)),
      listByMarkets: (ids) => (reads.push(`all of ${ids.join(',')}`), real.listByMarkets(ids)),
      marketIdsByUser: (username) => real.marketIdsByUser(username),
      marketIdsWithRows: () => real.marketIdsWithRows(),
    };
    const cache = mapCache();
    const cached = makeUseCases({ ...h.deps, bets, marketHistoryCache: cache });
    (await cached.getGlobalLeaderboard(WHOLE_BOARD))._unsafeUnwrap();
    expect(reads).toEqual([`all of ${quiet.id},${busy.id}`]);
    const valued = (marketId: number) => [...cache.get(marketId)!.derived].find(([key]) => key.startsWith('valued-positions|'))?.[1];
    const quietPositions = valued(quiet.id);
    expect(quietPositions).toBeDefined();

    const busyLastId = cache.get(busy.id)!.lastId;
    (await h.placeBet({ username: 'cat', marketId: busy.id, outcome: 'YES', amount: 7 }))._unsafeUnwrap();
    const board = (await cached.getGlobalLeaderboard(WHOLE_BOARD))._unsafeUnwrap();
    expect(reads).toEqual([`all of ${quiet.id},${busy.id}`, `after ${busyLastId} of ${busy.id}`]);
    expect(board.entries.map((entry) => entry.username).sort()).toEqual(['ann', 'ben', 'cat']);
    // The quiet market's positions are the very object valued by the first build.
    expect(valued(quiet.id)).toBe(quietPositions);
  });
});
