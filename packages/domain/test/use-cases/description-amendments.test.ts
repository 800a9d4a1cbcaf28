// Description amendments (docs/api.md#amendments): the steward proposes under the market lock, the governance flag may
// approve at once, administrators review one or many all-or-nothing, and the lists filter and page.
import { describe, expect, it } from 'vitest';
import { AUTO_APPROVER, OPERATOR, type Actor } from '@socialpredict/domain';
import { codeOf, createHarness, DAY } from './support/use-case-harness.ts';

const ADMIN: Actor = { kind: 'user', username: 'root', role: 'ADMIN' };
const STEWARD: Actor = { kind: 'user', username: 'mona', role: 'MODERATOR' };

async function withMarket(options: { resolvesInMs?: number } = {}) {
  const h = createHarness();
  await h.seedUser('mona', { role: 'MODERATOR', balance: 1_000 });
  await h.seedUser('joe', { balance: 1_000 });
  await h.seedUser('root', { role: 'ADMIN' });
  const market = await h.seedMarket('mona', options);
  return { h, market };
}

describe('proposing', () => {
  it('stores a pending amendment with consecutive versions per market from 2', async () => {
    const { h, market } = await withMarket();
    const first = (await h.proposeAmendment({ actor: STEWARD, marketId: market.id, body: ' Rain means ≥ 1 mm. ', submitReason: ' vague ' }))._unsafeUnwrap();
    const second = (await h.proposeAmendment({ actor: STEWARD, marketId: market.id, body: 'Paris only.' }))._unsafeUnwrap();
    expect(first).toMatchObject({ marketId: market.id, version: 2, body: 'Rain means ≥ 1 mm.', status: 'pending', createdBy: 'mona', submitReason: 'vague', approvedBy: null });
    expect(second).toMatchObject({ version: 3, submitReason: null });
  });

  it('approves at once when the governance flag says so', async () => {
    const { h, market } = await withMarket();
    (await h.updateSiteSettings({ actor: ADMIN, key: 'governance', changes: { autoApproveDescriptionAmendments: true }, version: 0 }))._unsafeUnwrap();
    const stored = (await h.proposeAmendment({ actor: STEWARD, marketId: market.id, body: 'Clarified.' }))._unsafeUnwrap();
    expect(stored).toMatchObject({ status: 'approved', approvedBy: AUTO_APPROVER, approvedAt: h.ports.clock.now() });
  });

  it('refuses anyone but the active moderator stewarding the market (403), a bad body (400), a missing market (404), a closed market (409)', async () => {
    const { h, market } = await withMarket({ resolvesInMs: DAY });
    await h.seedUser('other', { role: 'MODERATOR' });
    const propose = (actor: Actor, body = 'text', marketId = market.id) => codeOf(h.proposeAmendment({ actor, marketId, body }));
    expect(await propose({ kind: 'user', username: 'joe', role: 'REGULAR' })).toBe('AUTHORIZATION_DENIED');
    expect(await propose({ kind: 'user', username: 'other', role: 'MODERATOR' })).toBe('AUTHORIZATION_DENIED');
    expect(await propose(ADMIN)).toBe('AUTHORIZATION_DENIED');
    expect(await propose(OPERATOR)).toBe('AUTHORIZATION_DENIED');
    expect(await propose(STEWARD, '   ')).toBe('VALIDATION_FAILED');
    expect(await propose(STEWARD, 'x'.repeat(2001))).toBe('VALIDATION_FAILED');
    expect(await propose(STEWARD, 'text', 999)).toBe('MARKET_NOT_FOUND');
    (await h.setRole({ actor: ADMIN, username: 'mona', change: { kind: 'suspend' }, reason: 'spam' }))._unsafeUnwrap();
    expect(await propose(STEWARD)).toBe('AUTHORIZATION_DENIED');
    (await h.setRole({ actor: ADMIN, username: 'mona', change: { kind: 'unsuspend' }, reason: 'ok' }))._unsafeUnwrap();
    h.ports.clock.advance(2 * DAY);
    expect(await propose(STEWARD)).toBe('INVALID_STATE');
    expect((await h.ports.amendments.listByMarket(market.id))._unsafeUnwrap()).toEqual([]);
  });
});

describe('reviewing', () => {
  it('approves one, rejects a group with the reason, and refuses a group holding a settled amendment without changing any', async () => {
    const { h, market } = await withMarket();
    const ids: number[] = [];
    for (const body of ['a', 'b', 'c']) ids.push((await h.proposeAmendment({ actor: STEWARD, marketId: market.id, body }))._unsafeUnwrap().id);
    const [a, b, c] = ids as [number, number, number];
    const approved = (await h.reviewAmendments({ actor: ADMIN, amendmentIds: [a], status: 'approved', reason: 'clear' }))._unsafeUnwrap();
    expect(approved).toMatchObject({ total: 1, amendments: [{ id: a, status: 'approved', approvedBy: 'root', rejectionReason: null }] });
    expect(await codeOf(h.reviewAmendments({ actor: ADMIN, amendmentIds: [b, a], status: 'rejected', reason: 'no' }))).toBe('INVALID_STATE');
    expect((await h.listAmendments({ actor: ADMIN }))._unsafeUnwrap()).toMatchObject({ total: 2, limit: 50, offset: 0 });
    const rejected = (await h.reviewAmendments({ actor: ADMIN, amendmentIds: [c, b], status: 'rejected', reason: ' off topic ' }))._unsafeUnwrap();
    expect(rejected.amendments.map((x) => [x.id, x.status, x.rejectionReason, x.rejectedBy])).toEqual([
      [b, 'rejected', 'off topic', 'root'],
      [c, 'rejected', 'off topic', 'root'],
    ]);
  });

  it('refuses non-administrators (403), an unknown id (404), a bad status or an empty reason (400)', async () => {
    const { h, market } = await withMarket();
    const { id } = (await h.proposeAmendment({ actor: STEWARD, marketId: market.id, body: 'a' }))._unsafeUnwrap();
    expect(await codeOf(h.reviewAmendments({ actor: STEWARD, amendmentIds: [id], status: 'approved', reason: 'r' }))).toBe('AUTHORIZATION_DENIED');
    expect(await codeOf(h.reviewAmendments({ actor: ADMIN, amendmentIds: [id, 999], status: 'approved', reason: 'r' }))).toBe('NOT_FOUND');
    expect(await codeOf(h.reviewAmendments({ actor: ADMIN, amendmentIds: [], status: 'approved', reason: 'r' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(h.reviewAmendments({ actor: ADMIN, amendmentIds: [id], status: 'pending', reason: 'r' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(h.reviewAmendments({ actor: OPERATOR, amendmentIds: [id], status: 'approved', reason: ' ' }))).toBe('VALIDATION_FAILED');
    expect((await h.ports.amendments.listByMarket(market.id))._unsafeUnwrap()[0]?.status).toBe('pending');
  });
});

describe('lists', () => {
  it('filters the admin queue, checks paging strictly, and lists a steward\'s own amendments', async () => {
    const { h, market } = await withMarket();
    for (const body of ['alpha', 'beta', 'gamma']) (await h.proposeAmendment({ actor: STEWARD, marketId: market.id, body }))._unsafeUnwrap();
    expect((await h.listAmendments({ actor: ADMIN, query: 'BETA' }))._unsafeUnwrap().amendments.map((x) => x.body)).toEqual(['beta']);
    expect((await h.listAmendments({ actor: ADMIN, limit: 1, offset: 1 }))._unsafeUnwrap()).toMatchObject({ total: 3, limit: 1, offset: 1, amendments: [{ body: 'beta' }] });
    expect((await h.listAmendments({ actor: ADMIN, status: 'approved', marketId: market.id }))._unsafeUnwrap().total).toBe(0);
    for (const bad of [{ limit: 201 }, { limit: 0 }, { offset: -1 }, { status: 'all' }, { marketId: 0 }]) {
      expect(await codeOf(h.listAmendments({ actor: ADMIN, ...bad }))).toBe('VALIDATION_FAILED');
    }
    expect(await codeOf(h.listAmendments({ actor: STEWARD }))).toBe('AUTHORIZATION_DENIED');
    expect((await h.listOwnAmendments({ username: 'mona', limit: 200 }))._unsafeUnwrap()).toMatchObject({ total: 3, limit: 200 });
    expect((await h.listOwnAmendments({ username: 'mona', status: 'approved' }))._unsafeUnwrap().total).toBe(0);
    expect((await h.listOwnAmendments({ username: 'joe' }))._unsafeUnwrap()).toEqual({ amendments: [], total: 0, limit: 50, offset: 0 });
    expect(await codeOf(h.listOwnAmendments({ username: 'mona', limit: 500 }))).toBe('VALIDATION_FAILED');
  });
});
