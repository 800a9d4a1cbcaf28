// Start-up warm-up of the market history cache (docs/performance.md#history-warm-up).
import { describe, expect, it } from 'vitest';
import { makeUseCases, type BetRepository, type CachedMarketHistory } from '@socialpredict/domain';
import { createHarness } from './support/use-case-harness.ts';

async function threeTradedMarkets() {
  const h = createHarness({ economics: { user: { maximumDebtAllowed: 1_000 } } });
  for (const name of ['ann', 'ben', 'dave']) await h.seedUser(name);
  const [older, newer, quiet] = [await h.seedMarket('dave'), await h.seedMarket('dave'), await h.seedMarket('dave')];
  // older: 3 rows, then newer: 2 rows (the newest trade); quiet has none
  for (const [market, username, amount] of [[older, 'ann', 5], [older, 'ben', 4], [older, 'ann', 3], [newer, 'ben', 7], [newer, 'ann', 2]] as const) {
    h.ports.clock.advance(1_000);
    (await h.placeBet({ username, marketId: market!.id, outcome: 'YES', amount }))._unsafeUnwrap();
  }
  const histories = new Map<number, CachedMarketHistory>();
  let listed = 0;
  const real = h.ports.bets;
  const bets: BetRepository = {
    insert: (row) => real.insert(row),
    listByMarket: (id) => ((listed += 1), real.listByMarket(id)),
    listByMarketAfter: (id, afterId) => ((listed += 1), real.listByMarketAfter(id, afterId)),
    listByMarkets: (ids) => ((listed += ids.length), real.listByMarkets(ids)),
    marketIdsByUser: (username) => real.marketIdsByUser(username),
    marketIdsWithRows: () => real.marketIdsWithRows(),
  };
  const useCases = makeUseCases({ ...h.deps, bets, marketHistoryCache: { get: (id) => histories.get(id), set: (id, history) => void histories.set(id, history) } });
  return { h, older: older!, newer: newer!, quiet: quiet!, histories, useCases, listed: () => listed };
}

describe('warm market histories', () => {
  it('loads the newest-traded markets that fit the row budget, with their figures, so their first reads list no rows', async () => {
    const { older, newer, histories, useCases, listed } = await threeTradedMarkets();
    // 4 rows: the newer market (2) fits, the older one (3) no longer does
    expect((await useCases.warmMarketHistories({ maxRows: 4 }))._unsafeUnwrap()).toEqual({ markets: 1, rows: 2 });
    expect([...histories.keys()]).toEqual([newer.id]);
    const derived = [...histories.get(newer.id)!.derived.keys()].map((key) => key.split('|')[0]);
    expect(derived).toEqual(expect.arrayContaining(['replay', 'figures', 'valued-positions']));
    const before = listed();
    (await useCases.getMarketSummary({ marketId: newer.id }))._unsafeUnwrap();
    (await useCases.listMarketPositions({ marketId: newer.id }))._unsafeUnwrap();
    expect(listed()).toBe(before);

    expect((await useCases.warmMarketHistories({ maxRows: 100 }))._unsafeUnwrap()).toEqual({ markets: 2, rows: 5 });
    expect(new Set(histories.keys())).toEqual(new Set([newer.id, older.id]));
  });

  it('does nothing with a budget of 0 or without a cache', async () => {
    const { h, histories, useCases } = await threeTradedMarkets();
    expect((await useCases.warmMarketHistories({ maxRows: 0 }))._unsafeUnwrap()).toEqual({ markets: 0, rows: 0 });
    expect(histories.size).toBe(0);
    expect((await makeUseCases(h.deps).warmMarketHistories({ maxRows: 100 }))._unsafeUnwrap()).toEqual({ markets: 0, rows: 0 });
  });
});
