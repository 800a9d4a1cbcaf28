import type { StoredBetRow } from '../model/bet.model.ts';

/**
 * One market's history as a display read last saw it (docs/performance.md#request-path-profile): its rows in
 * canonical order, the highest row id among them, and figures derived from exactly these rows, keyed by what else
 * they depend on (the resolution). Never mutated: a longer history is a new entry.
 */
export interface CachedMarketHistory {
  readonly rows: readonly StoredBetRow[];
  readonly lastId: number;
  readonly derived: Map<string, unknown>;
  /**
   * The figures of the history this one extends (its rows are a prefix of these), offered to the computations that
   * can extend them instead of starting over (docs/performance.md#extended-replay). Only one generation back.
   */
  readonly predecessor?: ReadonlyMap<string, unknown>;
}

/**
 * In-process, bounded store of market histories (docs/api.md#read-model-freshness allows a live route to answer from
 * an in-process cache keyed by the market's latest row and lifecycle). Each read checks the entry against the market
 * row it has just read, so a stale entry is extended or replaced, never served.
 */
export interface MarketHistoryCache {
  get(marketId: number): CachedMarketHistory | undefined;
  set(marketId: number, history: CachedMarketHistory): void;
}
