// MarketHistoryCache port on lru-cache (docs/performance.md#request-path-profile): bounded by the total number of rows
// held (each entry weighs its row count), so a few very large markets cannot grow the heap without limit. Entries need
// no time to live: each read checks its entry against the market row it has just read.
import { LRUCache } from 'lru-cache';
import type { CachedMarketHistory, MarketHistoryCache } from '@socialpredict/domain';

/** About 100 bytes a row plus its derived figures: some hundreds of MB at most with the default. */
export const MARKET_HISTORY_MAX_ROWS = 2_000_000;
export const MARKET_HISTORY_MAX_MARKETS = 1_000;

export interface MarketHistoryCacheOptions {
  maxRows?: number;
  maxMarkets?: number;
}

export function createMarketHistoryCache(options: MarketHistoryCacheOptions = {}): MarketHistoryCache & { readonly size: number } {
  const histories = new LRUCache<number, CachedMarketHistory>({
    max: options.maxMarkets ?? MARKET_HISTORY_MAX_MARKETS,
    maxSize: options.maxRows ?? MARKET_HISTORY_MAX_ROWS,
    // +1 so an empty market still counts; a history larger than the whole budget is simply not kept.
    sizeCalculation: (history) => history.rows.length + 1,
  });
  return {
    get: (marketId) => histories.get(marketId),
    set: (marketId, history) => void histories.set(marketId, history),
    get size() {
      return histories.size;
    },
  };
}
