// The fixture loader end to end (docs/performance.md#fixture-loader): `pnpm cli load-seed --bets` as an operator runs
// it, then the books are checked by `pnpm cli integrity-check`, and the real API (`pnpm start`) accepts a bet on a
// pre-grown hot market at exactly the probability the domain derives from the seeded totals.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { probabilityFromTotals, totalsAfter, type MarketTotals, type Seeds } from '@socialpredict/domain';
import { openDatabase, type Database } from '@socialpredict/persistence';
import { runCli, startApiProcess, type ApiProcess } from './helpers/api-process.ts';
import { createEmptyDatabase, describeOnFullServer, type EmptyDatabase } from './helpers/postgres-app.ts';
import { testConfig } from './helpers/test-config.ts';

const NEEDS = 'the CLI and the API as processes of their own on one database';
const BETS = 5_000;

interface MarketRow extends Record<string, unknown> {
  initial_probability: number;
  initial_subsidization: string;
  initial_yes: string;
  initial_no: string;
  yes_total: string;
  no_total: string;
  volume: string;
  dust_total: string;
  row_count: string;
  trader_count: string;
  last_placed_at: string | null;
}

describeOnFullServer('load-seed pre-grows a database the API keeps trading on', NEEDS, () => {
  let target: EmptyDatabase;
  let database: Database;
  let api: ApiProcess | undefined;
  let folder: string;

  beforeAll(async () => {
    target = await createEmptyDatabase();
    database = await openDatabase(testConfig({ DATABASE_URL: target.url }).database);
    folder = await mkdtemp(join(tmpdir(), 'sp-load-seed-'));
  });

  afterAll(async () => {
    api?.signal('SIGKILL');
    await api?.exited;
    await database.close();
    await target.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it(`writes ${BETS} trades through the ledger, passes the integrity check, and the API trades on at the expected probability`, { timeout: 120_000 }, async () => {
    const env = { DATABASE_URL: target.url, LOAD_TEST_ENABLED: 'true' };
    expect((await runCli(['migrate'], env)).code).toBe(0);
    const seeded = await runCli(['load-seed', '--users', '40', '--moderators', '2', '--markets', '4', '--hot-markets', '2', '--bets', String(BETS), '--out', folder], env, 90_000);
    expect(seeded.code, seeded.output).toBe(0);
    expect(seeded.output).toMatch(new RegExp(`Placing trades: ${BETS}/${BETS} \\(100 %`));

    const session = await database.reserve();
    try {
      const [counts] = await session.query<{ bets: number; buys: number; fees: number }>(
        `SELECT (SELECT count(*)::int FROM bets) AS bets,
           (SELECT count(*)::int FROM ledger_entries WHERE kind = 'BUY') AS buys,
           (SELECT count(*)::int FROM ledger_entries WHERE kind = 'INITIAL_BET_FEE') AS fees`,
      );
      expect(counts?.bets).toBe(BETS);
      expect(counts?.buys).toBe(BETS);
      // the first-bet fee is charged once per (user, market) pair that traded, never more
      const [pairs] = await session.query<{ pairs: number }>('SELECT count(*)::int AS pairs FROM (SELECT DISTINCT market_id, username FROM bets) p');
      expect(counts?.fees).toBe(pairs?.pairs);
    } finally {
      await session.release();
    }
    const checked = await runCli(['integrity-check'], env);
    expect(checked.code, checked.output).toBe(0);
    expect(checked.output).toContain('Ledger integrity: OK');

    api = await startApiProcess({ DATABASE_URL: target.url });
    const login = await fetch(`${api.baseUrl}/v0/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'loaduser00001', password: 'LoadTest2026' }),
    });
    expect(login.status).toBe(200);
    const { token } = ((await login.json()) as { result: { token: string } }).result;

    const reader = await database.reserve();
    let market: MarketRow;
    let marketId: number;
    try {
      const [hot] = await reader.query<MarketRow & { id: string }>("SELECT * FROM markets WHERE question_title LIKE '%(hot)' ORDER BY id LIMIT 1");
      if (hot === undefined) throw new Error('no hot market was seeded');
      market = hot;
      marketId = Number(hot.id);
    } finally {
      await reader.release();
    }
    expect(Number(market.row_count)).toBeGreaterThan(BETS / 4);
    const seeds: Seeds = {
      initialProbability: market.initial_probability,
      initialSubsidization: Number(market.initial_subsidization),
      initialYes: Number(market.initial_yes),
      initialNo: Number(market.initial_no),
    };
    const totals: MarketTotals = {
      yes: Number(market.yes_total),
      no: Number(market.no_total),
      volume: Number(market.volume),
      dust: Number(market.dust_total),
      rowCount: Number(market.row_count),
      traderCount: Number(market.trader_count),
      lastPlacedAt: market.last_placed_at === null ? null : Number(market.last_placed_at),
    };

    const bet = await fetch(`${api.baseUrl}/v0/bet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ marketId, amount: 7, outcome: 'YES' }),
    });
    expect(bet.status, await bet.clone().text()).toBe(201);
    const placedAt = Date.parse(((await bet.json()) as { result: { placedAt: string } }).result.placedAt);
    const expected = probabilityFromTotals(seeds, totalsAfter(totals, { outcome: 'YES', amount: 7, placedAt }, false));
    const details = await fetch(`${api.baseUrl}/v0/markets/${marketId}`);
    expect(details.status).toBe(200);
    expect(JSON.stringify(await details.json())).toContain(`"lastProbability":${JSON.stringify(expected)}`);
  });
});
