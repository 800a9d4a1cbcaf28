import { ok, type ResultAsync } from 'neverthrow';
import {
  STALE_MARK_WINDOW_MS,
  type GlobalReadModelKind,
  type InfrastructureError,
  type ReadModelAge,
  type ReadModelSnapshot,
  type ReadModelSnapshotRepository,
} from '@socialpredict/domain';
import { readOperation, writeOperation, type MemoryContext } from './memory-operation.ts';

/** Payloads are copied in and out, as a jsonb round trip would, so no caller shares a stored object. */
export class MemoryReadModelSnapshotRepository implements ReadModelSnapshotRepository {
  readonly #context: MemoryContext;

  constructor(context: MemoryContext) {
    this.#context = context;
  }

  load(kind: GlobalReadModelKind): ResultAsync<ReadModelSnapshot | null, InfrastructureError> {
    return readOperation(this.#context, 'readModelSnapshots.load', (tables) => structuredClone(tables.snapshots.get(kind) ?? null));
  }

  save(kind: GlobalReadModelKind, payload: unknown, builtFrom: number): ResultAsync<void, InfrastructureError> {
    return writeOperation(this.#context, 'readModelSnapshots.save', (tables) => {
      const marked = tables.snapshots.get(kind)?.staleSince ?? null;
      tables.snapshots.set(kind, {
        payload: structuredClone(payload),
        generatedAt: builtFrom,
        // A mark this close to the rebuild's start may stand for a write the payload does not include.
        staleSince: marked !== null && marked >= builtFrom - STALE_MARK_WINDOW_MS ? marked : null,
      });
      return ok(undefined);
    });
  }

  markStale(kinds: readonly GlobalReadModelKind[], at: number): ResultAsync<void, InfrastructureError> {
    return writeOperation(this.#context, 'readModelSnapshots.markStale', (tables) => {
      for (const kind of kinds) {
        const stored = tables.snapshots.get(kind);
        if (stored !== undefined) tables.snapshots.set(kind, { ...stored, staleSince: Math.max(stored.staleSince ?? at, at) });
      }
      return ok(undefined);
    });
  }

  ages(now: number): ResultAsync<readonly ReadModelAge[], InfrastructureError> {
    return readOperation(this.#context, 'readModelSnapshots.ages', (tables) =>
      [...tables.snapshots]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([kind, snapshot]) => ({ kind, ageSeconds: Math.max(0, (now - snapshot.generatedAt) / 1000) })),
    );
  }
}
