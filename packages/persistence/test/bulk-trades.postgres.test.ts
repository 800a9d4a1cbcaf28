// The fixture loader's bulk writer on PostgreSQL (docs/performance.md#fixture-loader): any sequence of trades decided
// with the bet's own pure steps, split into any batches, leaves books the integrity check finds sound — no credit
// created or destroyed, no balance past the debt limit, totals equal to the rows — with the balances and totals a
// replay of the decisions predicts. A batch whose market moved meanwhile writes nothing at all.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { betPostings, buyCost, guardAppend, nextPlacedAt, totalsAfter, type MarketRecord, type MarketTotals, type TradeAppend } from '@socialpredict/domain';
import { appendTradesInBulk, readBalances } from '../src/drizzle/bulk-trades.ts';
import type { Database } from '../src/drizzle/database.factory.ts';
import { checkLedgerIntegrity } from '../src/drizzle/ledger-integrity.query.ts';
import { DrizzleUnitOfWork, drizzleRepositories } from '../src/drizzle/unit-of-work.drizzle.ts';
import { ECONOMICS, moneyUseCases, seedMarket, seedUser, type MoneyPorts } from './support/money-use-cases.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.harness.ts';

const clock = { now: () => Date.now() };
const fees = ECONOMICS.betting.betFees;
const { maximumDebtAllowed } = ECONOMICS.user;

interface Wanted {
  trader: number;
  yes: boolean;
  amount: number;
}

/** placeBet's decision for each wanted trade, in order; trades the domain would refuse are left out. */
function decide(market: MarketRecord, traders: readonly string[], balances: Map<string, number>, wanted: readonly Wanted[]): TradeAppend[] {
  let totals: MarketTotals = market.totals;
  const traded = new Set<string>();
  const trades: TradeAppend[] = [];
  for (const { trader, yes, amount } of wanted) {
    const username = traders[trader % traders.length] ?? '';
    const outcome = yes ? 'YES' : 'NO';
    const cost = buyCost(traded.has(username), amount, fees);
    const balance = balances.get(username) ?? 0;
    if (balance - cost.totalCost < -maximumDebtAllowed || guardAppend(market.seeds, totals, { outcome, amount }).isErr()) continue;
    const now = clock.now();
    const row = { marketId: market.id, username, outcome, amount, shares: null, dust: null, placedAt: nextPlacedAt(totals, now) } as const;
    totals = totalsAfter(totals, row, !traded.has(username));
    trades.push({ row, entries: betPostings(market.id, username, cost), totals, at: now });
    balances.set(username, balance - cost.totalCost);
    traded.add(username);
  }
  return trades;
}

describe('bulk trades on PostgreSQL', () => {
  let target: TestDatabase;
  let database: Database;
  let ports: MoneyPorts;
  let run = 0;

  beforeAll(async () => {
    target = await createTestDatabase();
    database = await target.open({ poolMax: 4 });
    ports = { ...drizzleRepositories(database), unitOfWork: new DrizzleUnitOfWork(database) };
  });
  afterAll(() => target.drop());

  /** Fresh traders (the first creates the market) with small balances, so the debt rule comes into play. */
  const setUp = async (balance: number) => {
    run += 1;
    const traders = ['ann', 'bob', 'cid', 'dot'].map((name) => `${name}${run}`);
    for (const [index, name] of traders.entries()) await seedUser(ports, name, index === 0 ? 1_000 : balance, clock.now());
    const market = await seedMarket(moneyUseCases(ports, clock), traders[0] ?? '', clock.now());
    return { traders, market, balances: await readBalances(database, traders) };
  };

  it('keeps the books sound for any trades in any batches', { timeout: 120_000 }, async () => {
    const wanted = fc.array(fc.record({ trader: fc.nat(3), yes: fc.boolean(), amount: fc.integer({ min: 1, max: 400 }) }), { minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(wanted, fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 200 }), async (trades, batchSize, balance) => {
        const { traders, market, balances } = await setUp(balance);
        const decided = decide(market, traders, new Map(balances), trades);
        for (let start = 0; start < decided.length; start += batchSize) await appendTradesInBulk(database, decided.slice(start, start + batchSize));

        const report = await checkLedgerIntegrity(database, { maximumDebtAllowed });
        expect(report._unsafeUnwrap().findings).toEqual([]);
        const expected = new Map(balances);
        for (const trade of decided) {
          const spent = trade.entries.reduce((sum, entry) => sum + entry.amount, 0);
          expected.set(trade.row.username, (expected.get(trade.row.username) ?? 0) - spent);
        }
        expect(await readBalances(database, traders)).toEqual(expected);
        const stored = (await ports.markets.findById(market.id))._unsafeUnwrap();
        expect(stored?.totals).toEqual(decided.at(-1)?.totals ?? market.totals);
      }),
      { numRuns: 8 },
    );
  });

  it('writes nothing of a batch whose market moved after the trades were decided', async () => {
    const { traders, market, balances } = await setUp(100);
    const [first] = decide(market, traders, new Map(balances), [{ trader: 1, yes: true, amount: 5 }]);
    if (first === undefined) throw new Error('the trade is allowed');
    await appendTradesInBulk(database, [first]);
    // decided on the market as it was before `first`: its row count is stale now
    const stale = decide(market, traders, new Map(balances), [{ trader: 2, yes: false, amount: 5 }]);
    await expect(appendTradesInBulk(database, stale)).rejects.toThrow(/market changed/);
    const spent = first.entries.reduce((sum, entry) => sum + entry.amount, 0);
    expect(await readBalances(database, traders)).toEqual(new Map([...balances, [first.row.username, (balances.get(first.row.username) ?? 0) - spent]]));
    expect((await ports.markets.findById(market.id))._unsafeUnwrap()?.totals.rowCount).toBe(1);
    expect((await checkLedgerIntegrity(database, { maximumDebtAllowed }))._unsafeUnwrap().findings).toEqual([]);
  });
});
