// Freshness metadata of http-api.md §1.5 for figures computed in this request.
import { isoTime } from '../schemas/common.schema.ts';

/** Market-scoped read models target 600 s (§1.7); a live computation is never stale. */
const MARKET_SCOPED_TARGET_SECONDS = 600;

export function liveFreshness(now: number, targetFreshnessSeconds = MARKET_SCOPED_TARGET_SECONDS) {
  return {
    generatedAt: isoTime(now),
    source: 'live' as const,
    targetFreshnessSeconds,
    transactionSafeRead: false as const,
    isStale: false,
  };
}
