// The administrative writes: account provisioning, password reset, role changes, credit grants and the operator's
// resolution override. Each refuses a user actor without the ADMIN role, and the operator holds administrator rights.
import type { ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { OPERATOR, type Actor, type UserRole } from '@socialpredict/domain';
import { codeOf, createHarness, expectBooksBalanced, seedWorkedExample, type Harness } from './support/use-case-harness.ts';

const asUser = (username: string, role: UserRole): Actor => ({ kind: 'user', username, role });
const ADMIN = asUser('root', 'ADMIN');
const NON_ADMINS = [asUser('mod', 'MODERATOR'), asUser('joe', 'REGULAR')];

function account(username: string, overrides: { role?: UserRole; password?: string; mustChangePassword?: boolean } = {}) {
  const role = overrides.role ?? 'REGULAR';
  return {
    username,
    displayName: `${username} shown`,
    role,
    moderatorStatus: role === 'MODERATOR' ? ('active' as const) : ('none' as const),
    personalEmoji: '🙂',
    mustChangePassword: overrides.mustChangePassword ?? false,
    passwordHash: `fake$p1$${overrides.password ?? 'Secret123'}`,
  };
}

describe('every administrative write refuses an actor without the ADMIN role', () => {
  const attempts: Record<string, (h: Harness, actor: Actor) => ResultAsync<unknown, { readonly code: string }>> = {
    provisionAccount: (h, actor) => h.provisionAccount({ actor, account: account('newbie'), whenExists: 'refuse' }),
    resetPassword: (h, actor) => h.resetPassword({ actor, username: 'alice' }),
    setRole: (h, actor) => h.setRole({ actor, username: 'alice', change: { kind: 'role', role: 'ADMIN' } }),
    grantCredits: (h, actor) => h.grantCredits({ actor, username: 'alice', amount: 10 }),
    registerUser: (h, actor) => h.registerUser({ actor, username: 'newbie' }),
  };

  for (const [name, attempt] of Object.entries(attempts)) {
    it(`${name}: AUTHORIZATION_DENIED for a moderator and a regular user, nothing written`, async () => {
      const h = createHarness();
      const alice = await h.seedUser('alice', { balance: 5 });
      for (const actor of NON_ADMINS) {
        expect(await codeOf(attempt(h, actor))).toBe('AUTHORIZATION_DENIED');
      }
      expect((await h.ports.users.findByUsername('alice'))._unsafeUnwrap()).toEqual(alice);
      expect((await h.ports.users.count())._unsafeUnwrap()).toBe(1);
    });
  }
});

describe('provision account', () => {
  it('creates the user with the initial balance and an optional grant in one posting, for an admin or the operator', async () => {
    const h = createHarness({ economics: { user: { initialAccountBalance: 100 } } });
    const created = (await h.provisionAccount({ actor: ADMIN, account: account('amy'), whenExists: 'refuse', grant: 50 }))._unsafeUnwrap();
    expect(created.outcome).toBe('created');
    expect(created.user).toMatchObject({ username: 'amy', displayName: 'amy shown', passwordVersion: 1, accountBalance: 150 });
    expect(h.ports.database.ledgerEntries()).toEqual([
      expect.objectContaining({ kind: 'INITIAL_BALANCE', from: 'mint', to: 'user:amy', amount: 100 }),
      expect.objectContaining({ kind: 'ADMIN_GRANT', from: 'mint', to: 'user:amy', amount: 50 }),
    ]);
    expect((await h.provisionAccount({ actor: OPERATOR, account: account('ben'), whenExists: 'keep' }))._unsafeUnwrap().outcome).toBe('created');
    expect(await h.balanceOf('ben')).toBe(100);
    await expectBooksBalanced(h.ports);
  });

  it('refuses, keeps or resets an existing account as asked; a reset bumps the password version', async () => {
    const h = createHarness();
    await h.provisionAccount({ actor: OPERATOR, account: account('amy', { role: 'MODERATOR' }), whenExists: 'refuse' });
    h.ports.clock.advance(1_000);

    const refused = (await h.provisionAccount({ actor: OPERATOR, account: account('amy'), whenExists: 'refuse' }))._unsafeUnwrapErr();
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', fields: { username: ['is already taken'] } });

    const kept = (await h.provisionAccount({ actor: OPERATOR, account: account('amy', { password: 'Other456' }), whenExists: 'keep' }))._unsafeUnwrap();
    expect(kept.outcome).toBe('kept');
    expect(kept.user).toMatchObject({ role: 'MODERATOR', passwordVersion: 1, passwordHash: 'fake$p1$Secret123' });

    const reset = await h.provisionAccount({
      actor: OPERATOR,
      account: account('amy', { role: 'ADMIN', password: 'Other456', mustChangePassword: true }),
      whenExists: 'reset',
      grant: 70,
    });
    expect(reset._unsafeUnwrap().outcome).toBe('reset');
    expect((await h.ports.users.findByUsername('amy'))._unsafeUnwrap()).toMatchObject({
      role: 'ADMIN',
      moderatorStatus: 'none',
      passwordHash: 'fake$p1$Other456',
      passwordVersion: 2,
      mustChangePassword: true,
      updatedAt: h.ports.clock.now(),
      accountBalance: 0,
    });
    // Only a created account is granted credits.
    expect(h.ports.database.ledgerEntries()).toEqual([]);
  });

  it('refuses a negative or fractional grant and maps a display name taken in a race to VALIDATION_FAILED', async () => {
    const h = createHarness();
    for (const grant of [-1, 1.5]) {
      expect(await codeOf(h.provisionAccount({ actor: OPERATOR, account: account('amy'), whenExists: 'refuse', grant }))).toBe('VALIDATION_FAILED');
    }
    await h.seedUser('bob');
    const clash = await h.provisionAccount({ actor: OPERATOR, account: { ...account('amy'), displayName: 'bob display' }, whenExists: 'refuse' });
    expect(clash._unsafeUnwrapErr()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { displayName: ['is already taken'] } });
  });
});

describe('reset password', () => {
  it('replaces the hash with a generated one-time password, supersedes old tokens and forces a change', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    const { password } = (await h.resetPassword({ actor: OPERATOR, username: 'alice' }))._unsafeUnwrap();
    expect(password).toMatch(/^[A-Za-z0-9]{12}$/);
    expect((await h.ports.users.findByUsername('alice'))._unsafeUnwrap()).toMatchObject({
      passwordHash: `fake$p1$${password}`,
      passwordVersion: 2,
      mustChangePassword: true,
    });
    expect(await codeOf(h.authenticate({ token: 'fake-token.1.alice.1', allowPendingPasswordChange: true }))).toBe('INVALID_TOKEN');
    expect((await h.login({ username: 'alice', password }))._unsafeUnwrap().mustChangePassword).toBe(true);
  });

  it('reports an unknown user', async () => {
    const h = createHarness();
    expect(await codeOf(h.resetPassword({ actor: ADMIN, username: 'ghost' }))).toBe('USER_NOT_FOUND');
  });
});

describe('set role', () => {
  it('starts a moderator active, suspends and reinstates it, and gives every other role status none', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    const change = (kind: 'suspend' | 'unsuspend') => h.setRole({ actor: ADMIN, username: 'alice', change: { kind }, reason: 'review' });
    const toRole = (role: UserRole) => h.setRole({ actor: OPERATOR, username: 'alice', change: { kind: 'role', role } });

    expect(await codeOf(change('suspend'))).toBe('INVALID_STATE');
    expect((await toRole('MODERATOR'))._unsafeUnwrap()).toMatchObject({ username: 'alice', role: 'MODERATOR', moderatorStatus: 'active' });
    expect((await change('suspend'))._unsafeUnwrap().moderatorStatus).toBe('suspended');
    expect((await change('unsuspend'))._unsafeUnwrap().moderatorStatus).toBe('active');
    expect((await toRole('ADMIN'))._unsafeUnwrap()).toMatchObject({ username: 'alice', role: 'ADMIN', moderatorStatus: 'none' });
    expect(await codeOf(change('unsuspend'))).toBe('INVALID_STATE');
    expect((await toRole('REGULAR'))._unsafeUnwrap().moderatorStatus).toBe('none');
    expect((await h.ports.users.findByUsername('alice'))._unsafeUnwrap()).toMatchObject({ role: 'REGULAR', moderatorStatus: 'none' });
  });

  it('reports an unknown user', async () => {
    const h = createHarness();
    expect(await codeOf(h.setRole({ actor: ADMIN, username: 'ghost', change: { kind: 'suspend' }, reason: 'spam' }))).toBe('USER_NOT_FOUND');
  });
});

describe('grant credits', () => {
  it('posts an ADMIN_GRANT from the mint, and back for a negative amount below the debt limit', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    expect((await h.grantCredits({ actor: OPERATOR, username: 'alice', amount: 250 }))._unsafeUnwrap()).toEqual({ username: 'alice', amount: 250, balance: 250 });
    expect((await h.grantCredits({ actor: ADMIN, username: 'alice', amount: -900 }))._unsafeUnwrap().balance).toBe(-650);
    expect(await h.balanceOf('alice')).toBe(-650);
    expect(h.ports.database.ledgerEntries().map(({ kind, from, to, amount }) => [kind, from, to, amount])).toEqual([
      ['ADMIN_GRANT', 'mint', 'user:alice', 250],
      ['ADMIN_GRANT', 'user:alice', 'mint', 900],
    ]);
    await expectBooksBalanced(h.ports);
  });

  it('refuses a zero, fractional or unsafe amount and an unknown user', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    for (const amount of [0, 1.5, Number.MAX_SAFE_INTEGER + 1]) {
      expect(await codeOf(h.grantCredits({ actor: OPERATOR, username: 'alice', amount }))).toBe('VALIDATION_FAILED');
    }
    expect(await codeOf(h.grantCredits({ actor: OPERATOR, username: 'ghost', amount: 5 }))).toBe('USER_NOT_FOUND');
    expect(h.ports.database.ledgerEntries()).toEqual([]);
  });
});

describe('resolve market as the operator', () => {
  it('overrides the steward-only rule without acting as the steward, who still earns the work profit', async () => {
    const h = createHarness();
    const market = await seedWorkedExample(h);
    const resolved = (await h.resolveMarket({ actor: OPERATOR, marketId: market.id, resolution: 'NO' }))._unsafeUnwrap();
    expect(resolved.stewardUsername).toBe('dave');
    expect(resolved.settlement.workProfit?.username).toBe('dave');
    await expectBooksBalanced(h.ports);
  });

  it('is not open to an administrator who is not the steward', async () => {
    const h = createHarness();
    const market = await seedWorkedExample(h);
    expect(await codeOf(h.resolveMarket({ actor: ADMIN, marketId: market.id, resolution: 'NO' }))).toBe('AUTHORIZATION_DENIED');
  });
});
