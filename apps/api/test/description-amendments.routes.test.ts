// Description amendment routes (docs/api.md#amendments) over the whole HTTP adapter on the memory fakes: the
// authorization matrix, proposing, reviewing one or a group, the lists and the market detail.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from './helpers/test-app.ts';

const ADMIN_LIST = '/v0/admin/market-description-amendments';
const OWN_LIST = '/v0/profile/market-description-amendments';
const DAY = 86_400_000;

let t: TestApp;
let admin: string;
let steward: string;
let marketId: number;

async function createMarket(token: string, resolvesInMs = 7 * DAY): Promise<number> {
  const created = await t.inject({
    method: 'POST',
    url: '/v0/markets',
    headers: bearer(token),
    payload: { questionTitle: 'Will it rain?', description: 'Rain in Paris', outcomeType: 'BINARY', resolutionDateTime: new Date(t.ports.clock.now() + resolvesInMs).toISOString() },
  });
  expect(created.statusCode).toBe(201);
  return created.json().id as number;
}

const propose = (token: string | undefined, body: unknown, id = marketId) =>
  t.inject({ method: 'POST', url: `/v0/markets/${String(id)}/description-amendments`, headers: token === undefined ? {} : bearer(token), payload: body as object });

beforeEach(async () => {
  t = await createTestApp();
  admin = await t.user('boss', { role: 'ADMIN' });
  steward = await t.user('stew', { role: 'MODERATOR' });
  marketId = await createMarket(steward);
});
afterEach(() => t.close());

describe('authorization', () => {
  it('lets only the steward propose: 401 anonymous, 403 user, other moderator, suspended moderator and admin', async () => {
    const text = { body: 'Rain means ≥ 1 mm.' };
    expect((await propose(undefined, text)).json()).toMatchObject({ ok: false, reason: 'INVALID_TOKEN' });
    const callers = [await t.user('joe'), await t.user('mod', { role: 'MODERATOR' }), await t.user('sus', { role: 'MODERATOR', suspended: true }), admin];
    for (const token of callers) {
      const denied = await propose(token, text);
      expect(denied.statusCode).toBe(403);
      expect(denied.json()).toMatchObject({ ok: false, reason: 'AUTHORIZATION_DENIED' });
    }
    expect((await propose(steward, text)).statusCode).toBe(201);
  });

  it('checks the steward before the body (docs/api.md#request-pipeline): a hostile body from a non-steward is 403, from the steward 400', async () => {
    const hostile = { body: '<script>alert(1)</script>', submitReason: 'javascript:alert(1)' };
    const outsider = await propose(await t.user('joe'), hostile);
    expect(outsider.statusCode).toBe(403);
    expect((await propose(steward, hostile, 999)).statusCode).toBe(404);
    const refused = await propose(steward, hostile);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ ok: false, reason: 'VALIDATION_FAILED', details: { fields: { body: [expect.any(String)], submitReason: [expect.any(String)] } } });
  });

  it('keeps the admin routes to administrators: 401 anonymous, 403 user, moderator, suspended moderator and steward', async () => {
    const { id } = (await propose(steward, { body: 'x' })).json() as { id: number };
    const requests = [
      { method: 'GET' as const, url: ADMIN_LIST },
      { method: 'PATCH' as const, url: `${ADMIN_LIST}/${String(id)}`, payload: { status: 'approved', reason: 'ok' } },
      { method: 'PATCH' as const, url: `${ADMIN_LIST}/grouped-review`, payload: { amendmentIds: [id], status: 'approved', reason: 'ok' } },
    ];
    const callers = [await t.user('joe'), await t.user('mod', { role: 'MODERATOR' }), await t.user('sus', { role: 'MODERATOR', suspended: true }), steward];
    for (const request of requests) {
      expect((await t.inject(request)).statusCode).toBe(401);
      for (const token of callers) {
        const denied = await t.inject({ ...request, headers: bearer(token) });
        expect(denied.statusCode).toBe(403);
        expect(denied.json()).toMatchObject({ ok: false, reason: 'AUTHORIZATION_DENIED' });
      }
      expect((await t.inject({ ...request, headers: bearer(admin) })).statusCode).toBe(200);
      if (request.method === 'PATCH') break; // the amendment is settled now; the grouped review is covered below
    }
  });

  it('answers the profile lists to any signed-in user, 401 anonymous', async () => {
    for (const url of [OWN_LIST, '/v0/profile/market-group-answer-additions?status=pending&limit=200']) {
      expect((await t.inject({ method: 'GET', url })).statusCode).toBe(401);
      for (const token of [await t.user(`u${String(url.length)}`), steward, admin]) {
        expect((await t.inject({ method: 'GET', url, headers: bearer(token) })).statusCode).toBe(200);
      }
    }
    const additions = await t.inject({ method: 'GET', url: '/v0/profile/market-group-answer-additions?status=pending&limit=200', headers: bearer(steward) });
    expect(additions.json()).toEqual({ ok: true, result: { additions: [], total: 0, limit: 200, offset: 0 } });
  });
});

describe('proposing and reviewing', () => {
  it('proposes, approves, and shows the approved amendment on the market detail', async () => {
    const proposed = await propose(steward, { body: 'Rain means **1 mm**.', bodyFormat: 'markdown_lite', submitReason: 'vague' });
    expect(proposed.statusCode).toBe(201);
    const amendment = proposed.json();
    expect(amendment).toMatchObject({ marketId, version: 2, status: 'pending', createdBy: 'stew', submitReason: 'vague', approvedBy: null });
    expect(amendment.body).toBe('Rain means **1 mm**.');
    expect((await t.inject({ method: 'GET', url: `/v0/markets/${String(marketId)}` })).json().descriptionAmendments).toEqual([]);

    const queue = await t.inject({ method: 'GET', url: `${ADMIN_LIST}?status=pending&limit=100&offset=0&marketId=${String(marketId)}&query=rain`, headers: bearer(admin) });
    expect(queue.json()).toEqual({ ok: true, result: { amendments: [amendment], total: 1, limit: 100, offset: 0 } });

    const approved = await t.inject({ method: 'PATCH', url: `${ADMIN_LIST}/${String(amendment.id)}`, headers: bearer(admin), payload: { status: 'approved', reason: 'clear' } });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().result).toMatchObject({ id: amendment.id, status: 'approved', approvedBy: 'boss' });
    const detail = (await t.inject({ method: 'GET', url: `/v0/markets/${String(marketId)}` })).json();
    expect(detail.descriptionAmendments).toEqual([approved.json().result]);
    const again = await t.inject({ method: 'PATCH', url: `${ADMIN_LIST}/${String(amendment.id)}`, headers: bearer(admin), payload: { status: 'rejected', reason: 'no' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ reason: 'INVALID_STATE' });
    const own = await t.inject({ method: 'GET', url: `${OWN_LIST}?status=approved&limit=200`, headers: bearer(steward) });
    expect(own.json().result).toMatchObject({ total: 1, amendments: [{ id: amendment.id }] });
  });

  it('reviews a group all or nothing', async () => {
    const ids: number[] = [];
    for (const body of ['a', 'b', 'c']) ids.push((await propose(steward, { body })).json().id as number);
    const [a, b, c] = ids as [number, number, number];
    (await t.inject({ method: 'PATCH', url: `${ADMIN_LIST}/${String(a)}`, headers: bearer(admin), payload: { status: 'rejected', reason: 'dup' } })).json();
    const refused = await t.inject({ method: 'PATCH', url: `${ADMIN_LIST}/grouped-review`, headers: bearer(admin), payload: { amendmentIds: [a, b, c], status: 'approved', reason: 'ok' } });
    expect(refused.statusCode).toBe(409);
    expect((await t.inject({ method: 'GET', url: ADMIN_LIST, headers: bearer(admin) })).json().result.total).toBe(2);
    const group = await t.inject({ method: 'PATCH', url: `${ADMIN_LIST}/grouped-review`, headers: bearer(admin), payload: { amendmentIds: [c, b], status: 'approved', reason: 'ok' } });
    expect(group.statusCode).toBe(200);
    expect(group.json().result).toMatchObject({ total: 2, amendments: [{ id: b, status: 'approved' }, { id: c, status: 'approved' }] });
    expect((await t.inject({ method: 'GET', url: `/v0/markets/${String(marketId)}` })).json().descriptionAmendments.map((x: { version: number }) => x.version)).toEqual([3, 4]);
  });

  it('refuses an empty body, a missing reason, bad paging, an unknown market (404) and an unknown amendment (404)', async () => {
    expect((await propose(steward, { body: '   ' })).statusCode).toBe(400);
    expect((await propose(steward, { body: 'x' }, 999)).statusCode).toBe(404);
    const { id } = (await propose(steward, { body: 'x' })).json() as { id: number };
    expect((await t.inject({ method: 'PATCH', url: `${ADMIN_LIST}/${String(id)}`, headers: bearer(admin), payload: { status: 'approved', reason: ' ' } })).statusCode).toBe(400);
    expect((await t.inject({ method: 'PATCH', url: `${ADMIN_LIST}/${String(id)}`, headers: bearer(admin), payload: { status: 'maybe', reason: 'r' } })).statusCode).toBe(400);
    const unknown = await t.inject({ method: 'PATCH', url: `${ADMIN_LIST}/999`, headers: bearer(admin), payload: { status: 'approved', reason: 'r' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ ok: false, reason: 'NOT_FOUND' });
    const unknownInGroup = await t.inject({ method: 'PATCH', url: `${ADMIN_LIST}/grouped-review`, headers: bearer(admin), payload: { amendmentIds: [id, 999], status: 'approved', reason: 'r' } });
    expect(unknownInGroup.statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: `${ADMIN_LIST}?status=pending`, headers: bearer(admin) })).json().result.amendments).toMatchObject([{ id, status: 'pending' }]);
    for (const query of ['limit=201', 'limit=0', 'offset=-1', 'status=all', 'marketId=x']) {
      expect((await t.inject({ method: 'GET', url: `${ADMIN_LIST}?${query}`, headers: bearer(admin) })).statusCode).toBe(400);
    }
  });

  it('refuses an amendment on a market past its resolution date with 409 INVALID_STATE', async () => {
    const soon = await createMarket(steward, 2 * 3_600_000);
    t.ports.clock.advance(3 * 3_600_000);
    const refused = await propose(steward, { body: 'late' }, soon);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ reason: 'INVALID_STATE' });
  });

  it('approves at once while the governance flag is on', async () => {
    const saved = await t.inject({ method: 'PUT', url: `${ADMIN_LIST}/settings`, headers: bearer(admin), payload: { autoApproveDescriptionAmendments: true, version: 0 } });
    expect(saved.statusCode).toBe(200);
    expect((await propose(steward, { body: 'auto' })).json()).toMatchObject({ status: 'approved', approvedBy: 'auto-approval' });
    expect((await t.inject({ method: 'GET', url: `/v0/markets/${String(marketId)}` })).json().descriptionAmendments).toHaveLength(1);
  });
});
