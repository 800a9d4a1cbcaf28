// The snapshot table of the global read models in memory, with the SQL store's rules (a stale mark newer than the
// rebuild survives its save), for the fast inject tests over the in-memory fakes.
import type { ReadModelStore, StoredSnapshot } from '@socialpredict/jobs';

export function memorySnapshotStore(): Pick<ReadModelStore, 'load' | 'save' | 'markGlobalStale'> {
  const rows = new Map<string, StoredSnapshot>();
  return {
    load: async (kind) => structuredClone(rows.get(kind) ?? null),
    save: async (kind, _key, payload, builtFrom) => {
      const marked = rows.get(kind)?.staleSince ?? null;
      rows.set(kind, {
        payload: structuredClone(payload),
        generatedAt: builtFrom,
        staleSince: marked !== null && marked >= builtFrom ? marked : null,
      });
    },
    markGlobalStale: async (kinds, at) => {
      for (const kind of kinds) {
        const row = rows.get(kind);
        if (row !== undefined) row.staleSince = Math.max(row.staleSince ?? at, at);
      }
    },
  };
}
