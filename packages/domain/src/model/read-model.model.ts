// The read models kept as whole-table snapshots, rebuilt after writes mark them stale (docs/api.md#read-model-freshness).
export const GLOBAL_READ_MODEL_KINDS = ['global_leaderboard', 'system_metrics'] as const;
export type GlobalReadModelKind = (typeof GLOBAL_READ_MODEL_KINDS)[number];
