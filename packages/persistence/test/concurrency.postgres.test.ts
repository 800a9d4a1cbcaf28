// DB-6 under load on real PostgreSQL: 40 users trade on 3 markets from 16 concurrent connections through the domain's
// use cases (place bet, sell) while two markets are resolved (YES, then N/A) mid-run. Afterwards the integrity query
// passes, the stored state equals a sequential replay of the committed rows through the domain math, no sale exceeded
// the sellable position at its point in history, and only N/A debits took a balance below the debt limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buyCost,
  checkAppend,
  HOUSE,
  planSale,
  poolAccount,
  resolvePayouts,
  sellablePosition,
  type BetRow,
  type MarketRecord,
  type MarketTotals,
} from '@socialpredict/domain';
import type { Database } from '../src/drizzle/database.factory.ts';
import { checkLedgerIntegrity } from '../src/drizzle/ledger-integrity.query.ts';
import { DrizzleUnitOfWork, drizzleRepositories } from '../src/drizzle/unit-of-work.drizzle.ts';
import { ECONOMICS, moneyUseCases, seedUser, type MoneyPorts } from './support/money-use-cases.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.harness.ts';

const USERS = 40;
const CONNECTIONS = 16;
const TRADES = 2_000;
// Small enough that traders run into the debt limit before the run ends.
const GRANT = 200;
const { maximumDebtAllowed } = ECONOMICS.user;
const fees = ECONOMICS.betting.betFees;
const saleConfig = { maxDustPerSale: ECONOMICS.betting.maxDustPerSale, sellSharesFee: fees.sellSharesFee };
const { createMarketCost } = ECONOMICS.marketincentives;

/** mulberry32: a small seeded generator, so a failing run can be repeated. */
function random(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
  };
}

const usernames = Array.from({ length: USERS }, (_, i) => `trader${String(i).padStart(2, '0')}`);

interface Replay {
  balances: Map<string, number>;
  house: number;
  pools: Map<number, number>;
  totals: Map<number, MarketTotals>;
  /** users an N/A resolution debited (the only way below the debt limit) */
  forcedDebit: Set<string>;
  sales: number;
}

/** Replays the committed rows of every market, one after the other, through the domain math. */
function replay(markets: readonly MarketRecord[], rowsByMarket: ReadonlyMap<number, readonly BetRow[]>): Replay {
  const balances = new Map(usernames.map((name) => [name, GRANT]));
  const credit = (username: string, amount: number) => balances.set(username, (balances.get(username) ?? 0) + amount);
  const result: Replay = { balances, house: 0, pools: new Map(), totals: new Map(), forcedDebit: new Set(), sales: 0 };
  for (const market of markets) {
    credit(market.creatorUsername, -createMarketCost);
    result.house += createMarketCost;
    const history: BetRow[] = [];
    const traded = new Set<string>();
    let totals: MarketTotals = { yes: 0, no: 0, volume: 0, dust: 0, rowCount: 0, traderCount: 0, lastPlacedAt: null };
    for (const row of rowsByMarket.get(market.id) ?? []) {
      if (row.amount > 0) {
        checkAppend(history, market.seeds, row);
        const cost = buyCost(traded.has(row.username), row.amount, fees);
        credit(row.username, -cost.totalCost);
        result.house += cost.initialFee + cost.transactionFee;
      } else {
        const sellable = sellablePosition(history, market.seeds, row.username, row.outcome);
        expect(row.shares ?? 0).toBeLessThanOrEqual(sellable.shares);
        expect(-row.amount).toBeLessThanOrEqual(sellable.value);
        // The request that produced the row: its sale value plus the withheld dust.
        const plan = planSale(history, market.seeds, row.username, row.outcome, -row.amount + (row.dust ?? 0), saleConfig);
        expect(plan.row).toEqual({ username: row.username, outcome: row.outcome, amount: row.amount, shares: row.shares, dust: row.dust });
        credit(row.username, plan.toUser);
        result.house += plan.toHouse;
        result.sales += 1;
      }
      const firstRowOfTrader = !traded.has(row.username);
      traded.add(row.username);
      history.push(row);
      const { yes, no, volume, dust, rowCount, traderCount } = totals;
      totals = {
        yes: yes + (row.outcome === 'YES' ? row.amount : 0),
        no: no + (row.outcome === 'NO' ? row.amount : 0),
        volume: volume + row.amount,
        dust: dust + (row.dust ?? 0),
        rowCount: rowCount + 1,
        traderCount: traderCount + (firstRowOfTrader ? 1 : 0),
        lastPlacedAt: row.placedAt,
      };
    }
    result.totals.set(market.id, totals);
    result.pools.set(market.id, totals.volume);
    if (market.resolutionResult !== null) {
      const settlement = resolvePayouts(history, market.seeds, market.resolutionResult, fees, market.stewardUsername);
      for (const payment of settlement.credits) {
        credit(payment.username, payment.amount);
        if (payment.amount < 0) result.forcedDebit.add(payment.username);
      }
      result.house += settlement.poolToHouse - (settlement.workProfit?.amount ?? 0);
      if (settlement.workProfit !== null) credit(settlement.workProfit.username, settlement.workProfit.amount);
      result.pools.set(market.id, 0);
    }
  }
  return result;
}

describe('concurrent trading on PostgreSQL', () => {
  let target: TestDatabase;
  let database: Database;
  let ports: MoneyPorts;

  beforeAll(async () => {
    target = await createTestDatabase();
    database = await target.open({ poolMax: CONNECTIONS, lockTimeoutMs: 10_000 });
    ports = { ...drizzleRepositories(database), unitOfWork: new DrizzleUnitOfWork(database) };
  });
  afterAll(() => target.drop());

  it(`${TRADES}+ buys and sales from ${CONNECTIONS} connections, two resolutions mid-run: books equal a sequential replay`, async () => {
    const clock = { now: () => Date.now() };
    const useCases = moneyUseCases(ports, clock);
    for (const name of usernames) await seedUser(ports, name, GRANT, clock.now());
    const markets: MarketRecord[] = [];
    for (const creator of usernames.slice(0, 3)) {
      const created = await useCases.createMarket({ username: creator, questionTitle: `Market of ${creator}`, description: '', resolutionDateTime: clock.now() + 86_400_000 });
      markets.push(created._unsafeUnwrap());
    }
    const [yesMarket, naMarket] = markets as [MarketRecord, MarketRecord, MarketRecord];

    const tally = new Map<string, number>();
    const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);
    let committed = 0;
    const resolutions: PromiseLike<void>[] = [];
    const resolveAt = (market: MarketRecord, resolution: 'YES' | 'N/A') =>
      resolutions.push(
        useCases.resolveMarket({ actor: { kind: 'user', username: market.stewardUsername, role: 'REGULAR' }, marketId: market.id, resolution }).then((result) => {
          count(result.isOk() ? `resolve ${resolution}` : `resolve failed ${result.error.code}`);
        }),
      );

    const worker = async (seed: number) => {
      const pick = random(seed);
      // Like a client, a worker stops trading on a market once it has been told the market is closed.
      const open = [...markets];
      while (committed < TRADES) {
        const username = usernames[pick(USERS)]!;
        const market = open[pick(open.length)]!;
        const outcome = pick(2) === 0 ? 'YES' : 'NO';
        const buying = pick(100) < 65;
        const result = buying
          ? await useCases.placeBet({ username, marketId: market.id, outcome, amount: 1 + pick(40) })
          : await useCases.sell({ username, marketId: market.id, outcome, amount: 1 + pick(30) });
        if (result.isErr()) {
          count(`${buying ? 'buy' : 'sell'} ${result.error.code}`);
          if (result.error.code === 'MARKET_CLOSED') open.splice(open.indexOf(market), 1);
          continue;
        }
        count(buying ? 'buy ok' : 'sell ok');
        committed += 1;
        // The resolutions run while the other connections keep trading.
        if (committed === 600) resolveAt(yesMarket, 'YES');
        if (committed === 1_300) resolveAt(naMarket, 'N/A');
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => worker(1_000 + i)));
    await Promise.all(resolutions);
    const elapsedMs = performance.now() - started;
    console.log(`${committed} trades in ${Math.round(elapsedMs)} ms`, Object.fromEntries([...tally].sort()));

    expect([...tally.keys()].filter((key) => key.includes('INFRASTRUCTURE_ERROR') || key.startsWith('resolve failed'))).toEqual([]);
    expect(tally.get('resolve YES')).toBe(1);
    expect(tally.get('resolve N/A')).toBe(1);

    // 1. The integrity query: balanced books, pools, cached balances and totals, debt rule on voluntary debits.
    const report = (await checkLedgerIntegrity(database, { maximumDebtAllowed }))._unsafeUnwrap();
    expect(report.findings).toEqual([]);
    expect(report.counts.bets).toBeGreaterThanOrEqual(TRADES);

    // 2. A sequential replay of the committed rows through the domain math gives the stored state.
    const stored = (await ports.markets.findByIds(markets.map((m) => m.id)))._unsafeUnwrap();
    const rows = (await ports.bets.listByMarkets(stored.map((m) => m.id)))._unsafeUnwrap();
    const expected = replay(stored, rows);
    expect(expected.sales).toBe(tally.get('sell ok'));
    const balances = (await ports.ledger.userBalances())._unsafeUnwrap();
    expect(new Map(balances.map((b) => [b.username, b.balance]))).toEqual(expected.balances);
    expect((await ports.ledger.balanceOf(HOUSE))._unsafeUnwrap()).toBe(expected.house);
    for (const market of stored) {
      expect(market.totals).toEqual(expected.totals.get(market.id));
      expect((await ports.ledger.balanceOf(poolAccount(market.id)))._unsafeUnwrap()).toBe(expected.pools.get(market.id));
      // Nothing was appended to a market after its resolution.
      if (market.finalResolutionDateTime !== null) {
        expect(market.totals.lastPlacedAt ?? 0).toBeLessThanOrEqual(market.finalResolutionDateTime);
      }
    }

    // 3. Only an N/A debit may leave a balance below −maximumDebtAllowed.
    for (const { username, balance } of balances) {
      if (!expected.forcedDebit.has(username)) expect(balance).toBeGreaterThanOrEqual(-maximumDebtAllowed);
    }
  }, 60_000);
});
