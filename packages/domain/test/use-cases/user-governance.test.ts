// User governance (docs/api.md#user-governance): administrators list users, promote a regular user to moderator and
// suspend or reinstate moderators with a reason; suspensions record who, why and when; the financial summary.
import { describe, expect, it } from 'vitest';
import { OPERATOR, USER_LIST_LIMITS, type Actor } from '@socialpredict/domain';
import { codeOf, createHarness, seedWorkedExample } from './support/use-case-harness.ts';

const ADMIN: Actor = { kind: 'user', username: 'root', role: 'ADMIN' };
const NON_ADMINS: Actor[] = [
  { kind: 'user', username: 'mod', role: 'MODERATOR' },
  { kind: 'user', username: 'joe', role: 'REGULAR' },
];

describe('promotion', () => {
  it('turns a regular user into an active moderator and refuses an administrator or a moderator with INVALID_STATE', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    await h.seedUser('mona', { role: 'MODERATOR' });
    await h.seedUser('boss', { role: 'ADMIN' });
    const promoted = (await h.setRole({ actor: ADMIN, username: 'alice', change: { kind: 'promote' }, reason: ' trusted ' }))._unsafeUnwrap();
    expect(promoted).toMatchObject({ username: 'alice', role: 'MODERATOR', moderatorStatus: 'active', moderatorSuspendedAt: null });
    expect(promoted).not.toHaveProperty('passwordHash');
    for (const username of ['alice', 'mona', 'boss']) {
      expect(await codeOf(h.setRole({ actor: ADMIN, username, change: { kind: 'promote' } }))).toBe('INVALID_STATE');
    }
    expect((await h.ports.users.findByUsername('boss'))._unsafeUnwrap()).toMatchObject({ role: 'ADMIN', moderatorStatus: 'none' });
    expect(await codeOf(h.setRole({ actor: ADMIN, username: 'ghost', change: { kind: 'promote' } }))).toBe('USER_NOT_FOUND');
  });
});

describe('suspension', () => {
  it('records the reason, the administrator and the time, and clears them on reinstatement', async () => {
    const h = createHarness();
    await h.seedUser('mona', { role: 'MODERATOR' });
    const at = h.ports.clock.now();
    const suspended = (await h.setRole({ actor: ADMIN, username: 'mona', change: { kind: 'suspend' }, reason: '  spam proposals ' }))._unsafeUnwrap();
    expect(suspended).toMatchObject({
      moderatorStatus: 'suspended',
      moderatorSuspensionReason: 'spam proposals',
      moderatorSuspendedBy: 'root',
      moderatorSuspendedAt: at,
      updatedAt: at,
    });
    expect((await h.ports.users.findByUsername('mona'))._unsafeUnwrap()).toMatchObject({ moderatorSuspendedBy: 'root' });
    h.ports.clock.advance(1000);
    const reinstated = (await h.setRole({ actor: OPERATOR, username: 'mona', change: { kind: 'unsuspend' } }))._unsafeUnwrap();
    expect(reinstated).toMatchObject({
      moderatorStatus: 'active',
      moderatorSuspensionReason: null,
      moderatorSuspendedBy: null,
      moderatorSuspendedAt: null,
      updatedAt: at + 1000,
    });
  });

  it('needs a reason of 1–500 characters to suspend; a longer reason is refused for every change', async () => {
    const h = createHarness();
    await h.seedUser('mona', { role: 'MODERATOR' });
    await h.seedUser('alice');
    for (const reason of [undefined, '', '   ', 'x'.repeat(501)]) {
      const refused = await h.setRole({ actor: ADMIN, username: 'mona', change: { kind: 'suspend' }, ...(reason === undefined ? {} : { reason }) });
      expect(refused._unsafeUnwrapErr()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { reason: [expect.any(String)] } });
    }
    expect(await codeOf(h.setRole({ actor: ADMIN, username: 'alice', change: { kind: 'promote' }, reason: 'x'.repeat(501) }))).toBe('VALIDATION_FAILED');
    expect((await h.ports.users.findByUsername('mona'))._unsafeUnwrap()?.moderatorStatus).toBe('active');
    // 500 code points, astral ones counting once.
    expect(await codeOf(h.setRole({ actor: ADMIN, username: 'mona', change: { kind: 'suspend' }, reason: '🦊'.repeat(500) }))).toBe('ok');
  });

  it('refuses to suspend or reinstate anyone but a moderator', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    await h.seedUser('boss', { role: 'ADMIN' });
    for (const username of ['alice', 'boss']) {
      expect(await codeOf(h.setRole({ actor: ADMIN, username, change: { kind: 'suspend' }, reason: 'r' }))).toBe('INVALID_STATE');
      expect(await codeOf(h.setRole({ actor: ADMIN, username, change: { kind: 'unsuspend' } }))).toBe('INVALID_STATE');
    }
  });

  it('a role change ends a suspension', async () => {
    const h = createHarness();
    await h.seedUser('mona', { role: 'MODERATOR' });
    (await h.setRole({ actor: ADMIN, username: 'mona', change: { kind: 'suspend' }, reason: 'r' }))._unsafeUnwrap();
    const demoted = (await h.setRole({ actor: OPERATOR, username: 'mona', change: { kind: 'role', role: 'REGULAR' } }))._unsafeUnwrap();
    expect(demoted).toMatchObject({ role: 'REGULAR', moderatorStatus: 'none', moderatorSuspensionReason: null, moderatorSuspendedBy: null });
  });

  it('a suspended moderator may not create markets (USER_NOT_APPROVED), and may again once reinstated', async () => {
    const h = createHarness();
    await h.seedUser('mona', { role: 'MODERATOR', balance: 100 });
    (await h.setRole({ actor: ADMIN, username: 'mona', change: { kind: 'suspend' }, reason: 'r' }))._unsafeUnwrap();
    const create = () =>
      h.createMarket({ username: 'mona', questionTitle: 'Will it hold?', description: '', resolutionDateTime: h.ports.clock.now() + 7 * 86_400_000 });
    expect(await codeOf(create())).toBe('USER_NOT_APPROVED');
    (await h.setRole({ actor: ADMIN, username: 'mona', change: { kind: 'unsuspend' } }))._unsafeUnwrap();
    expect(await codeOf(create())).toBe('ok');
  });
});

describe('user list', () => {
  it('lists profiles without password hashes, filtered by role and search, with the total', async () => {
    const h = createHarness();
    for (const name of ['carl', 'anna', 'bert']) await h.seedUser(name);
    await h.seedUser('mona', { role: 'MODERATOR' });
    const all = (await h.listUsers({ actor: ADMIN, limit: 2, offset: 0 }))._unsafeUnwrap();
    expect(all.total).toBe(4);
    expect(all.users.map((user) => user.username)).toEqual(['anna', 'bert']);
    expect(all.users[0]).not.toHaveProperty('passwordHash');
    const moderators = (await h.listUsers({ actor: OPERATOR, role: 'MODERATOR', limit: 100, offset: 0 }))._unsafeUnwrap();
    expect(moderators.users.map((user) => user.username)).toEqual(['mona']);
    const found = (await h.listUsers({ actor: ADMIN, query: '  BERT DISP ', limit: 100, offset: 0 }))._unsafeUnwrap();
    expect(found).toMatchObject({ total: 1, users: [{ username: 'bert' }] });
    // A blank search lists everyone.
    expect((await h.listUsers({ actor: ADMIN, query: ' ', limit: 100, offset: 0 }))._unsafeUnwrap().total).toBe(4);
  });

  it('refuses a limit outside 1–250, an offset outside 0–100 000 or a search over 100 characters with VALIDATION_FAILED', async () => {
    const h = createHarness();
    const { maxLimit, maxOffset } = USER_LIST_LIMITS;
    expect(await codeOf(h.listUsers({ actor: ADMIN, limit: maxLimit, offset: maxOffset }))).toBe('ok');
    for (const [limit, offset] of [[0, 0], [maxLimit + 1, 0], [1.5, 0], [10, -1], [10, maxOffset + 1]] as const) {
      const refused = await h.listUsers({ actor: ADMIN, limit, offset });
      expect(refused._unsafeUnwrapErr(), `${String(limit)}/${String(offset)}`).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(await codeOf(h.listUsers({ actor: ADMIN, query: 'q'.repeat(101), limit: 10, offset: 0 }))).toBe('VALIDATION_FAILED');
  });

  it('refuses moderators and regular users', async () => {
    const h = createHarness();
    for (const actor of NON_ADMINS) {
      expect(await codeOf(h.listUsers({ actor, limit: 10, offset: 0 }))).toBe('AUTHORIZATION_DENIED');
      expect(await codeOf(h.setRole({ actor, username: 'alice', change: { kind: 'promote' } }))).toBe('AUTHORIZATION_DENIED');
    }
  });
});

describe('financial summary', () => {
  it('is the live financial map with the number of markets where the user holds shares', async () => {
    const h = createHarness();
    const market = await seedWorkedExample(h);
    for (const username of ['alice', 'bob', 'dave']) {
      const summary = (await h.getFinancialSummary({ username }))._unsafeUnwrap();
      expect(summary.financial).toEqual((await h.getUserFinancials({ username }))._unsafeUnwrap());
      // dave created the market but never traded in it.
      expect(summary).toMatchObject({ username, positionCount: username === 'dave' ? 0 : 1 });
    }
    const second = await h.seedMarket('dave');
    (await h.placeBet({ username: 'alice', marketId: second.id, outcome: 'YES', amount: 5 }))._unsafeUnwrap();
    expect((await h.getFinancialSummary({ username: 'alice' }))._unsafeUnwrap().positionCount).toBe(2);
    expect(market.id).not.toBe(second.id);
  });

  it('reports an unknown user', async () => {
    expect(await codeOf(createHarness().getFinancialSummary({ username: 'ghost' }))).toBe('USER_NOT_FOUND');
  });
});
