// Money transactions on real PostgreSQL with concurrent connections: DB-6 serialisation, ERR-4 lock timeout, deadlock
// and connection failures, each through the domain's use cases or the unit of work.
import { ResultAsync } from 'neverthrow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sellablePosition, type MarketRecord } from '@socialpredict/domain';
import type { Database } from '../src/drizzle/database.factory.ts';
import { openDatabase } from '../src/drizzle/database.factory.ts';
import { DrizzleUnitOfWork, drizzleRepositories } from '../src/drizzle/unit-of-work.drizzle.ts';
import { checkLedgerIntegrity } from '../src/drizzle/ledger-integrity.query.ts';
import { ManualClock } from '@socialpredict/adapters/fakes';
import { emptyTables } from './support/contract.targets.ts';
import { testDatabaseSettings } from './support/database.settings.ts';
import { moneyUseCases, seedMarket, seedUser, type MoneyPorts } from './support/money-use-cases.ts';
import { createTestDatabase, itOnFullServer, type TestDatabase } from './support/postgres.harness.ts';

const T0 = Date.UTC(2026, 0, 1);

describe('money transactions on PostgreSQL', () => {
  let target: TestDatabase;
  let database: Database;
  let ports: MoneyPorts;
  let clock: ManualClock;
  let useCases: ReturnType<typeof moneyUseCases>;

  beforeAll(async () => {
    target = await createTestDatabase();
    database = await target.open({ poolMax: 8, lockTimeoutMs: 5_000 });
  });
  afterAll(() => target.drop());
  beforeEach(async () => {
    await emptyTables(database);
    ports = { ...drizzleRepositories(database), unitOfWork: new DrizzleUnitOfWork(database) };
    clock = new ManualClock(T0, 1);
    useCases = moneyUseCases(ports, clock);
  });

  const expectBooksSound = async () => {
    const report = (await checkLedgerIntegrity(database, { maximumDebtAllowed: 500 }))._unsafeUnwrap();
    expect(report.findings).toEqual([]);
  };

  it('two concurrent bets that together exceed the debt limit: exactly one commits (same market, then two markets)', async () => {
    await seedUser(ports, 'maker', 100, T0);
    const first = await seedMarket(useCases, 'maker', T0);
    const second = await seedMarket(useCases, 'maker', T0);
    for (const [username, markets] of [['bob', [first, first]], ['carol', [first, second]]] as const) {
      await seedUser(ports, username, 0, T0);
      // Each bet costs 300 (+1 first-bet fee); both together would leave −602 < −500.
      const results = await Promise.all(markets.map((market) => useCases.placeBet({ username, marketId: market.id, outcome: 'YES', amount: 300 })));
      expect(results.filter((result) => result.isOk())).toHaveLength(1);
      expect(results.find((result) => result.isErr())?._unsafeUnwrapErr().code).toBe('INSUFFICIENT_BALANCE');
      expect((await ports.users.findByUsername(username))._unsafeUnwrap()?.accountBalance).toBe(-301);
    }
    await expectBooksSound();
  });

  it('a bet racing the resolution: never both a committed bet and a settlement that ignores it', async () => {
    await seedUser(ports, 'maker', 1_000, T0);
    await seedUser(ports, 'alice', 1_000, T0);
    const markets: MarketRecord[] = [];
    for (let i = 0; i < 12; i += 1) markets.push(await seedMarket(useCases, 'maker', T0));
    const outcomes = await Promise.all(
      markets.map(async (market, index) => {
        const bet = useCases.placeBet({ username: 'alice', marketId: market.id, outcome: 'YES', amount: 7 });
        const resolve = useCases.resolveMarket({ actor: { kind: 'user', username: 'maker', role: 'REGULAR' }, marketId: market.id, resolution: index % 2 === 0 ? 'YES' : 'N/A' });
        return { bet: await bet, resolve: await resolve };
      }),
    );
    for (const { bet, resolve } of outcomes) {
      const settlement = resolve._unsafeUnwrap().settlement;
      if (bet.isOk()) expect(settlement.volume).toBe(7);
      else {
        expect(bet.error.code).toBe('MARKET_CLOSED');
        expect(settlement.volume).toBe(0);
      }
    }
    await expectBooksSound();
  });

  it('two concurrent sales of the same lot: the second sees the lot consumed', async () => {
    for (const name of ['alice', 'bob', 'carol', 'dave']) await seedUser(ports, name, 100, T0);
    const market = await seedMarket(useCases, 'dave', T0);
    for (const [username, outcome, amount] of [['alice', 'NO', 10], ['bob', 'NO', 30], ['carol', 'YES', 10]] as const) {
      (await useCases.placeBet({ username, marketId: market.id, outcome, amount }))._unsafeUnwrap();
    }
    const rows = (await ports.bets.listByMarket(market.id))._unsafeUnwrap();
    const sellable = sellablePosition(rows, market.seeds, 'alice', 'NO');
    expect(sellable.value).toBeGreaterThan(0);
    const sales = await Promise.all([0, 1].map(() => useCases.sell({ username: 'alice', marketId: market.id, outcome: 'NO', amount: sellable.value })));
    expect(sales.filter((sale) => sale.isOk())).toHaveLength(1);
    expect(['NO_POSITION', 'NO_SELLABLE_SHARES']).toContain(sales.find((sale) => sale.isErr())?._unsafeUnwrapErr().code);
    const saleRows = (await ports.bets.listByMarket(market.id))._unsafeUnwrap().filter((row) => row.amount < 0);
    expect(saleRows.reduce((sum, row) => sum + (row.shares ?? 0), 0)).toBeLessThanOrEqual(sellable.shares);
    await expectBooksSound();
  });

  itOnFullServer('ERR-4: a bet waiting on a held market row ends with LOCK_TIMEOUT and commits nothing', 'row-lock waits (the embedded server runs one transaction at a time)', async () => {
    await seedUser(ports, 'maker', 100, T0);
    await seedUser(ports, 'alice', 100, T0);
    const market = await seedMarket(useCases, 'maker', T0);
    const impatient = await target.open({ lockTimeoutMs: 200 });
    const impatientUseCases = moneyUseCases({ ...drizzleRepositories(impatient), unitOfWork: new DrizzleUnitOfWork(impatient) }, clock);
    const holder = await database.reserve();
    try {
      await holder.script('BEGIN');
      await holder.query('SELECT id FROM markets WHERE id = $1 FOR UPDATE', [market.id]);
      const started = Date.now();
      const result = await impatientUseCases.placeBet({ username: 'alice', marketId: market.id, outcome: 'YES', amount: 5 });
      expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'INFRASTRUCTURE_ERROR', kind: 'LOCK_TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await holder.script('ROLLBACK');
      await holder.release();
      await impatient.close();
    }
    expect((await ports.users.findByUsername('alice'))._unsafeUnwrap()?.accountBalance).toBe(100);
    expect((await ports.bets.listByMarket(market.id))._unsafeUnwrap()).toEqual([]);
    await expectBooksSound();
  });

  itOnFullServer('ERR-4: a deadlock between two units of work rolls one back with DEADLOCK', 'row-lock waits (the embedded server runs one transaction at a time)', async () => {
    await seedUser(ports, 'maker', 100, T0);
    const [a, b] = [await seedMarket(useCases, 'maker', T0), await seedMarket(useCases, 'maker', T0)];
    // Both transactions hold their first lock before either asks for its second: a lock cycle PostgreSQL must break.
    let arrived = 0;
    let release = () => {};
    const bothHolding = new Promise<void>((resolve) => {
      release = resolve;
    });
    const arrive = () => {
      arrived += 1;
      if (arrived === 2) release();
      return bothHolding;
    };
    const lockBoth = (first: number, second: number) =>
      ports.unitOfWork.run((tx) =>
        tx
          .lockMarket(first)
          .andThen(() => ResultAsync.fromSafePromise(arrive()))
          .andThen(() => tx.lockMarket(second)),
      );
    const results = await Promise.all([lockBoth(a.id, b.id), lockBoth(b.id, a.id)]);
    expect(results.filter((result) => result.isOk())).toHaveLength(1);
    expect(results.find((result) => result.isErr())?._unsafeUnwrapErr()).toMatchObject({ kind: 'DEADLOCK' });
  });

  it('ERR-4: an unreachable server is UNAVAILABLE', async () => {
    const closedPort = await openDatabase(
      testDatabaseSettings('postgres://postgres@127.0.0.1:1/postgres', { connectTimeoutSeconds: 2 }),
    );
    try {
      const result = await drizzleRepositories(closedPort).users.count();
      expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'INFRASTRUCTURE_ERROR', kind: 'UNAVAILABLE' });
      expect((await closedPort.ping())._unsafeUnwrapErr()).toMatchObject({ kind: 'UNAVAILABLE' });
      expect((await database.ping()).isOk()).toBe(true);
    } finally {
      await closedPort.close();
    }
  });

  it('DB-10: the readiness ping answers while every pool connection is taken', async () => {
    const held = await Promise.all(Array.from({ length: 8 }, () => database.reserve()));
    try {
      const pooled = database.ping();
      await expect(database.readinessPing(AbortSignal.timeout(5000))).resolves.toBeUndefined();
      await held[0]?.release();
      expect((await pooled).isOk()).toBe(true);
    } finally {
      await Promise.all(held.slice(1).map((session) => session.release()));
    }
  });
});
