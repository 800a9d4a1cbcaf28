import type { ResultAsync } from 'neverthrow';
import type { GlobalReadModelKind } from '../model/read-model.model.ts';
import type { InfrastructureError } from './infrastructure.error.ts';


export interface ReadModelSnapshot {
  readonly payload: unknown;
  /** when the rebuild that produced the payload started reading */
  readonly generatedAt: number;
  /** when a write last marked it stale; null while it reflects every write */
  readonly staleSince: number | null;
}

export interface ReadModelAge {
  readonly kind: GlobalReadModelKind;
  readonly ageSeconds: number;
}

/** The last snapshot of each global read model, marked stale by writes and replaced by rebuilds. */
export interface ReadModelSnapshotRepository {
  /** null until the first rebuild saved one */
  load(kind: GlobalReadModelKind): ResultAsync<ReadModelSnapshot | null, InfrastructureError>;
  /**
   * Stores a snapshot computed from data as of `builtFrom`. A stale mark made at or after `builtFrom` less
   * STALE_MARK_WINDOW_MS survives, so a write that raced the rebuild is not hidden, even one that relied on an earlier
   * mark of the window (docs/api.md#read-model-freshness).
   */
  save(kind: GlobalReadModelKind, payload: unknown, builtFrom: number): ResultAsync<void, InfrastructureError>;
  /**
   * Marks the stored snapshots stale at `at`; kinds without one are left alone. A later mark replaces an earlier
   * one, so a rebuild that started before this write cannot clear it on save.
   */
  markStale(kinds: readonly GlobalReadModelKind[], at: number): ResultAsync<void, InfrastructureError>;
  /** The age at `now` of every stored snapshot, in kind order. */
  ages(now: number): ResultAsync<readonly ReadModelAge[], InfrastructureError>;
}
