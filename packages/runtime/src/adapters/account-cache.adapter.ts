// AccountCache port on lru-cache (docs/security.md#account-cache): at most `max` accounts, each kept `ttlMs` at most,
// so a change committed by another instance (or the CLI) holds here within that bound; this process's own changes
// are forgotten at once by the write follow-ups.
import { LRUCache } from 'lru-cache';
import type { AccountCache, CachedAccount } from '@socialpredict/domain';

/** The bound on cross-instance staleness stated in docs/security.md#account-cache. */
export const ACCOUNT_CACHE_TTL_MS = 5_000;
export const ACCOUNT_CACHE_MAX = 10_000;

export interface AccountCacheOptions {
  ttlMs?: number;
  max?: number;
  /** milliseconds, monotonic; injected so tests can move time */
  now?: () => number;
}

export function createAccountCache(options: AccountCacheOptions = {}): AccountCache {
  const accounts = new LRUCache<string, CachedAccount>({
    max: options.max ?? ACCOUNT_CACHE_MAX,
    ttl: options.ttlMs ?? ACCOUNT_CACHE_TTL_MS,
    // Read the clock on every check rather than lru-cache's timer-refreshed copy, so the bound is exact.
    ttlResolution: 0,
    ...(options.now === undefined ? {} : { perf: { now: options.now } }),
  });
  // Bumped by every forget: an account read before it may predate the change, so it is not kept.
  let forgets = 0;
  return {
    get: (username) => accounts.get(username),
    stamp: () => forgets,
    set: (account, stamp) => {
      if (stamp === forgets) accounts.set(account.username, account);
    },
    forget: (username) => {
      forgets += 1;
      accounts.delete(username);
    },
  };
}
