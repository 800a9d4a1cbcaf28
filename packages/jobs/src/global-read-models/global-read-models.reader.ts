// How the API reads the global read models (docs/api.md#read-model-freshness, PERF-2): from the last snapshot, marked stale by writes
// and rebuilt by `readmodel.refresh`. A missing snapshot is built once, synchronously; with no job consumer at all, a
// reader that finds one stale beyond the refresh debounce rebuilds it inline. Rebuilds are single-flight per
// snapshot within this process.
import type { Clock, ReadModelSnapshot, ReadModelSnapshotRepository } from '@socialpredict/domain';
import type { JobLogger } from '../job-ports.ts';
import { READ_MODEL_REFRESH_DEBOUNCE_SECONDS } from '../queues.ts';
import type { GlobalReadModelBuilds, GlobalReadModelPayloads } from '../readmodel-refresh/readmodel-refresh.job.ts';
import { resultOrThrow } from '../result-or-throw.ts';
import type { GlobalReadModel } from './global-read-model.kinds.ts';

/** Target freshness of the global read models (docs/api.md#read-model-freshness). */
export const GLOBAL_READ_MODEL_TARGET_SECONDS = 3600;

export interface GlobalReadModelView<T> {
  value: T;
  generatedAt: number;
  /** when a write last marked the snapshot stale; null while it reflects every write */
  staleSince: number | null;
}

export interface GlobalReadModels {
  read<K extends GlobalReadModel>(kind: K): Promise<GlobalReadModelView<GlobalReadModelPayloads[K]>>;
  /** After a committed write. A failure is logged, not thrown: the write stands and the hourly refresh catches up. */
  markStale(kinds: readonly GlobalReadModel[]): Promise<void>;
}

export interface GlobalReadModelsDeps {
  store: Pick<ReadModelSnapshotRepository, 'load' | 'save' | 'markStale'>;
  builds: GlobalReadModelBuilds;
  clock: Clock;
  logger: JobLogger;
  /** no job consumer runs anywhere (JOBS_ENABLED=false and READ_MODEL_WORKER=inline): readers refresh */
  rebuildInline: boolean;
}

export function createGlobalReadModels(deps: GlobalReadModelsDeps): GlobalReadModels {
  const { store, clock, logger } = deps;
  const rebuilding = new Map<GlobalReadModel, Promise<ReadModelSnapshot>>();

  const rebuild = (kind: GlobalReadModel): Promise<ReadModelSnapshot> => {
    const running = rebuilding.get(kind);
    if (running !== undefined) return running;
    const started = (async () => {
      const builtFrom = clock.now();
      await resultOrThrow(store.save(kind, await deps.builds[kind](), builtFrom));
      // Read back: a write that raced the rebuild keeps its stale mark.
      const saved = await resultOrThrow(store.load(kind));
      if (saved === null) throw new Error(`the ${kind} snapshot is missing right after its rebuild`);
      logger.debug({ event: 'readmodel.rebuilt_on_read', kind }, 'read model rebuilt for a reader');
      return saved;
    })().finally(() => rebuilding.delete(kind));
    rebuilding.set(kind, started);
    return started;
  };

  // A later write moves the mark, so a steady stream of writes could postpone the debounce forever; the target
  // freshness bounds how long such a snapshot is served.
  const dueInline = (snapshot: ReadModelSnapshot, now: number) =>
    deps.rebuildInline &&
    snapshot.staleSince !== null &&
    (now - snapshot.staleSince >= READ_MODEL_REFRESH_DEBOUNCE_SECONDS * 1000 ||
      now - snapshot.generatedAt >= GLOBAL_READ_MODEL_TARGET_SECONDS * 1000);

  return {
    read: async <K extends GlobalReadModel>(kind: K) => {
      const stored = await resultOrThrow(store.load(kind));
      let snapshot: ReadModelSnapshot;
      // Missing: the first reader builds it and concurrent ones wait for that build.
      if (stored === null) snapshot = await rebuild(kind);
      // Due: one reader rebuilds, the others answer from the previous snapshot meanwhile.
      else if (dueInline(stored, clock.now()) && !rebuilding.has(kind)) snapshot = await rebuild(kind);
      else snapshot = stored;
      return {
        // Written by this kind's own builder, so the payload has its shape.
        value: snapshot.payload as GlobalReadModelPayloads[K],
        generatedAt: snapshot.generatedAt,
        staleSince: snapshot.staleSince,
      };
    },
    markStale: async (kinds) => {
      const marked = await store.markStale(kinds, clock.now());
      if (marked.isErr()) {
        logger.warn({ event: 'readmodel.mark_stale_failed', kinds, err: marked.error }, 'could not mark the global read models stale');
      }
    },
  };
}
