// The in-memory adapters keep the port contracts the use cases rely on: all-or-nothing transactions, serialised
// writers, READ COMMITTED visibility, database-like constraints and canonical row order.
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { HOUSE, infrastructureError, MINT, type NewMarket, type NewUser } from '@socialpredict/domain';
import { AsyncMutex, createMemoryPorts } from '../../src/memory/index.ts';
import { newUser as sharedNewUser } from '../support/money-use-cases.ts';

function newUser(username: string, overrides: Partial<NewUser> = {}): NewUser {
  return sharedNewUser(username, 0, { displayName: username.toUpperCase(), passwordHash: 'fake$p1$pw', ...overrides });
}

function newMarket(overrides: Partial<NewMarket> = {}): NewMarket {
  return {
    questionTitle: 'Q',
    description: '',
    outcomeType: 'BINARY',
    yesLabel: 'YES',
    noLabel: 'NO',
    creatorUsername: 'alice',
    stewardUsername: 'alice',
    lifecycleStatus: 'published',
    resolutionDateTime: 1_000,
    finalResolutionDateTime: null,
    resolutionResult: null,
    utcOffset: 0,
    seeds: { initialProbability: 0.5, initialSubsidization: 10, initialYes: 0, initialNo: 0 },
    creationCost: 10,
    totals: { yes: 0, no: 0, volume: 0, dust: 0, rowCount: 0, traderCount: 0, lastPlacedAt: null },
    approvedBy: null,
    approvedAt: null,
    rejectedBy: null,
    rejectedAt: null,
    rejectionReason: null,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

describe('memory unit of work', () => {
  it('commits on Ok and rolls everything back on Err', async () => {
    const ports = createMemoryPorts();
    await ports.unitOfWork.run((tx) => tx.users.insert(newUser('alice')));
    const failed = await ports.unitOfWork.run((tx) =>
      tx.users
        .insert(newUser('bob'))
        .andThen(() => tx.ledger.post([
          { kind: 'ADMIN_GRANT', from: MINT, to: 'user:alice', amount: 5 },
        ], { occurredAt: 0, marketId: null }))
        .andThen(() => errAsync({ code: 'VALIDATION_FAILED' as const })),
    );
    expect(failed._unsafeUnwrapErr()).toEqual({ code: 'VALIDATION_FAILED' });
    expect((await ports.users.findByUsername('bob'))._unsafeUnwrap()).toBeNull();
    expect((await ports.users.findByUsername('alice'))._unsafeUnwrap()?.accountBalance).toBe(0);
    expect(ports.database.ledgerEntries()).toEqual([]);
  });

  it('rolls back and releases the lock when the work throws', async () => {
    const ports = createMemoryPorts();
    const thrown = ports.unitOfWork.run((tx) =>
      tx.users.insert(newUser('alice')).andThen(() => {
        throw new Error('bug');
      }),
    );
    await expect(Promise.resolve(thrown)).rejects.toThrow('bug');
    expect((await ports.users.findByUsername('alice'))._unsafeUnwrap()).toBeNull();
    expect((await ports.unitOfWork.run(() => okAsync(1)))._unsafeUnwrap()).toBe(1);
  });

  it('hides uncommitted changes from readers outside the transaction', async () => {
    const ports = createMemoryPorts();
    let seenOutside: unknown = 'unset';
    await ports.unitOfWork.run((tx) =>
      tx.users
        .insert(newUser('alice'))
        .andThen(() => ports.users.findByUsername('alice').map((user) => (seenOutside = user))),
    );
    expect(seenOutside).toBeNull();
    expect((await ports.users.findByUsername('alice'))._unsafeUnwrap()).not.toBeNull();
  });

  it('serialises transactions and times out a writer that waits too long', async () => {
    const ports = createMemoryPorts({ lockTimeoutMs: 20 });
    const order: string[] = [];
    const pause = ResultAsync.fromSafePromise(new Promise<void>((resolve) => setTimeout(resolve, 5)));
    const slow = ports.unitOfWork.run(() => {
      order.push('first:start');
      return pause.map(() => order.push('first:end'));
    });
    const second = ports.unitOfWork.run(() => okAsync(order.push('second')));
    await Promise.all([slow, second]);
    expect(order).toEqual(['first:start', 'first:end', 'second']);

    // A plain write inside a transaction waits for the transaction's own lock, like a row lock held by another session.
    const nested = await ports.unitOfWork.run(() => ports.users.insert(newUser('alice')));
    expect(nested._unsafeUnwrapErr()).toMatchObject({ kind: 'LOCK_TIMEOUT' });
  });

  it('locks existing users in username order, once each', async () => {
    const ports = createMemoryPorts();
    for (const name of ['carol', 'alice']) await ports.users.insert(newUser(name));
    const locked = await ports.unitOfWork.run((tx) => tx.lockUsers(['carol', 'ghost', 'alice', 'carol']));
    expect([...locked._unsafeUnwrap().keys()]).toEqual(['alice', 'carol']);
    expect((await ports.unitOfWork.run((tx) => tx.lockMarket(7)))._unsafeUnwrap()).toBeNull();
  });

  it('fires injected faults in order, once each', async () => {
    const ports = createMemoryPorts();
    ports.database.injectFault('users.count', infrastructureError('UNAVAILABLE', 'first'));
    ports.database.injectFault('users.count', infrastructureError('DEADLOCK', 'second'));
    expect((await ports.users.count())._unsafeUnwrapErr().kind).toBe('UNAVAILABLE');
    expect((await ports.users.count())._unsafeUnwrapErr().kind).toBe('DEADLOCK');
    expect((await ports.users.count())._unsafeUnwrap()).toBe(0);
    ports.database.injectFault('lockUsers');
    expect((await ports.unitOfWork.run((tx) => tx.lockUsers(['a'])))._unsafeUnwrapErr().kind).toBe('UNAVAILABLE');
  });
});

describe('memory user repository', () => {
  it('enforces unique usernames and display names like the database constraints', async () => {
    const ports = createMemoryPorts();
    const alice = (await ports.users.insert(newUser('alice')))._unsafeUnwrap();
    expect(alice).toMatchObject({ id: 1, accountBalance: 0 });
    expect(Object.isFrozen(alice)).toBe(true);
    expect((await ports.users.insert(newUser('alice', { displayName: 'other' })))._unsafeUnwrapErr()).toMatchObject({
      kind: 'UNIQUE_VIOLATION',
      field: 'username',
      constraint: 'users_username_unique',
    });
    expect((await ports.users.insert(newUser('bob', { displayName: 'ALICE' })))._unsafeUnwrapErr()).toMatchObject({
      field: 'displayName',
    });
    await ports.users.insert(newUser('bob'));
    expect((await ports.users.update('bob', { displayName: 'ALICE', updatedAt: 1 }))._unsafeUnwrapErr()).toMatchObject({
      field: 'displayName',
    });
    expect((await ports.users.update('bob', {
      displayName: 'BOB',
      description: 'hi',
      updatedAt: 1,
    }))._unsafeUnwrap()).toMatchObject({
      description: 'hi',
      updatedAt: 1,
    });
    expect((await ports.users.update('ghost', { updatedAt: 1 }))._unsafeUnwrap()).toBeNull();
  });

  it('finds, checks and counts users', async () => {
    const ports = createMemoryPorts();
    await ports.users.insert(newUser('carol', { role: 'ADMIN' }));
    await ports.users.insert(newUser('alice'));
    expect((await ports.users.findByUsernames([
      'carol',
      'ghost',
      'alice',
      'carol',
    ]))._unsafeUnwrap().map((u) => u.username)).toEqual([
      'alice',
      'carol',
    ]);
    expect((await ports.users.isDisplayNameTaken('ALICE'))._unsafeUnwrap()).toBe(true);
    expect((await ports.users.isDisplayNameTaken('ALICE', 'alice'))._unsafeUnwrap()).toBe(false);
    expect((await ports.users.count())._unsafeUnwrap()).toBe(2);
    expect((await ports.users.count('ADMIN'))._unsafeUnwrap()).toBe(1);
  });
});

describe('memory market repository', () => {
  it('assigns ids, freezes records and patches them', async () => {
    const ports = createMemoryPorts();
    const market = (await ports.markets.insert(newMarket()))._unsafeUnwrap();
    expect(market.id).toBe(1);
    expect(Object.isFrozen(market.totals)).toBe(true);
    expect((await ports.markets.update(1, { lifecycleStatus: 'closed', updatedAt: 5 }))._unsafeUnwrap()).toMatchObject({
      lifecycleStatus: 'closed',
      updatedAt: 5,
    });
    expect((await ports.markets.update(9, { updatedAt: 5 }))._unsafeUnwrap()).toBeNull();
  });

  it('filters and orders lists newest first', async () => {
    const ports = createMemoryPorts();
    await ports.markets.insert(newMarket({ questionTitle: 'Alpha', createdAt: 1 }));
    await ports.markets.insert(newMarket({
      questionTitle: 'Beta',
      description: 'about ALPHA',
      createdAt: 2,
      stewardUsername: 'bob',
    }));
    await ports.markets.insert(newMarket({
      questionTitle: 'Gamma',
      createdAt: 2,
      creatorUsername: 'bob',
      stewardUsername: 'bob',
    }));
    const ids = async (query: Partial<Parameters<typeof ports.markets.list>[0]>) =>
      (await ports.markets.list({
        now: 0,
        limit: 10,
        offset: 0,
        ...query,
      }))._unsafeUnwrap().markets.map((market) => market.id);
    expect(await ids({})).toEqual([3, 2, 1]);
    expect(await ids({ text: 'alpha' })).toEqual([2, 1]);
    expect(await ids({ text: 'alpha', excludeIds: [2] })).toEqual([1]);
    expect(await ids({ stewardedBy: 'bob' })).toEqual([3, 2]);
    expect(await ids({ createdBy: 'bob' })).toEqual([3]);
    expect(await ids({ status: 'closed', now: 1_000 })).toEqual([3, 2, 1]);
    expect(await ids({ limit: 1, offset: 1 })).toEqual([2]);
    expect((await ports.markets.findByIds([3, 1, 3, 9]))._unsafeUnwrap().map((market) => market.id)).toEqual([1, 3]);
    expect((await ports.markets.findInvolving('bob'))._unsafeUnwrap().map((market) => market.id)).toEqual([2, 3]);
  });
});

describe('memory bet repository', () => {
  it('keeps each market in canonical order and answers the per-market questions', async () => {
    const ports = createMemoryPorts();
    const row = { outcome: 'YES' as const, amount: 5, shares: null, dust: null };
    await ports.bets.insert({ marketId: 1, username: 'bob', placedAt: 20, ...row });
    await ports.bets.insert({ marketId: 1, username: 'alice', placedAt: 10, ...row });
    await ports.bets.insert({ marketId: 1, username: 'alice', placedAt: 20, ...row });
    await ports.bets.insert({ marketId: 3, username: 'carol', placedAt: 5, ...row });
    expect((await ports.bets.listByMarket(1))._unsafeUnwrap().map((bet) => bet.id)).toEqual([2, 1, 3]);
    expect((await ports.bets.listByMarket(2))._unsafeUnwrap()).toEqual([]);
    const byMarket = (await ports.bets.listByMarkets([1, 2, 3]))._unsafeUnwrap();
    expect([...byMarket.keys()]).toEqual([1, 3]);
    expect((await ports.bets.marketIdsByUser('carol'))._unsafeUnwrap()).toEqual([3]);
    expect((await ports.bets.marketIdsWithRows())._unsafeUnwrap()).toEqual([1, 3]);
  });
});

describe('memory ledger repository', () => {
  it('moves balances, updates cached user balances and sums by kind', async () => {
    const ports = createMemoryPorts();
    await ports.users.insert(newUser('alice'));
    await ports.unitOfWork.run((tx) =>
      tx.ledger.post(
        [
          { kind: 'ADMIN_GRANT', from: MINT, to: 'user:alice', amount: 50 },
          { kind: 'BUY', from: 'user:alice', to: 'pool:4', amount: 20 },
          { kind: 'INITIAL_BET_FEE', from: 'user:alice', to: HOUSE, amount: 1 },
        ],
        { occurredAt: 9, marketId: 4 },
      ),
    );
    expect((await ports.users.findByUsername('alice'))._unsafeUnwrap()?.accountBalance).toBe(29);
    expect((await ports.ledger.balanceOf(MINT))._unsafeUnwrap()).toBe(-50);
    expect((await ports.ledger.balanceOf('pool:5'))._unsafeUnwrap()).toBe(0);
    expect([...(await ports.ledger.poolBalances())._unsafeUnwrap()]).toEqual([[4, 20]]);
    expect((await ports.ledger.userBalances())._unsafeUnwrap()).toEqual([{ username: 'alice', balance: 29 }]);
    expect((await ports.ledger.sumsByKind())._unsafeUnwrap()).toMatchObject({
      ADMIN_GRANT: 50,
      BUY: 20,
      INITIAL_BET_FEE: 1,
      WIN: 0,
    });
    expect(ports.database.ledgerEntries()[1]).toMatchObject({ id: 2, occurredAt: 9, marketId: 4 });
  });

  it.each([
    ['a zero amount', { amount: 0 }],
    ['a fraction', { amount: 1.5 }],
    ['a self-transfer', { from: HOUSE, to: HOUSE }],
    ['an unknown user', { to: 'user:ghost' }],
  ] as const)('rejects %s like a database constraint', async (_label, change) => {
    const ports = createMemoryPorts();
    const entry = { kind: 'ADMIN_GRANT' as const, from: MINT, to: HOUSE, amount: 5, ...change };
    const result = await ports.unitOfWork.run((tx) => tx.ledger.post([entry], { occurredAt: 0, marketId: null }));
    expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'UNEXPECTED' });
    expect(ports.database.accountBalances().size).toBe(0);
  });
});

describe('AsyncMutex', () => {
  it('hands the lock over in FIFO order and drops a waiter that timed out', async () => {
    const mutex = new AsyncMutex();
    const release = await mutex.acquire(10);
    const timedOut = mutex.acquire(1);
    const next = mutex.acquire(1_000);
    expect(await timedOut).toBeNull();
    release?.();
    release?.();
    const granted = await next;
    expect(granted).not.toBeNull();
    granted?.();
    expect(await mutex.acquire(1)).not.toBeNull();
  });
});
