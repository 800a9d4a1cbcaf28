// Snapshot rows of the display read models (PERF-2, http-api §1.7) as the jobs touch them: global snapshots are
// rebuilt and saved, market-scoped ones only marked stale (their next read rebuilds them), old ones deleted.
// Table `read_model_snapshots` (kind, key) → payload, generated_at, stale_since.
import type { Database } from '@socialpredict/persistence';
import { epochMs, inTransaction, isoTime, withSession } from './sql-session.ts';

export const GLOBAL_READ_MODELS = ['global_leaderboard', 'system_metrics'] as const;
export type GlobalReadModel = (typeof GLOBAL_READ_MODELS)[number];

/** Market-scoped kinds; their keys are the market id, optionally followed by `:` and a page qualifier. */
export const MARKET_READ_MODELS = ['market_summary', 'market_positions', 'market_leaderboard'] as const;

/** Discovery lists (T1-27): keyed by their query; any market change makes all of them stale. */
export const DISCOVERY_READ_MODEL = 'discovery';

export interface ReadModelAge {
  kind: string;
  /** age of the oldest snapshot of this kind */
  ageSeconds: number;
}

export interface StoredSnapshot {
  payload: unknown;
  generatedAt: number;
  /** when a write last marked it stale; null while it reflects every write */
  staleSince: number | null;
}

export interface ReadModelStore {
  load(kind: string, key: string): Promise<StoredSnapshot | null>;
  /**
   * Stores a snapshot computed from data as of `builtFrom`. A stale mark made after `builtFrom` survives, so a
   * write that raced the rebuild is not hidden (http-api §1.7).
   */
  save(kind: string, key: string, payload: unknown, builtFrom: number): Promise<void>;
  /**
   * Marks global snapshots stale at `at`. A later mark replaces an earlier one, so a rebuild that started before
   * this write cannot clear it on save.
   */
  markGlobalStale(kinds: readonly GlobalReadModel[], at: number): Promise<void>;
  /** Marks the markets' snapshots and every discovery list stale. */
  markMarketsStale(marketIds: readonly number[], at: number): Promise<void>;
  ages(kinds: readonly string[], now: number): Promise<ReadModelAge[]>;
  /** Deletes market-scoped and discovery snapshots not rebuilt since `cutoff`; returns how many. */
  deleteOlderThan(cutoff: number): Promise<number>;
}

export function sqlReadModelStore(database: Database): ReadModelStore {
  return {
    load: (kind, key) =>
      withSession(database, async (session) => {
        const [row] = await session.query<{ payload: unknown; generated_at: unknown; stale_since: unknown }>(
          `SELECT payload, generated_at, stale_since FROM read_model_snapshots WHERE kind = $1 AND key = $2 AND generated_at IS NOT NULL`,
          [kind, key],
        );
        if (row === undefined) return null;
        return {
          // jsonb arrives parsed from postgres.js and PGlite alike
          payload: row.payload,
          generatedAt: epochMs(row.generated_at),
          staleSince: row.stale_since === null ? null : epochMs(row.stale_since),
        };
      }),
    save: (kind, key, payload, builtFrom) =>
      inTransaction(database, async (tx) => {
        await tx.query(
          `INSERT INTO read_model_snapshots (kind, key, payload, generated_at, stale_since)
           VALUES ($1, $2, $3::jsonb, $4::timestamptz, NULL)
           ON CONFLICT (kind, key) DO UPDATE SET
             payload = EXCLUDED.payload,
             generated_at = EXCLUDED.generated_at,
             stale_since = CASE WHEN read_model_snapshots.stale_since >= EXCLUDED.generated_at
                                THEN read_model_snapshots.stale_since END`,
          [kind, key, JSON.stringify(payload), isoTime(builtFrom)],
        );
      }),
    markGlobalStale: async (kinds, at) => {
      await withSession(database, (session) =>
        session.query(
          `UPDATE read_model_snapshots SET stale_since = GREATEST(stale_since, $1::timestamptz)
           WHERE key = '' AND kind = ANY(string_to_array($2, ','))`,
          [isoTime(at), kinds.join(',')],
        ),
      );
    },
    markMarketsStale: async (marketIds, at) => {
      if (marketIds.length === 0) return;
      await withSession(database, (session) =>
        session.query(
          `UPDATE read_model_snapshots SET stale_since = $1::timestamptz
           WHERE stale_since IS NULL
             AND (kind = $2
                  OR (kind = ANY(string_to_array($3, ',')) AND split_part(key, ':', 1) = ANY(string_to_array($4, ','))))`,
          [isoTime(at), DISCOVERY_READ_MODEL, MARKET_READ_MODELS.join(','), marketIds.join(',')],
        ),
      );
    },
    ages: (kinds, now) =>
      withSession(database, async (session) => {
        const rows = await session.query<{ kind: string; age: number | string }>(
          `SELECT kind, EXTRACT(EPOCH FROM ($1::timestamptz - min(generated_at)))::float8 AS age
           FROM read_model_snapshots
           WHERE kind = ANY(string_to_array($2, ',')) AND generated_at IS NOT NULL
           GROUP BY kind ORDER BY kind`,
          [isoTime(now), kinds.join(',')],
        );
        return rows.map((row) => ({ kind: row.kind, ageSeconds: Math.max(0, Number(row.age)) }));
      }),
    deleteOlderThan: (cutoff) =>
      withSession(database, async (session) => {
        const rows = await session.query(
          `DELETE FROM read_model_snapshots
           WHERE NOT (kind = ANY(string_to_array($1, ','))) AND (generated_at IS NULL OR generated_at < $2::timestamptz)
           RETURNING kind`,
          [GLOBAL_READ_MODELS.join(','), isoTime(cutoff)],
        );
        return rows.length;
      }),
  };
}
