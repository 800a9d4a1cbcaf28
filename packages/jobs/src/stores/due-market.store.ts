// The markets the `market.close` sweep still has to handle: published, resolution time passed, and no
// "resolution due" record yet. Keying on the record rather than on the previous run's time makes the sweep
// idempotent and lets it catch up after the workers were down.
import type { Database } from '@socialpredict/persistence';
import { epochMs, isoTime, withSession } from './sql-session.ts';

export interface DueMarket {
  id: number;
  stewardUsername: string;
  resolutionDateTime: number;
}

export interface DueMarketSource {
  /** Oldest resolution time first. */
  dueMarkets(now: number, limit: number): Promise<DueMarket[]>;
}

export function sqlDueMarketSource(database: Database): DueMarketSource {
  return {
    dueMarkets: (now, limit) =>
      withSession(database, async (session) => {
        const rows = await session.query<{ id: string | number; steward_username: string; resolution_date_time: unknown }>(
          `SELECT m.id, m.steward_username, m.resolution_date_time
           FROM markets m
           WHERE m.lifecycle_status = 'published' AND m.resolution_date_time <= $1::timestamptz
             AND NOT EXISTS (
               SELECT 1 FROM notifications n WHERE n.kind = 'resolution_due' AND n.market_id = m.id)
           ORDER BY m.resolution_date_time, m.id
           LIMIT $2`,
          [isoTime(now), limit],
        );
        return rows.map((row) => ({
          id: Number(row.id),
          stewardUsername: row.steward_username,
          resolutionDateTime: epochMs(row.resolution_date_time),
        }));
      }),
  };
}
