// The global leaderboard built from the market history cache (docs/performance.md#global-read-models) equals the one
// built from the repositories, on random trading across several markets with resolutions and evictions; and a rebuild
// reads and values only the markets that changed since the previous one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeUseCases, type BetRepository, type CachedMarketHistory, type MarketHistoryCache } from '@socialpredict/domain';
import { createHarness } from './support/use-case-harness.ts';

const TRADERS = ['ann', 'ben', 'cat'] as const;
const WHOLE_BOARD = { limit: Number.MAX_SAFE_INTEGER, offset: 0 };

type Step =
  | { kind: 'buy'; username: string; market: number; outcome: 'YES' | 'NO'; amount: number }
  | { kind: 'sell'; username: string; market: number; outcome: 'YES' | 'NO'; amount: number }
  | { kind: 'resolve'; market: number; resolution: 'YES' | 'NO' | 'N/A' }
  | { kind: 'evict'; market: number };

const trader = fc.constantFrom(...TRADERS);
const outcome = fc.constantFrom('YES' as const, 'NO' as const);
const market = fc.integer({ min: 0, max: 2 });
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('buy' as const), username: trader, market, outcome, amount: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sell' as const), username: trader, market, outcome, amount: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), market, resolution: fc.constantFrom('YES' as const, 'NO' as const, 'N/A' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('evict' as const), market }) },
);

function mapCache(): MarketHistoryCache & { evict(marketId: number): void } {
  const histories = new Map<number, CachedMarketHistory>();
  return {
    get: (marketId) => histories.get(marketId),
    set: (marketId, history) => void histories.set(marketId, history),
    evict: (marketId) => void histories.delete(marketId),
  };
}

describe('global leaderboard from the market history cache', () => {
  it('equals the board built from the repositories after every write', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 1, maxLength: 30 }), async (steps) => {
        const h = createHarness({ economics: { user: { maximumDebtAllowed: 1_000 } } });
        for (const name of [...TRADERS, 'dave']) await h.seedUser(name);
        const markets = [await h.seedMarket('dave'), await h.seedMarket('dave'), await h.seedMarket('dave')];
        const cache = mapCache();
        const cached = makeUseCases({ ...h.deps, marketHistoryCache: cache });
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
