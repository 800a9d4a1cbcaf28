import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { infrastructureError, uniqueViolation } from '@socialpredict/domain';
import { codeOf, createHarness, expectBooksBalanced } from './support/use-case-harness.ts';

const admin = { kind: 'user', username: 'admin', role: 'ADMIN' } as const;

describe('register user (docs/api.md#user-creation)', () => {
  it('creates a REGULAR user with a generated password, the must-change flag and the initial balance', async () => {
    const h = createHarness({ economics: { user: { initialAccountBalance: 1_000 } } });
    const created = (await h.registerUser({ actor: admin, username: 'alice' }))._unsafeUnwrap();
    expect(created).toMatchObject({ username: 'alice', displayName: 'alice', role: 'REGULAR' });
    expect(created.password).toMatch(/^[A-Za-z0-9]{12}$/);
    const user = (await h.ports.users.findByUsername('alice'))._unsafeUnwrap();
    expect(user).toMatchObject({
      role: 'REGULAR',
      moderatorStatus: 'none',
      mustChangePassword: true,
      email: '',
      accountBalance: 1_000,
    });
    expect(user?.personalEmoji).toMatch(/^\p{Emoji_Presentation}$/u);
    expect(h.ports.database.ledgerEntries()).toEqual([
      expect.objectContaining({ kind: 'INITIAL_BALANCE', from: 'mint', to: 'user:alice', amount: 1_000 }),
    ]);
    const login = await h.login({ username: 'alice', password: created.password });
    expect(login._unsafeUnwrap().mustChangePassword).toBe(true);
    await expectBooksBalanced(h.ports);
  });

  it('posts nothing when the initial balance is 0', async () => {
    const h = createHarness();
    (await h.registerUser({ actor: admin, username: 'alice' }))._unsafeUnwrap();
    expect(h.ports.database.ledgerEntries()).toEqual([]);
  });

  it('derives another display name when the username is taken as one', async () => {
    const h = createHarness();
    await h.seedUser('bob');
    await h.ports.users.update('bob', { displayName: 'alice', updatedAt: 0 });
    const created = (await h.registerUser({ actor: admin, username: 'alice' }))._unsafeUnwrap();
    expect(created.displayName).toMatch(/^alice\d+$/);
  });

  it('gives up when no derived display name is free', async () => {
    const h = createHarness({ randomSeed: 3 });
    // Every candidate is reported taken.
    const taken = h.ports.users.isDisplayNameTaken.bind(h.ports.users);
    h.ports.users.isDisplayNameTaken = (name) => taken(name).map(() => true);
    const failure = (await h.registerUser({ actor: admin, username: 'alice' }))._unsafeUnwrapErr();
    expect(failure).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { username: [expect.stringContaining('display name')] },
    });
  });

  it('is for administrators only', async () => {
    const h = createHarness();
    const failure = (await h.registerUser({
      actor: { kind: 'user', username: 'bob', role: 'MODERATOR' },
      username: 'alice',
    }))._unsafeUnwrapErr();
    expect(failure.code).toBe('AUTHORIZATION_DENIED');
  });

  it.each(['Alice', 'al', 'a'.repeat(31), 'al ice', 'alice!'])('rejects the username %j', async (username) => {
    const h = createHarness();
    expect((await h.registerUser({ actor: admin, username }))._unsafeUnwrapErr()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { username: [expect.any(String)] },
    });
  });

  it('rejects a taken username', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    expect((await h.registerUser({ actor: admin, username: 'alice' }))._unsafeUnwrapErr()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { username: ['is already taken'] },
    });
  });

  it('maps a unique violation lost in a race to VALIDATION_FAILED and rolls back a failed posting', async () => {
    const h = createHarness();
    h.ports.database.injectFault('users.insert', uniqueViolation('displayName', 'users_display_name_unique'));
    expect((await h.registerUser({ actor: admin, username: 'alice' }))._unsafeUnwrapErr()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { displayName: ['is already taken'] },
    });
    const h2 = createHarness({ economics: { user: { initialAccountBalance: 5 } } });
    h2.ports.database.injectFault('ledger.post', infrastructureError('UNAVAILABLE', 'down'));
    expect(await codeOf(h2.registerUser({ actor: admin, username: 'alice' }))).toBe('INFRASTRUCTURE_ERROR');
    // The insert was rolled back with the failed posting.
    expect((await h2.ports.users.findByUsername('alice'))._unsafeUnwrap()).toBeNull();
  });
});

describe('log in (docs/api.md#login)', () => {
  it('returns a token and the role flags', async () => {
    const h = createHarness();
    await h.seedUser('mod', { role: 'MODERATOR', password: 'Secret123' });
    const result = (await h.login({ username: 'mod', password: 'Secret123' }))._unsafeUnwrap();
    expect(result).toEqual({
      token: 'fake-token.1.mod.1',
      username: 'mod',
      role: 'MODERATOR',
      moderatorStatus: 'active',
      mustChangePassword: false,
    });
  });

  it('fails alike for an unknown user and a wrong password, verifying a dummy hash for the unknown user', async () => {
    const h = createHarness();
    await h.seedUser('alice', { password: 'Secret123' });
    const unknown = (await h.login({ username: 'ghost', password: 'Secret123' }))._unsafeUnwrapErr();
    const wrong = (await h.login({ username: 'alice', password: 'secret123' }))._unsafeUnwrapErr();
    expect(unknown).toEqual(wrong);
    expect(unknown.code).toBe('INVALID_CREDENTIALS');
    expect(h.ports.passwordHasher.calls).toMatchObject({ verify: 1, verifyDummy: 1 });
  });

  it('rehashes a password stored with outdated parameters', async () => {
    const h = createHarness();
    await h.seedUser('alice', { password: 'Secret123' });
    h.ports.passwordHasher.parameters = 'p2';
    (await h.login({ username: 'alice', password: 'Secret123' }))._unsafeUnwrap();
    expect((await h.ports.users.findByUsername('alice'))._unsafeUnwrap()?.passwordHash).toBe('fake$p2$Secret123');
  });

  it('passes infrastructure failures through', async () => {
    const h = createHarness();
    h.ports.database.injectFault('users.findByUsername');
    expect(await codeOf(h.login({ username: 'alice', password: 'x' }))).toBe('INFRASTRUCTURE_ERROR');
  });
});

describe('change password (docs/api.md#password-gate)', () => {
  it('stores the new hash, clears the flag and bumps the password version', async () => {
    const h = createHarness();
    await h.seedUser('alice', { password: 'Secret123', mustChangePassword: true });
    const result = (await h.changePassword({
      username: 'alice',
      currentPassword: 'Secret123',
      newPassword: 'Better456',
    }))._unsafeUnwrap();
    expect(result).toEqual({ passwordVersion: 2 });
    expect((await h.ports.users.findByUsername('alice'))._unsafeUnwrap()).toMatchObject({
      passwordHash: 'fake$p1$Better456',
      passwordVersion: 2,
      mustChangePassword: false,
    });
    // The token issued before the change is superseded.
    expect(await codeOf(h.authenticate({
      token: 'fake-token.1.alice.1',
      allowPendingPasswordChange: false,
    }))).toBe('INVALID_TOKEN');
  });

  it('reports an unknown user', async () => {
    const h = createHarness();
    expect(await codeOf(h.changePassword({
      username: 'ghost',
      currentPassword: 'a',
      newPassword: 'Better456',
    }))).toBe('USER_NOT_FOUND');
  });

  it('checks the current password before the policy', async () => {
    const h = createHarness();
    await h.seedUser('alice', { password: 'Secret123' });
    expect(await codeOf(h.changePassword({
      username: 'alice',
      currentPassword: 'nope',
      newPassword: 'weak',
    }))).toBe('INVALID_CREDENTIALS');
  });

  it('names every broken rule of the policy', async () => {
    const h = createHarness();
    await h.seedUser('alice', { password: 'Secret123' });
    const failure = (await h.changePassword({
      username: 'alice',
      currentPassword: 'Secret123',
      newPassword: 'Secret123',
    }))._unsafeUnwrapErr();
    expect(failure).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { newPassword: ['must differ from the current password'] },
    });
    expect((await h.ports.users.findByUsername('alice'))._unsafeUnwrap()?.passwordVersion).toBe(1);
  });
});

describe('update profile (docs/api.md#t1-04…07)', () => {
  it('changes only the editable fields it is given', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    const changes = { displayName: 'Alice A.', personalLink2: 'https://example.org', role: 'ADMIN' } as const;
    const profile = (await h.updateProfile({ username: 'alice', changes }))._unsafeUnwrap();
    expect(profile).toMatchObject({
      displayName: 'Alice A.',
      personalLink2: 'https://example.org',
      personalEmoji: '😀',
      role: 'REGULAR',
    });
    expect(profile).not.toHaveProperty('passwordHash');
  });

  it('keeps the display name unique and lets a user keep their own', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    await h.seedUser('bob');
    expect((await h.updateProfile({
      username: 'alice',
      changes: { displayName: 'bob display' },
    }))._unsafeUnwrapErr()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { displayName: ['is already taken'] },
    });
    expect((await h.updateProfile({ username: 'alice', changes: { displayName: 'alice display' } })).isOk()).toBe(true);
  });

  it('compares display names after NFKC and case folding, and refuses the reserved names the same way', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    await h.seedUser('bob');
    (await h.updateProfile({ username: 'bob', changes: { displayName: 'Weatherman' } }))._unsafeUnwrap();
    for (const displayName of ['WEATHERMAN', 'ｗｅａｔｈｅｒｍａｎ', 'weatherman']) {
      expect((await h.updateProfile({ username: 'alice', changes: { displayName } }))._unsafeUnwrapErr()).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { displayName: ['is already taken'] },
      });
    }
    expect((await h.updateProfile({ username: 'bob', changes: { displayName: 'WEATHERMAN' } })).isOk()).toBe(true);
    for (const displayName of ['Administrator', 'ADMINISTRATOR', 'Ａｄｍｉｎｉｓｔｒａｔｏｒ', 'ADMIN']) {
      expect((await h.updateProfile({ username: 'alice', changes: { displayName } }))._unsafeUnwrapErr()).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: { displayName: ['is reserved'] },
      });
    }
  });

  it('maps a display-name race lost at the unique index', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    h.ports.database.injectFault('users.update', uniqueViolation('displayName', 'users_display_name_unique'));
    expect(await codeOf(h.updateProfile({
      username: 'alice',
      changes: { description: 'hi' },
    }))).toBe('VALIDATION_FAILED');
  });

  it('reports an unknown user and passes other failures through', async () => {
    const h = createHarness();
    expect(await codeOf(h.updateProfile({ username: 'ghost', changes: { description: 'hi' } }))).toBe('USER_NOT_FOUND');
    h.ports.database.injectFault('users.update', infrastructureError('UNEXPECTED', 'boom'));
    expect((await h.updateProfile({ username: 'ghost', changes: {} }))._unsafeUnwrapErr()).toMatchObject({
      kind: 'UNEXPECTED',
    });
  });
});

describe('authenticate (docs/api.md#request-pipeline)', () => {
  it('returns the profile for a valid token', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    const profile = (await h.authenticate({
      token: 'fake-token.1.alice.1',
      allowPendingPasswordChange: false,
    }))._unsafeUnwrap();
    expect(profile.username).toBe('alice');
  });

  it('rejects a malformed token, an unknown user and a pending password change in that order', async () => {
    const h = createHarness();
    await h.seedUser('alice', { mustChangePassword: true });
    const check = async (token: string, allowPendingPasswordChange = false) =>
      (await h.authenticate({ token, allowPendingPasswordChange })).map((profile) => profile.username);
    expect(await codeOf(check('garbage'))).toBe('INVALID_TOKEN');
    expect(await codeOf(check('fake-token.9.ghost.1'))).toBe('USER_NOT_FOUND');
    expect(await codeOf(check('fake-token.1.alice.1'))).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await check('fake-token.1.alice.1', true))._unsafeUnwrap()).toBe('alice');
  });
});

describe('token binding to the account (docs/api.md#tokens)', () => {
  it("refuses a deleted account's token for a new account of the same name at the same password version", async () => {
    const h = createHarness();
    for (const name of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6']) await h.seedUser(name);
    const original = await h.seedUser('alice', { password: 'Secret123' });
    expect(original.id).toBe(7);
    await h.ports.users.update('alice', { passwordVersion: 3, updatedAt: 0 });
    const { token } = (await h.login({ username: 'alice', password: 'Secret123' }))._unsafeUnwrap();
    const authenticate = (bearer: string) =>
      h.authenticate({ token: bearer, allowPendingPasswordChange: false }).map((profile) => profile.username);
    expect((await authenticate(token))._unsafeUnwrap()).toBe('alice');

    // The account goes away; until a new one takes the name, its token finds no user.
    (await h.ports.database.autocommit.write((tables) => ok(tables.users.delete('alice'))))._unsafeUnwrap();
    expect(await codeOf(authenticate(token))).toBe('USER_NOT_FOUND');

    const successor = await h.seedUser('alice', { password: 'Other456' });
    expect(successor.id).not.toBe(original.id);
    await h.ports.users.update('alice', { passwordVersion: 3, updatedAt: 0 });
    expect(await codeOf(authenticate(token))).toBe('INVALID_TOKEN');
    // The new account's own token works.
    const fresh = (await h.login({ username: 'alice', password: 'Other456' }))._unsafeUnwrap().token;
    expect((await authenticate(fresh))._unsafeUnwrap()).toBe('alice');
  });
});

describe('user reads (docs/api.md#t1-16, T1-17)', () => {
  it('returns a profile without the hash, or USER_NOT_FOUND', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    expect((await h.getUser({ username: 'alice' }))._unsafeUnwrap()).not.toHaveProperty('passwordHash');
    expect((await h.getUser({ username: 'ghost' }))._unsafeUnwrapErr()).toMatchObject({
      code: 'USER_NOT_FOUND',
      username: 'ghost',
    });
  });

  it('reports spendable credit, the full debt allowance for an unknown user', async () => {
    const h = createHarness();
    await h.seedUser('alice', { balance: 40 });
    expect((await h.getUserCredit({ username: 'alice' }))._unsafeUnwrap()).toEqual({ credit: 540 });
    expect((await h.getUserCredit({ username: 'ghost' }))._unsafeUnwrap()).toEqual({ credit: 500 });
  });
});
