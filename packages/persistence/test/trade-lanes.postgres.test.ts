// Group commit of trades on PostgreSQL (issue 3): concurrent trades on one market share transactions, yet each one
// is decided on the state every earlier one left, a refused trade leaves its group alone, and a group whose
// transaction fails commits nothing of any of its trades. A group's rows go out in one statement, its audit rows in
// one more, and the COMMIT with them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { poolAccount, type MarketRecord, type UnitOfWork } from '@socialpredict/domain';
import type { Database } from '../src/drizzle/database.factory.ts';
import type { TransactionRunner } from '../src/drizzle/transaction-runner.ts';
import { checkLedgerIntegrity } from '../src/drizzle/ledger-integrity.query.ts';
import { DrizzleUnitOfWork, drizzleRepositories } from '../src/drizzle/unit-of-work.drizzle.ts';
import { ECONOMICS, failingAppends, moneyUseCases, seedMarket, seedUser, type MoneyPorts } from './support/money-use-cases.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.harness.ts';

const clock = { now: () => Date.now() };
const fees = ECONOMICS.betting.betFees;
const NAMES = ['amy', 'ben', 'cal', 'dee', 'eve', 'fay', 'gus', 'hal'];

describe('group commit of trades on PostgreSQL', () => {
  let target: TestDatabase;
  let database: Database;
  let groups: number[];
  let ports: MoneyPorts;
  let market: MarketRecord;
  /** fresh names per test; the first one creates the market */
  let traders: string[];

  beforeAll(async () => {
    target = await createTestDatabase();
    database = await target.open({ poolMax: 8 });
  });
  afterAll(() => target.drop());

  beforeEach(async () => {
    ports = { ...drizzleRepositories(database), unitOfWork: new DrizzleUnitOfWork(database, (size) => groups.push(size)) };
    const suffix = String(Math.floor(Math.random() * 1e6));
    traders = NAMES.map((name) => `${name}${suffix}`);
    for (const [index, name] of traders.entries()) await seedUser(ports, name, index === 0 ? 1_000 : 30, clock.now());
    market = await seedMarket(moneyUseCases(ports, clock), traders[0] ?? 'amy', clock.now());
    groups = [];
  });

  const balanceOf = async (username: string) => (await ports.users.findByUsername(username))._unsafeUnwrap()?.accountBalance;
  const integrity = async () =>
    (await checkLedgerIntegrity(database, { maximumDebtAllowed: ECONOMICS.user.maximumDebtAllowed }))._unsafeUnwrap().findings;

  it('groups concurrent bets on one market, and every bet is decided on the state the earlier ones left', async () => {
    const useCases = moneyUseCases(ports, clock);
    // Each trader's stake takes most of a 30-credit grant plus the debt limit, so each trader's second bet must be
    // refused; the market's totals only come out right if every bet of a group saw the ones before it.
    const stake = 30 + ECONOMICS.user.maximumDebtAllowed - 10;
    const bets = traders.slice(1).flatMap((username) => [0, 1].map(() => ({ username, marketId: market.id, outcome: 'YES' as const, amount: stake })));
    const results = await Promise.all(bets.map((bet) => useCases.placeBet(bet)));

    expect(groups.some((size) => size > 1)).toBe(true);
    const refused = results.filter((result) => result.isErr()).map((result) => result._unsafeUnwrapErr().code);
    expect(refused).toEqual(Array.from({ length: traders.length - 1 }, () => 'INSUFFICIENT_BALANCE'));
    const rows = (await ports.bets.listByMarket(market.id))._unsafeUnwrap();
    expect(rows).toHaveLength(traders.length - 1);
    expect(new Set(rows.map((row) => row.username)).size).toBe(traders.length - 1);
    const stored = (await ports.markets.findById(market.id))._unsafeUnwrap();
    expect(stored?.totals).toMatchObject({ yes: stake * (traders.length - 1), rowCount: traders.length - 1 });
    // Placement times never go backwards, though the group decided them in memory.
    const placed = rows.map((row) => row.placedAt);
    expect(placed).toEqual(placed.toSorted((a, b) => a - b));
    expect(await integrity()).toEqual([]);
  });

  it('a trade refused inside a group leaves the other trades of the group committed', async () => {
    const useCases = moneyUseCases(ports, clock);
    const [, first, broke, third, fourth] = traders as [string, string, string, string, string];
    const results = await Promise.all(
      [first, broke, third, fourth].map((username) =>
        useCases.placeBet({ username, marketId: market.id, outcome: 'NO', amount: username === broke ? 10_000 : 5 }),
      ),
    );
    expect(groups.some((size) => size > 1)).toBe(true);
    expect(results.map((result) => (result.isOk() ? 'ok' : result.error.code))).toEqual(['ok', 'INSUFFICIENT_BALANCE', 'ok', 'ok']);
    const rows = (await ports.bets.listByMarket(market.id))._unsafeUnwrap();
    expect(rows.map((row) => row.username).sort()).toEqual([first, third, fourth].sort());
    expect(await balanceOf(broke)).toBe(30);
    expect(await integrity()).toEqual([]);
  });

  it('a group whose transaction fails commits nothing of any of its trades, and each one fails', async () => {
    const [, first, second, third] = traders as [string, string, string, string];
    // The second trader's append names an account without a user row: its statement fails.
    const ghostly = failingAppends(ports.unitOfWork, (username) => username === second);
    const useCases = moneyUseCases({ ...ports, unitOfWork: ghostly }, clock);
    const before = await Promise.all([first, second, third].map(balanceOf));
    const results = await Promise.all(
      [first, second, third].map((username) => useCases.placeBet({ username, marketId: market.id, outcome: 'YES', amount: 4 })),
    );

    expect(groups.some((size) => size > 1)).toBe(true);
    // The first bet starts a group of its own; the other two queue behind it and share the next one.
    expect(results.map((result) => (result.isOk() ? 'ok' : result.error.code))).toEqual(['ok', 'INFRASTRUCTURE_ERROR', 'INFRASTRUCTURE_ERROR']);
    const rows = (await ports.bets.listByMarket(market.id))._unsafeUnwrap();
    expect(rows.map((row) => row.username)).toEqual([first]);
    expect(await Promise.all([first, second, third].map(balanceOf))).toEqual([(before[0] ?? 0) - 4 - fees.initialBetFee - fees.buySharesFee, before[1], before[2]]);
    expect((await ports.ledger.balanceOf(poolAccount(market.id)))._unsafeUnwrap()).toBe(rows.reduce((sum, row) => sum + row.amount, 0));
    expect(await integrity()).toEqual([]);
  });

  it('a group writes its rows, entries, balances and totals in one statement, and its audit rows and COMMIT go right behind it', async () => {
    const sent: string[][] = [];
    // The real runner, with each transaction's statements recorded, each with how many earlier ones had answered.
    const recording: TransactionRunner = (work) =>
      database.transaction((tx) => {
        const texts: string[] = [];
        let answered = 0;
        sent.push(texts);
        const record = (text: string) => texts.push(`${text.trimStart().split(/\s+/, 3).join(' ')} after ${String(answered)}`);
        return work({
          ...tx,
          statements: {
            query: (text, params) => {
              record(text);
              return tx.statements.query(text, params).finally(() => (answered += 1));
            },
            commit: () => (record('COMMIT'), tx.statements.commit()),
          },
        });
      });
    const unitOfWork = new DrizzleUnitOfWork({ transaction: recording, scope: database.scope }, (size) => groups.push(size));
    const useCases = moneyUseCases({ ...ports, unitOfWork }, clock);
    const bettors = traders.slice(1, 6);
    const audited = (username: string) => () => ({
      audit: { at: clock.now(), actor: username, action: 'placeBet', target: String(market.id), requestId: `req-${username}`, outcome: 'ok', inputs: { amount: 3 } },
    });
    const results = await Promise.all(
      bettors.map((username) => useCases.placeBet({ username, marketId: market.id, outcome: 'YES', amount: 3 }, audited(username))),
    );

    expect(results.every((result) => result.isOk())).toBe(true);
    // The first bet runs alone; the four queued behind it share the next group.
    expect(groups).toEqual([1, 4]);
    // Two round trips: the locks and the drawn ids, then rows, audit rows and COMMIT, none waiting for the one before.
    for (const texts of sent) {
      expect(texts).toEqual([
        'SELECT * FROM after 0',
        'SELECT users.*, EXISTS after 0',
        "SELECT nextval('bets_id_seq') AS after 0",
        'WITH inserted AS after 3',
        'INSERT INTO audit_log after 3',
        'COMMIT after 3',
      ]);
    }
    // The rows as stored, ids drawn under the market lock included, are the rows the trades answered with.
    const stored = results.map((result) => result._unsafeUnwrap().bet);
    const rows = (await ports.bets.listByMarket(market.id))._unsafeUnwrap();
    expect(rows).toEqual(stored);
    expect(rows.map((row) => row.id)).toEqual(rows.map((row) => row.id).toSorted((a, b) => a - b));
    const trail = (await ports.audit.list({ action: 'placeBet', target: String(market.id), limit: 10, offset: 0 }))._unsafeUnwrap();
    expect(trail.map((entry) => [entry.actor, entry.requestId, entry.inputs]).toReversed()).toEqual(
      bettors.map((username) => [username, `req-${username}`, { amount: 3 }]),
    );
    const updated = (await ports.markets.findById(market.id))._unsafeUnwrap();
    expect(updated?.totals).toMatchObject({ rowCount: bettors.length, yes: 3 * bettors.length, traderCount: bettors.length });
    expect(await integrity()).toEqual([]);
  });

  it('a trade whose commit hook throws fails alone, and nothing of it is written', async () => {
    const useCases = moneyUseCases(ports, clock);
    const [, first, faulty, third] = traders as [string, string, string, string];
    const before = await balanceOf(faulty);
    const results = await Promise.all(
      [first, faulty, third].map((username) =>
        useCases.placeBet({ username, marketId: market.id, outcome: 'YES', amount: 2 }, () => {
          if (username === faulty) throw new Error('the hook failed');
          return {};
        }),
      ),
    );
    expect(groups).toEqual([1, 2]);
    expect(results.map((result) => (result.isOk() ? 'ok' : result.error.code))).toEqual(['ok', 'INFRASTRUCTURE_ERROR', 'ok']);
    const rows = (await ports.bets.listByMarket(market.id))._unsafeUnwrap();
    expect(rows.map((row) => row.username)).toEqual([first, third]);
    expect(await balanceOf(faulty)).toBe(before);
    expect(await integrity()).toEqual([]);
  });

  it('a trade that appends a row of another market fails alone, and nothing of it is written', async () => {
    const [, first, astray, third] = traders as [string, string, string, string];
    const misdirected: UnitOfWork = {
      run: (work) => ports.unitOfWork.run(work),
      trade: (marketId, username, work) =>
        ports.unitOfWork.trade(marketId, username, (locked, tx) =>
          work(locked, {
            appendTrade: (trade, commit) =>
              tx.appendTrade(username === astray ? { ...trade, row: { ...trade.row, marketId: marketId + 1 } } : trade, commit),
          }),
        ),
    };
    const useCases = moneyUseCases({ ...ports, unitOfWork: misdirected }, clock);
    const before = await balanceOf(astray);
    const results = await Promise.all(
      [first, astray, third].map((username) => useCases.placeBet({ username, marketId: market.id, outcome: 'NO', amount: 3 })),
    );
    expect(results.map((result) => (result.isOk() ? 'ok' : result.error.code))).toEqual(['ok', 'INFRASTRUCTURE_ERROR', 'ok']);
    expect((await ports.bets.listByMarket(market.id))._unsafeUnwrap().map((row) => row.username)).toEqual([first, third]);
    expect((await ports.bets.listByMarket(market.id + 1))._unsafeUnwrap()).toEqual([]);
    expect(await balanceOf(astray)).toBe(before);
    expect(await integrity()).toEqual([]);
  });
});
