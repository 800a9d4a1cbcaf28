// Integer money in bigint columns is mapped to safe integers, checked in both directions (docs/market-model.md#integers), and the
// schema's list of ledger entry kinds is exactly the domain's (docs/market-model.md#ledger).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_KINDS, MINT, userAccount } from '@socialpredict/domain';
import { openDatabase, type Database } from '../src/drizzle/database.factory.ts';
import { migrate } from '../src/drizzle/migrations.migrator.ts';
import { LEDGER_ENTRY_KINDS, toSafeInteger, UnsafeIntegerError } from '../src/drizzle/schema.ts';
import { drizzleRepositories, DrizzleUnitOfWork } from '../src/drizzle/unit-of-work.drizzle.ts';
import { testDatabaseSettings } from './support/database.settings.ts';
import { newUser } from './support/money-use-cases.ts';

describe('toSafeInteger', () => {
  it.each([
    ['42', 42],
    ['-9007199254740991', -Number.MAX_SAFE_INTEGER],
    [7n, 7],
    [12, 12],
  ] as const)('accepts %s', (value, expected) => {
    expect(toSafeInteger(value)).toBe(expected);
  });

  it.each(['9007199254740992', '9007199254740993', '1.5', 'abc', 2 ** 53, 2n ** 60n])('refuses %s', (value) => {
    expect(() => toSafeInteger(value)).toThrow(UnsafeIntegerError);
  });

  it('reads every integer text exactly when it is safe and refuses it otherwise, short or long', () => {
    const limit = BigInt(Number.MAX_SAFE_INTEGER);
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }), fc.nat(17), (big, digits) => {
        // Texts of every length around the 15-digit fast path, not only huge ones.
        const value = big % 10n ** BigInt(digits + 1);
        const text = value.toString();
        if (value >= -limit && value <= limit) expect(toSafeInteger(text)).toBe(Number(value));
        else expect(() => toSafeInteger(text)).toThrow(UnsafeIntegerError);
      }),
    );
  });
});

describe('entry kinds', () => {
  it('the schema accepts exactly the kinds of the domain ledger', () => {
    expect([...LEDGER_ENTRY_KINDS]).toEqual([...ENTRY_KINDS]);
  });
});

describe('safe integers through PGlite', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase(testDatabaseSettings(undefined));
    (await migrate(database))._unsafeUnwrap();
    (await new DrizzleUnitOfWork(database).run((tx) => tx.users.insert(newUser('alice', 0))))._unsafeUnwrap();
  });
  afterAll(() => database.close());

  it('round-trips the largest safe balance', async () => {
    const unitOfWork = new DrizzleUnitOfWork(database);
    const entry = { kind: 'ADMIN_GRANT', from: MINT, to: userAccount('alice'), amount: Number.MAX_SAFE_INTEGER } as const;
    (await unitOfWork.run((tx) => tx.ledger.post([entry], { occurredAt: 0, marketId: null })))._unsafeUnwrap();
    const users = drizzleRepositories(database).users;
    expect((await users.findByUsername('alice'))._unsafeUnwrap()?.accountBalance).toBe(Number.MAX_SAFE_INTEGER);
    expect((await drizzleRepositories(database).ledger.balanceOf(MINT))._unsafeUnwrap()).toBe(-Number.MAX_SAFE_INTEGER);
  });

  it('refuses to write an unsafe amount', async () => {
    const unitOfWork = new DrizzleUnitOfWork(database);
    const entry = { kind: 'ADMIN_GRANT', from: MINT, to: userAccount('alice'), amount: 2 ** 53 } as const;
    const result = await unitOfWork.run((tx) => tx.ledger.post([entry], { occurredAt: 0, marketId: null }));
    expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'UNEXPECTED' });
  });

  it('refuses to read a stored value outside the safe range instead of rounding it', async () => {
    const session = await database.reserve();
    await session.query("UPDATE users SET account_balance = 9007199254740993 WHERE username = 'alice'");
    await session.release();
    const result = await drizzleRepositories(database).users.findByUsername('alice');
    expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'UNEXPECTED' });
    expect(result._unsafeUnwrapErr().message).toMatch(/safe range/);
  });
});
