// A market and its history, read outside a transaction for the display use cases and the global read models. With a
// market history cache (docs/performance.md#request-path-profile) a repeat read costs one market row: the cached rows
// are checked against the row count on the market row just read, extended with the rows after the last cached id
// when the market grew, and figures derived from them are computed once per history and resolution.
import { err, ok, okAsync, ResultAsync, safeTry } from 'neverthrow';
import type { StoredBetRow } from '../../model/bet.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { MarketRecord } from '../../model/market.model.ts';
import type { CachedMarketHistory, MarketHistoryCache } from '../../ports/market-history-cache.port.ts';
import type { Repositories } from '../../ports/unit-of-work.port.ts';
import { marketNotFound, type MarketNotFound } from '../../errors/use-case.errors.ts';

export interface MarketWithRows {
  readonly market: MarketRecord;
  /** canonical order (docs/market-model.md#canonical-order) */
  readonly rows: readonly StoredBetRow[];
}

/** A market with its rows as the display reads load it, with the memo of figures derived from them. */
export interface MarketHistoryView extends MarketWithRows {
  /**
   * `compute()` over exactly these rows and this market's resolution, remembered with the cached history so the next
   * read of the same history reuses it. The value is shared between requests: callers must not mutate it.
   * `compute` is handed the same figure of the shorter history this one extends, when that one had it.
   */
  derive<T>(name: string, compute: (previous: T | undefined) => T): T;
}

export type MarketRowsDeps = Pick<Repositories, 'markets' | 'bets'> & { readonly marketHistoryCache?: MarketHistoryCache };

export function loadMarketWithRows(deps: MarketRowsDeps, marketId: number): ResultAsync<MarketHistoryView, MarketNotFound | InfrastructureError> {
  return safeTry(async function* () {
    const market = yield* deps.markets.findById(marketId);
    if (market === null) return err(marketNotFound(marketId));
    const cache = deps.marketHistoryCache;
    if (cache === undefined) {
      return ok(uncachedView(market, yield* deps.bets.listByMarket(market.id)));
    }
    return ok(viewOf(market, yield* currentHistory(deps, cache, market)));
  });
}

/**
 * The existing markets among `marketIds`, ascending by id, each with its history: from the cache when it has them
 * (extended by the rows after its last id), with every market it lacks read in one query (PERF-3). The global read
 * models build from these, so a rebuild reads and values only the markets that changed since the last one.
 */
export function loadMarketHistories(deps: MarketRowsDeps, marketIds: readonly number[]): ResultAsync<MarketHistoryView[], InfrastructureError> {
  return safeTry(async function* () {
    const markets = yield* deps.markets.findByIds(marketIds);
    const cache = deps.marketHistoryCache;
    const missing = cache === undefined ? markets : markets.filter((market) => cache.get(market.id) === undefined);
    const rowsByMarket = missing.length === 0 ? new Map<number, StoredBetRow[]>() : yield* deps.bets.listByMarkets(missing.map((market) => market.id));
    if (cache === undefined) return ok(markets.map((market) => uncachedView(market, rowsByMarket.get(market.id) ?? [])));
    const read = new Map<number, CachedMarketHistory>();
    for (const market of missing) {
      const rows = rowsByMarket.get(market.id) ?? [];
      const history: CachedMarketHistory = { rows, lastId: maxId(rows), derived: new Map() };
      read.set(market.id, history);
      cache.set(market.id, history);
    }
    // The cached markets that grew since go through the single-flight load of each market.
    const histories = yield* ResultAsync.combine(
      markets.map((market) => {
        const fresh = read.get(market.id);
        return fresh === undefined ? currentHistory(deps, cache, market) : okAsync(fresh);
      }),
    );
    return ok(markets.map((market, i) => viewOf(market, histories[i]!)));
  });
}

function uncachedView(market: MarketRecord, rows: readonly StoredBetRow[]): MarketHistoryView {
  return { market, rows, derive: <T>(_name: string, compute: (previous: T | undefined) => T) => compute(undefined) };
}

function viewOf(market: MarketRecord, history: CachedMarketHistory): MarketHistoryView {
  // Derived figures depend on the rows (fixed per entry) and on the resolution; the seeds never change.
  const resolution = `${market.lifecycleStatus}|${market.resolutionResult ?? ''}`;
  return {
    market,
    rows: history.rows,
    derive: <T>(name: string, compute: (previous: T | undefined) => T): T => {
      const key = `${name}|${resolution}`;
      if (history.derived.has(key)) return history.derived.get(key) as T;
      const value = compute(history.predecessor?.get(key) as T | undefined);
      history.derived.set(key, value);
      return value;
    },
  };
}

/** Loads under way per cache and market: concurrent readers of a cold or grown market share one. */
const loading = new WeakMap<MarketHistoryCache, Map<number, ResultAsync<CachedMarketHistory, InfrastructureError>>>();

/**
 * The cached history when it holds every row the market row counts; otherwise the one load under way for the market
 * when it turns out long enough, or a new load.
 */
function currentHistory(
  deps: Pick<Repositories, 'bets'>,
  cache: MarketHistoryCache,
  market: MarketRecord,
): ResultAsync<CachedMarketHistory, InfrastructureError> {
  const cached = cache.get(market.id);
  if (cached !== undefined && cached.rows.length >= market.totals.rowCount) return okAsync(cached);
  let loads = loading.get(cache);
  if (loads === undefined) {
    loads = new Map();
    loading.set(cache, loads);
  }
  const underWay = loads.get(market.id);
  if (underWay !== undefined) {
    return underWay.andThen((history) => (history.rows.length >= market.totals.rowCount ? okAsync(history) : loadHistory(deps, cache, market)));
  }
  const load = loadHistory(deps, cache, market);
  const started = loads;
  started.set(market.id, load);
  void load.then(() => {
    if (started.get(market.id) === load) started.delete(market.id);
  });
  return load;
}

/**
 * The cached rows plus those after the last cached id. Rows of one market are appended under its row lock with
 * `placedAt` never going back (DB-6), so the new rows sort after the cached ones; if they do not, or the count still
 * falls short of the market row's, the whole history is read.
 */
function loadHistory(
  deps: Pick<Repositories, 'bets'>,
  cache: MarketHistoryCache,
  market: MarketRecord,
): ResultAsync<CachedMarketHistory, InfrastructureError> {
  return safeTry(async function* () {
    const cached = cache.get(market.id);
    if (cached !== undefined && cached.rows.length >= market.totals.rowCount) return ok(cached);
    if (cached !== undefined) {
      const added = yield* deps.bets.listByMarketAfter(market.id, cached.lastId);
      const last = cached.rows.at(-1);
      const first = added[0];
      const rows = cached.rows.concat(added);
      if ((last === undefined || first === undefined || first.placedAt >= last.placedAt) && rows.length >= market.totals.rowCount) {
        return ok(remember(cache, market.id, rows, Math.max(cached.lastId, maxId(added)), cached.derived));
      }
    }
    const rows = yield* deps.bets.listByMarket(market.id);
    return ok(remember(cache, market.id, rows, maxId(rows)));
  });
}

function remember(
  cache: MarketHistoryCache,
  marketId: number,
  rows: readonly StoredBetRow[],
  lastId: number,
  predecessor?: ReadonlyMap<string, unknown>,
): CachedMarketHistory {
  const history: CachedMarketHistory = { rows, lastId, derived: new Map(), ...(predecessor === undefined ? {} : { predecessor }) };
  cache.set(marketId, history);
  return history;
}

function maxId(rows: readonly StoredBetRow[]): number {
  let max = 0;
  for (const row of rows) if (row.id > max) max = row.id;
  return max;
}
