// ReadModelSnapshotRepository on Drizzle: table `read_model_snapshots`, one row per global read model under the
// empty key (the key column is there for scoped read models, which none are yet).
import type { ResultAsync } from 'neverthrow';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import {
  STALE_MARK_WINDOW_MS,
  type GlobalReadModelKind,
  type InfrastructureError,
  type ReadModelAge,
  type ReadModelSnapshot,
  type ReadModelSnapshotRepository,
} from '@socialpredict/domain';
import type { Executor } from './database.factory.ts';
import { dbOperation } from './drizzle-operation.ts';
import type { OperationScope } from './operation.monitor.ts';
import { readModelSnapshots } from './schema.ts';

const GLOBAL_KEY = '';

/** A timestamp parameter inside raw SQL, where the column's own mapping does not apply. */
const timestamp = (epochMs: number) => sql`${new Date(epochMs).toISOString()}::timestamptz`;

export class DrizzleReadModelSnapshotRepository implements ReadModelSnapshotRepository {
  readonly #db: Executor;
  readonly #scope: OperationScope;

  constructor(db: Executor, scope: OperationScope) {
    this.#db = db;
    this.#scope = scope;
  }

  load(kind: GlobalReadModelKind): ResultAsync<ReadModelSnapshot | null, InfrastructureError> {
    return dbOperation(this.#scope, 'readModelSnapshots.load', async () => {
      const [row] = await this.#db
        .select({ payload: readModelSnapshots.payload, generatedAt: readModelSnapshots.generatedAt, staleSince: readModelSnapshots.staleSince })
        .from(readModelSnapshots)
        .where(and(eq(readModelSnapshots.kind, kind), eq(readModelSnapshots.key, GLOBAL_KEY)));
      if (row === undefined || row.generatedAt === null) return null;
      return { payload: row.payload, generatedAt: row.generatedAt, staleSince: row.staleSince };
    });
  }

  save(kind: GlobalReadModelKind, payload: unknown, builtFrom: number): ResultAsync<void, InfrastructureError> {
    return dbOperation(this.#scope, 'readModelSnapshots.save', async () => {
      await this.#db
        .insert(readModelSnapshots)
        .values({ kind, key: GLOBAL_KEY, payload, generatedAt: builtFrom, staleSince: null })
        .onConflictDoUpdate({
          target: [readModelSnapshots.kind, readModelSnapshots.key],
          set: {
            payload: sql`excluded.payload`,
            generatedAt: sql`excluded.generated_at`,
            // A mark this close to the rebuild's start may stand for a write the payload does not include.
            staleSince: sql`CASE WHEN ${readModelSnapshots.staleSince} >= excluded.generated_at - ${sql.raw(`interval '${String(STALE_MARK_WINDOW_MS)} milliseconds'`)} THEN ${readModelSnapshots.staleSince} END`,
          },
        });
    });
  }

  markStale(kinds: readonly GlobalReadModelKind[], at: number): ResultAsync<void, InfrastructureError> {
    return dbOperation(this.#scope, 'readModelSnapshots.markStale', async () => {
      if (kinds.length === 0) return;
      await this.#db
        .update(readModelSnapshots)
        // GREATEST ignores NULL: an unmarked snapshot takes `at`, a marked one keeps the later mark.
        .set({ staleSince: sql`GREATEST(${readModelSnapshots.staleSince}, ${timestamp(at)})` })
        .where(and(eq(readModelSnapshots.key, GLOBAL_KEY), inArray(readModelSnapshots.kind, [...kinds])));
    });
  }

  ages(now: number): ResultAsync<readonly ReadModelAge[], InfrastructureError> {
    return dbOperation(this.#scope, 'readModelSnapshots.ages', async () => {
      const rows = await this.#db
        .select({ kind: readModelSnapshots.kind, generatedAt: readModelSnapshots.generatedAt })
        .from(readModelSnapshots)
        .where(eq(readModelSnapshots.key, GLOBAL_KEY))
        .orderBy(asc(readModelSnapshots.kind));
      return rows.flatMap(({ kind, generatedAt }) =>
        // Only the global kinds are stored under the empty key.
        generatedAt === null ? [] : [{ kind: kind as GlobalReadModelKind, ageSeconds: Math.max(0, (now - generatedAt) / 1000) }],
      );
    });
  }
}
