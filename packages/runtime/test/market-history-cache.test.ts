// The market history cache's bound (docs/performance.md#request-path-profile): the rows held never exceed the budget.
import { describe, expect, it } from 'vitest';
import type { CachedMarketHistory, StoredBetRow } from '@socialpredict/domain';
import { createMarketHistoryCache } from '../src/index.ts';

const history = (marketId: number, rows: number): CachedMarketHistory => ({
  rows: Array.from({ length: rows }, (_, i): StoredBetRow => ({ id: i + 1, marketId, username: 'amy', outcome: 'YES', amount: 1, placedAt: i })),
  lastId: rows,
  derived: new Map(),
});

describe('market history cache', () => {
  it('holds at most maxRows rows, dropping the least recently read market', () => {
    const cache = createMarketHistoryCache({ maxRows: 12 });
    cache.set(1, history(1, 4));
    cache.set(2, history(2, 4));
    expect(cache.get(1)?.rows).toHaveLength(4);
    // 5 + 5 + 5 (each entry weighs rows + 1) would exceed 12: market 2, read least recently, goes.
    cache.set(3, history(3, 4));
    expect([1, 2, 3].map((id) => cache.get(id) !== undefined)).toEqual([true, false, true]);
  });

  it('does not keep a history larger than the whole budget, and bounds the number of markets', () => {
    const cache = createMarketHistoryCache({ maxRows: 10, maxMarkets: 2 });
    cache.set(1, history(1, 50));
    expect(cache.get(1)).toBeUndefined();
    for (const id of [2, 3, 4]) cache.set(id, history(id, 0));
    expect(cache.size).toBe(2);
  });
});
