// Freshness metadata of docs/api.md#shapes: for figures computed in this request, or read from a snapshot (docs/api.md#read-model-freshness).
import { GLOBAL_READ_MODEL_TARGET_SECONDS } from '@socialpredict/jobs';
import { isoTime } from '../schemas/common.schema.ts';

/** Market-scoped read models target 600 s (docs/api.md#read-model-freshness); a live computation is never stale. */
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

/** Global read models target one hour (docs/api.md#read-model-freshness). A snapshot is stale from the first write it does not reflect until a rebuild that started after that write. */
export function readModelFreshness(snapshot: { generatedAt: number; staleSince: number | null }, targetFreshnessSeconds = GLOBAL_READ_MODEL_TARGET_SECONDS) {
  return {
    generatedAt: isoTime(snapshot.generatedAt),
    source: 'read_model' as const,
    targetFreshnessSeconds,
    transactionSafeRead: false as const,
    isStale: snapshot.staleSince !== null,
    ...(snapshot.staleSince === null ? {} : { markedStaleAt: isoTime(snapshot.staleSince) }),
  };
}
