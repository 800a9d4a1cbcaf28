// DB-8: on a bets table of 100 000 rows the per-bet participation check and a market's history read use their indexes
// (PERF-3: a bet's cost does not grow with history). The statements are built as the bet repository builds them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { betColumns } from '../src/drizzle/bet.repository.ts';
import type { Database } from '../src/drizzle/database.factory.ts';
import { bets } from '../src/drizzle/schema.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.harness.ts';

describe('indexes of the hot queries on PostgreSQL', () => {
  let target: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    target = await createTestDatabase();
    database = await target.open();
    const session = await database.reserve();
    try {
      // 1 000 users, 50 markets, 100 000 rows spread over them; statistics refreshed for the planner.
      await session.script(`
        INSERT INTO users (username, display_name, user_type, moderator_status, personal_emoji, description,
          personal_link_1, personal_link_2, personal_link_3, personal_link_4, email, password_hash, password_version,
          must_change_password, created_at, updated_at)
        SELECT 'user' || i, 'User ' || i, 'REGULAR', 'none', '', '', '', '', '', '', '', 'x', 1, false, now(), now()
        FROM generate_series(1, 1000) AS i;
        INSERT INTO markets (question_title, description, outcome_type, yes_label, no_label, creator_username,
          steward_username, lifecycle_status, resolution_date_time, utc_offset, initial_probability,
          initial_subsidization, initial_yes, initial_no, creation_cost, created_at, updated_at)
        SELECT 'Market ' || i, '', 'BINARY', 'YES', 'NO', 'user1', 'user1', 'published', now() + interval '7 days', 0,
          0.5, 10, 0, 0, 10, now(), now()
        FROM generate_series(1, 50) AS i;
        INSERT INTO bets (market_id, username, outcome, amount, placed_at)
        SELECT 1 + i % 50, 'user' || (1 + i % 1000), CASE WHEN i % 2 = 0 THEN 'YES' ELSE 'NO' END, 1 + i % 20,
          now() + i * interval '1 millisecond'
        FROM generate_series(1, 100000) AS i;
        ANALYZE users; ANALYZE markets; ANALYZE bets;`);
    } finally {
      await session.release();
    }
  }, 60_000);
  afterAll(() => target.drop());

  /** The plan of a Drizzle query, as JSON, with its parameters bound. */
  const plan = async (query: { toSQL(): { sql: string; params: unknown[] } }) => {
    const { sql, params } = query.toSQL();
    const session = await database.reserve();
    try {
      const [row] = await session.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${sql}`, params as (string | number)[]);
      return JSON.stringify(row?.['QUERY PLAN']);
    } finally {
      await session.release();
    }
  };

  it('the first-bet check (lockTrade) uses bets(market_id, username)', async () => {
    const query = database.db
      .select({ id: bets.id })
      .from(bets)
      .where(and(eq(bets.marketId, 7), eq(bets.username, 'user57')))
      .limit(1);
    const text = await plan(query);
    expect(text).toContain('"Index Name":"bets_market_id_username_idx"');
    expect(text).not.toContain('Seq Scan');
  });

  it("a market's history in canonical order (bets.listByMarket) is read through a market_id index, never a table scan", async () => {
    const query = database.db.select(betColumns).from(bets).where(eq(bets.marketId, 7)).orderBy(asc(bets.placedAt), asc(bets.id));
    const text = await plan(query);
    // With 2 % of the rows scattered over the table the planner may prefer a bitmap scan plus a small sort to walking
    // bets(market_id, placed_at, id) in order; either way only the market's rows are read.
    expect(text).toMatch(/"Index Name":"bets_market_id_(placed_at_id|username)_idx"/);
    expect(text).not.toContain('Seq Scan');
  });
});
