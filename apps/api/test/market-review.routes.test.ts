// Proposal review over HTTP (docs/api.md#proposal-review) on the memory fakes, in moderator mode: the authorization
// matrix, the review list with strict paging, approval, rejection with the refund, steward reassignment, and what the
// web app's review page and admin sidebar ask for.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let tokens: Record<'admin' | 'regular' | 'moderator' | 'suspended' | 'steward', string>;

async function propose(title = 'Will it snow in Bern?'): Promise<number> {
  const response = await t.inject({
    method: 'POST',
    url: '/v0/markets',
    headers: bearer(tokens.steward),
    payload: { questionTitle: title, description: 'Snow', outcomeType: 'BINARY', resolutionDateTime: new Date(t.ports.clock.now() + 7 * 86_400_000).toISOString() },
  });
  expect(response.statusCode, response.body).toBe(201);
  expect(response.json()).toMatchObject({ status: 'proposed', proposalCost: 10 });
  return response.json().id as number;
}

const balance = async (username: string) => (await t.ports.users.findByUsername(username))._unsafeUnwrap()?.accountBalance;

beforeEach(async () => {
  t = await createTestApp({ GAME_MODE: 'moderator' });
  tokens = {
    admin: await t.user('boss', { role: 'ADMIN' }),
    regular: await t.user('joe'),
    moderator: await t.user('mod', { role: 'MODERATOR' }),
    suspended: await t.user('sus', { role: 'MODERATOR', suspended: true }),
    steward: await t.user('stew', { role: 'MODERATOR' }),
  };
});
afterEach(() => t.close());

describe('authorization', () => {
  it('answers 401 to anonymous callers and 403 to a user, a moderator, a suspended moderator and the steward; admins pass', async () => {
    const id = await propose();
    const requests = [
      { method: 'GET' as const, url: '/v0/admin/markets' },
      { method: 'PATCH' as const, url: `/v0/admin/markets/${String(id)}/approve`, payload: { confirm: true } },
      { method: 'PATCH' as const, url: `/v0/admin/markets/${String(id)}/reject`, payload: { reason: 'no' } },
      { method: 'PATCH' as const, url: `/v0/admin/markets/${String(id)}/steward`, payload: { stewardUsername: 'mod', reason: 'no' } },
    ];
    for (const request of requests) {
      const anonymous = await t.inject(request);
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ ok: false, reason: 'INVALID_TOKEN' });
      for (const token of [tokens.regular, tokens.moderator, tokens.suspended, tokens.steward]) {
        const denied = await t.inject({ ...request, headers: bearer(token) });
        expect(denied.statusCode, `${request.url}: ${denied.body}`).toBe(403);
        expect(denied.json()).toMatchObject({ ok: false, reason: 'AUTHORIZATION_DENIED' });
      }
    }
    const listed = await t.inject({ method: 'GET', url: '/v0/admin/markets', headers: bearer(tokens.admin) });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().result.markets[0]).toMatchObject({ id, lifecycleStatus: 'proposed', stewardUsername: 'stew' });
  });
});

describe('review list', () => {
  it('serves the sidebar count, every tab of the review page and the search, and refuses bad paging with 400', async () => {
    const [first, second] = [await propose('Alpha'), await propose('Beta')];
    const get = (query: string) => t.inject({ method: 'GET', url: `/v0/admin/markets?${query}`, headers: bearer(tokens.admin) });
    const sidebar = await get('status=proposed&limit=1&offset=0');
    expect(sidebar.json()).toEqual({ ok: true, result: { markets: [expect.objectContaining({ id: second })], total: 2, limit: 1, offset: 0 } });
    for (const status of ['proposed', 'published', 'rejected', 'closed', 'resolved', 'all']) {
      const tab = await get(`status=${status}&limit=20&offset=0&query=alp`);
      expect(tab.statusCode, tab.body).toBe(200);
      expect(tab.json().result.total).toBe(status === 'proposed' || status === 'all' ? 1 : 0);
    }
    const row = (await get('')).json().result.markets.find((market: { id: number }) => market.id === first);
    expect(row).toEqual({
      rowKey: `market:${String(first)}`,
      id: first,
      questionTitle: 'Alpha',
      description: 'Snow',
      creatorUsername: 'stew',
      stewardUsername: 'stew',
      yesLabel: 'YES',
      noLabel: 'NO',
      status: 'proposed',
      lifecycleStatus: 'proposed',
      proposalCost: 10,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      resolutionDateTime: expect.any(String),
    });
    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'offset=-1', 'status=pending', `query=${'x'.repeat(101)}`]) {
      const refused = await get(query);
      expect(refused.statusCode, query).toBe(400);
    }
  });
});

describe('approve and reject', () => {
  it('publishes on approval: listed publicly and tradable; a second review is 409', async () => {
    const id = await propose();
    expect((await t.inject({ method: 'GET', url: '/v0/markets?status=all' })).json().markets ?? []).toHaveLength(0);
    const missingConfirm = await t.inject({ method: 'PATCH', url: `/v0/admin/markets/${String(id)}/approve`, headers: bearer(tokens.admin), payload: { confirm: false } });
    expect(missingConfirm.statusCode).toBe(400);
    const bet = () => t.inject({ method: 'POST', url: '/v0/bet', headers: bearer(tokens.regular), payload: { marketId: id, amount: 5, outcome: 'YES' } });
    expect((await bet()).statusCode).toBe(409);

    const approved = await t.inject({ method: 'PATCH', url: `/v0/admin/markets/${String(id)}/approve`, headers: bearer(tokens.admin), payload: { confirm: true } });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().result).toMatchObject({ id, status: 'active', lifecycleStatus: 'published', approvedBy: 'boss', approvedAt: expect.any(String), proposalCost: 10 });
    expect((await bet()).statusCode).toBe(201);
    const again = await t.inject({ method: 'PATCH', url: `/v0/admin/markets/${String(id)}/reject`, headers: bearer(tokens.admin), payload: { reason: 'late' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ ok: false, reason: 'INVALID_STATE' });
  });

  it('refunds the proposal cost on rejection; unknown markets are 404 and bad reasons 400', async () => {
    const id = await propose();
    const before = await balance('stew');
    const blank = await t.inject({ method: 'PATCH', url: `/v0/admin/markets/${String(id)}/reject`, headers: bearer(tokens.admin), payload: { reason: '' } });
    expect(blank.statusCode).toBe(400);
    const rejected = await t.inject({ method: 'PATCH', url: `/v0/admin/markets/${String(id)}/reject`, headers: bearer(tokens.admin), payload: { reason: 'Duplicate' } });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json().result).toMatchObject({ status: 'rejected', rejectedBy: 'boss', rejectionReason: 'Duplicate', rejectedAt: expect.any(String) });
    expect(await balance('stew')).toBe((before as number) + 10);
    const twice = await t.inject({ method: 'PATCH', url: `/v0/admin/markets/${String(id)}/approve`, headers: bearer(tokens.admin), payload: { confirm: true } });
    expect(twice.statusCode).toBe(409);
    const missing = await t.inject({ method: 'PATCH', url: '/v0/admin/markets/999/approve', headers: bearer(tokens.admin), payload: { confirm: true } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ reason: 'MARKET_NOT_FOUND' });
  });
});

describe('steward reassignment', () => {
  it('moves the stewardship, returns the audit rows, and lists them; unknown or ineligible users are 404', async () => {
    const id = await propose();
    const move = (stewardUsername: string, marketId = id) =>
      t.inject({ method: 'PATCH', url: `/v0/admin/markets/${String(marketId)}/steward`, headers: bearer(tokens.admin), payload: { stewardUsername, reason: 'On leave' } });
    const moved = await move('mod');
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().result).toMatchObject({
      stewardUsername: 'mod',
      stewardshipAudits: [{ id: expect.any(Number), marketId: id, fromStewardUsername: 'stew', toStewardUsername: 'mod', actorUsername: 'boss', reason: 'On leave', createdAt: expect.any(String) }],
    });
    for (const username of ['nobody', 'sus', 'joe', 'boss']) {
      const refused = await move(username);
      expect(refused.statusCode, username).toBe(404);
      expect(refused.json()).toMatchObject({ reason: 'USER_NOT_FOUND' });
    }
    expect((await move('mod', 999)).statusCode).toBe(404);
    const listed = await t.inject({ method: 'GET', url: '/v0/admin/markets?status=all', headers: bearer(tokens.admin) });
    expect(listed.json().result.markets[0].stewardshipAudits).toHaveLength(1);
  });
});
