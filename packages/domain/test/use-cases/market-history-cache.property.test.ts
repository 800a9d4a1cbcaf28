// Display reads answered from the market history cache (docs/performance.md#request-path-profile) equal the same reads
// replayed from the repositories, on random histories of buys, sales and a resolution, with reads after every write
// (so each write is seen by the next read) and random evictions (so full reloads and extensions both happen).
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

function mapCache(): MarketHistoryCache & { clear(): void; writes: number } {
  const histories = new Map<number, CachedMarketHistory>();
  return {
    writes: 0,
    get: (marketId) => histories.get(marketId),
    set(marketId, history) {
      this.writes += 1;
      histories.set(marketId, history);
    },
    clear: () => histories.clear(),
  };
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
        const h = createHarness({ economics: { user: { maximumDebtAllowed: 1_000 } } });
        for (const name of [...TRADERS, 'dave']) await h.seedUser(name);
        const market = await h.seedMarket('dave');
        const cache = mapCache();
        const cached = makeUseCases({ ...h.deps, marketHistoryCache: cache });
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
    // A new row extends the cached history (rows after the last id) instead of listing the market again.
    (await h.placeBet({ username: 'ben', marketId: market.id, outcome: 'NO', amount: 3 }))._unsafeUnwrap();
    const positions = (await cached.listMarketPositions({ marketId: market.id }))._unsafeUnwrap();
    expect(positions.positions.map((position) => position.username)).toEqual(['ann', 'ben']);
    expect(listed).toBe(1);
    expect(cache.writes).toBe(2);
    expect(positions.total).toBe(2);
  });
});
