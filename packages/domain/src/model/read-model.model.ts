// The read models kept as whole-table snapshots, rebuilt after writes mark them stale (docs/api.md#read-model-freshness).
export const GLOBAL_READ_MODEL_KINDS = ['global_leaderboard', 'system_metrics'] as const;
export type GlobalReadModelKind = (typeof GLOBAL_READ_MODEL_KINDS)[number];

/**
 * How long one stale mark stands for the writes after it (docs/performance.md#stale-mark-window): a write committed
 * within this many ms after a completed mark needs no mark of its own, and a rebuild's save keeps every mark made
 * within this many ms before the rebuild started, so such a write is never hidden by a rebuild that missed it.
 */
export const STALE_MARK_WINDOW_MS = 500;
