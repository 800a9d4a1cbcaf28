// User governance over the whole HTTP adapter on the memory fakes (docs/api.md#user-governance): the user list with
// strict paging, promotion, suspension and reinstatement with their reasons, who may call them, what a suspension
// takes away, and the financial summary read model.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts';

const USERS = '/v0/admin/users';
const role = (username: string) => `/v0/admin/users/${username}/role`;
const suspension = (username: string) => `/v0/admin/moderators/${username}/suspension`;
const summary = (username: string) => `/v0/read/users/${username}/financial-summary`;
const inAWeek = () => new Date(TEST_NOW + 7 * 86_400_000).toISOString();

let t: TestApp;
let admin: string;

beforeEach(async () => {
  t = await createTestApp();
  admin = await t.user('boss', { role: 'ADMIN' });
});
afterEach(() => t.close());

const get = (url: string, token = admin) => t.inject({ method: 'GET', url, headers: bearer(token) });
const patch = (url: string, payload: object, token = admin, headers: Record<string, string> = {}) =>
  t.inject({ method: 'PATCH', url, headers: { ...bearer(token), ...headers }, payload });
const createMarket = (token: string) =>
  t.inject({
    method: 'POST',
    url: '/v0/markets',
    headers: bearer(token),
    payload: { questionTitle: 'Will the vote pass?', description: '', outcomeType: 'BINARY', resolutionDateTime: inAWeek() },
  });
const stored = async (username: string) => (await t.ports.users.findByUsername(username))._unsafeUnwrap();

describe('who may call the governance routes', () => {
  it('answers 401 without a token, 403 to a regular user, a steward, a moderator and a suspended moderator, 200 to an admin', async () => {
    const regular = await t.user('joe');
    const steward = await t.user('stew');
    expect((await createMarket(steward)).statusCode).toBe(201);
    const moderator = await t.user('mod', { role: 'MODERATOR' });
    const suspended = await t.user('sus', { role: 'MODERATOR', suspended: true });
    await t.user('carl');
    const requests = [
      { method: 'GET' as const, url: USERS },
      { method: 'PATCH' as const, url: role('carl'), payload: { usertype: 'MODERATOR', reason: 'trusted' } },
      { method: 'PATCH' as const, url: suspension('mod'), payload: { suspended: true, reason: 'spam' } },
    ];
    for (const request of requests) {
      const anonymous = await t.inject(request);
      expect(anonymous.statusCode, request.url).toBe(401);
      expect(anonymous.json()).toMatchObject({ ok: false, reason: 'INVALID_TOKEN' });
      for (const token of [regular, steward, moderator, suspended]) {
        const denied = await t.inject({ ...request, headers: bearer(token) });
        expect(denied.statusCode, request.url).toBe(403);
        expect(denied.json()).toMatchObject({ ok: false, reason: 'AUTHORIZATION_DENIED' });
      }
    }
    // The refused attempts changed nothing.
    expect(await stored('carl')).toMatchObject({ role: 'REGULAR', moderatorStatus: 'none' });
    expect(await stored('mod')).toMatchObject({ moderatorStatus: 'active' });
    for (const request of requests) {
      expect((await t.inject({ ...request, headers: bearer(admin) })).statusCode, request.url).toBe(200);
    }
  });
});

describe('GET /v0/admin/users', () => {
  beforeEach(async () => {
    await t.user('anna');
    await t.user('bert');
    await t.user('mona', { role: 'MODERATOR' });
    await t.user('sus', { role: 'MODERATOR', suspended: true });
  });

  it('lists AdminUser rows in username order with total, limit and offset', async () => {
    const response = await get(USERS);
    expect(response.statusCode).toBe(200);
    const { result } = response.json();
    expect(result).toMatchObject({ total: 5, limit: 100, offset: 0 });
    expect(result.users.map((user: { username: string }) => user.username)).toEqual(['anna', 'bert', 'boss', 'mona', 'sus']);
    expect(result.users[0]).toEqual({
      id: expect.any(Number),
      username: 'anna',
      displayName: 'anna',
      usertype: 'REGULAR',
      moderatorStatus: 'none',
      accountBalance: expect.any(Number),
      mustChangePassword: false,
      createdAt: new Date(TEST_NOW).toISOString(),
      updatedAt: new Date(TEST_NOW).toISOString(),
    });
    expect(response.body).not.toMatch(/passwordHash|hash-of|\$argon/);
  });

  it('filters by usertype and by a search of username or display name, and pages', async () => {
    const names = async (query: string) => {
      const response = await get(`${USERS}?${query}`);
      expect(response.statusCode, query).toBe(200);
      const { result } = response.json();
      return [result.users.map((user: { username: string }) => user.username), result.total];
    };
    expect(await names('usertype=MODERATOR')).toEqual([['mona', 'sus'], 2]);
    expect(await names('usertype=regular')).toEqual([['anna', 'bert'], 2]);
    expect(await names('query=ON&usertype=MODERATOR')).toEqual([['mona'], 1]);
    expect(await names('query=b')).toEqual([['bert', 'boss'], 2]);
    expect(await names('limit=2&offset=1')).toEqual([['bert', 'boss'], 5]);
    expect(await names('limit=250&offset=100000')).toEqual([[], 5]);
    // What the web app's queue sends: an empty usertype or query means no filter.
    expect(await names('limit=21&offset=0&usertype=&query=')).toEqual([['anna', 'bert', 'boss', 'mona', 'sus'], 5]);
  });

  it('refuses out-of-range paging with 400 VALIDATION_FAILED and malformed numbers with 400 INVALID_REQUEST', async () => {
    for (const query of ['limit=0', 'limit=251', 'offset=100001', 'limit=99999999999999999999', 'usertype=OWNER', 'query=a%00b', `query=${'q'.repeat(101)}`]) {
      const response = await get(`${USERS}?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json(), query).toMatchObject({ ok: false, reason: 'VALIDATION_FAILED' });
    }
    for (const query of ['limit=abc', 'limit=1.5', 'offset=-1', 'limit=01', 'offset=%201', 'limit=']) {
      const response = await get(`${USERS}?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json(), query).toMatchObject({ ok: false, reason: 'INVALID_REQUEST' });
    }
  });
});

describe('PATCH /v0/admin/users/{username}/role', () => {
  it('promotes a regular user to an active moderator, who may then create markets in moderator mode', async () => {
    await t.close();
    t = await createTestApp({ GAME_MODE: 'moderator' });
    admin = await t.user('boss', { role: 'ADMIN' });
    const carl = await t.user('carl');
    expect((await createMarket(carl)).json()).toMatchObject({ reason: 'USER_NOT_APPROVED' });
    const response = await patch(role('carl'), { usertype: 'MODERATOR', reason: 'approved for moderator mode' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, result: { username: 'carl', usertype: 'MODERATOR', moderatorStatus: 'active' } });
    expect(response.json().result).not.toHaveProperty('moderatorSuspendedAt');
    expect((await createMarket(carl)).statusCode).toBe(201);
  });

  it('refuses another usertype (400), an administrator or a moderator (409), an unknown user (404) and a bad username (400)', async () => {
    await t.user('carl');
    await t.user('mona', { role: 'MODERATOR' });
    for (const usertype of ['REGULAR', 'ADMIN', 'OWNER']) {
      const response = await patch(role('carl'), { usertype, reason: 'r' });
      expect(response.statusCode, usertype).toBe(400);
      expect(response.json()).toMatchObject({ reason: 'VALIDATION_FAILED' });
    }
    expect(await stored('carl')).toMatchObject({ role: 'REGULAR' });
    for (const username of ['mona', 'boss']) {
      const response = await patch(role(username), { usertype: 'MODERATOR', reason: 'r' });
      expect(response.statusCode, username).toBe(409);
      expect(response.json()).toMatchObject({ reason: 'INVALID_STATE' });
    }
    expect(await stored('boss')).toMatchObject({ role: 'ADMIN' });
    expect((await patch(role('ghost'), { usertype: 'MODERATOR' })).json()).toMatchObject({ reason: 'USER_NOT_FOUND' });
    expect((await patch(role('Bad!'), { usertype: 'MODERATOR' })).statusCode).toBe(400);
    expect((await patch(role('carl'), { reason: 'no usertype' })).statusCode).toBe(400);
    expect((await patch(role('carl'), { usertype: 'MODERATOR', reason: '<script>x</script>' })).json()).toMatchObject({ reason: 'VALIDATION_FAILED' });
    expect((await patch(role('carl'), { usertype: 'MODERATOR', reason: 'r'.repeat(501) })).json()).toMatchObject({ reason: 'VALIDATION_FAILED' });
  });
});

describe('PATCH /v0/admin/moderators/{username}/suspension', () => {
  it('suspends with a reason kept on the user and the audit row, and reinstates, clearing it', async () => {
    const mona = await t.user('mona', { role: 'MODERATOR' });
    const suspended = await patch(suspension('mona'), { suspended: true, reason: '  approved spam  ' });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json().result).toMatchObject({
      username: 'mona',
      usertype: 'MODERATOR',
      moderatorStatus: 'suspended',
      moderatorSuspensionReason: 'approved spam',
      moderatorSuspendedBy: 'boss',
      moderatorSuspendedAt: new Date(t.ports.clock.now()).toISOString(),
    });
    // The token issued before the suspension now meets the new standing (roles are re-read on every request).
    expect((await createMarket(mona)).json()).toMatchObject({ ok: false, reason: 'USER_NOT_APPROVED' });
    expect((await createMarket(mona)).statusCode).toBe(403);

    const reinstated = await patch(suspension('mona'), { suspended: false });
    expect(reinstated.statusCode).toBe(200);
    expect(reinstated.json().result).toMatchObject({ moderatorStatus: 'active' });
    expect(reinstated.json().result).not.toHaveProperty('moderatorSuspensionReason');
    expect((await createMarket(mona)).statusCode).toBe(201);

    const audit = (await get('/v0/admin/audit?action=setRole')).json().result.entries;
    expect(audit.map((row: { target: string; outcome: string; inputs: object }) => [row.target, row.outcome, row.inputs])).toEqual([
      ['mona', 'ok', { change: 'unsuspend', role: null, reason: null }],
      ['mona', 'ok', { change: 'suspend', role: null, reason: 'approved spam' }],
    ]);
  });

  it('needs a reason to suspend (400), and refuses a user who is not a moderator (409) or does not exist (404)', async () => {
    await t.user('mona', { role: 'MODERATOR' });
    await t.user('carl');
    for (const payload of [{ suspended: true }, { suspended: true, reason: '   ' }, { suspended: true, reason: 'x'.repeat(501) }]) {
      const response = await patch(suspension('mona'), payload);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ reason: 'VALIDATION_FAILED' });
    }
    expect(await stored('mona')).toMatchObject({ moderatorStatus: 'active' });
    for (const payload of [{ suspended: true, reason: 'r' }, { suspended: false }]) {
      expect((await patch(suspension('carl'), payload)).json()).toMatchObject({ reason: 'INVALID_STATE' });
      expect((await patch(suspension('boss'), payload)).statusCode).toBe(409);
    }
    expect((await patch(suspension('ghost'), { suspended: true, reason: 'r' })).statusCode).toBe(404);
    expect((await patch(suspension('mona'), { suspended: 'yes', reason: 'r' })).statusCode).toBe(400);
  });

  it('replays a retried suspension with the same Idempotency-Key instead of running it again', async () => {
    await t.user('mona', { role: 'MODERATOR' });
    const first = await patch(suspension('mona'), { suspended: true, reason: 'spam' }, admin, { 'idempotency-key': 'sus-1' });
    t.ports.clock.advance(60_000);
    const again = await patch(suspension('mona'), { suspended: true, reason: 'spam' }, admin, { 'idempotency-key': 'sus-1' });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect((await stored('mona'))?.moderatorSuspendedAt).toBe(t.ports.clock.now() - 60_000);
  });

  it('leaves a suspended moderator the steward of its markets, who still resolves them (docs/api.md#roles)', async () => {
    const mona = await t.user('mona', { role: 'MODERATOR' });
    const created = await createMarket(mona);
    const marketId = (created.json() as { id: number }).id;
    (await patch(suspension('mona'), { suspended: true, reason: 'spam' })).json();
    const resolved = await t.inject({ method: 'POST', url: `/v0/markets/${String(marketId)}/resolve`, headers: bearer(mona), payload: { resolution: 'YES' } });
    expect(resolved.statusCode).toBe(204);
  });
});

describe('GET /v0/read/users/{username}/financial-summary', () => {
  it('gives any signed-in user the figures, the position count and live freshness; 401 without a token', async () => {
    const alice = await t.user('alice');
    const bob = await t.user('bob');
    const moderator = await t.user('mod', { role: 'MODERATOR' });
    const suspended = await t.user('sus', { role: 'MODERATOR', suspended: true });
    const marketId = ((await createMarket(alice)).json() as { id: number }).id;
    expect((await t.inject({ method: 'POST', url: '/v0/bet', headers: bearer(bob), payload: { marketId, amount: 10, outcome: 'YES' } })).statusCode).toBe(201);

    expect((await t.inject({ method: 'GET', url: summary('bob') })).statusCode).toBe(401);
    for (const token of [alice, bob, moderator, suspended, admin]) {
      const response = await get(summary('bob'), token);
      expect(response.statusCode).toBe(200);
      const { result } = response.json();
      expect(result).toMatchObject({ username: 'bob', positionCount: 1, freshness: { source: 'live', isStale: false, targetFreshnessSeconds: 600 } });
      // The same figures as the live financial map.
      expect(result.financial).toEqual((await t.inject({ method: 'GET', url: '/v0/users/bob/financial' })).json().financial);
      expect(result.financial.totalSpent).toBe(10);
    }
    expect((await get(summary('alice'), bob)).json().result.positionCount).toBe(0);
  });

  it('answers 404 NOT_FOUND for an unknown user and 400 for a malformed username', async () => {
    const response = await get(summary('ghost'));
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ ok: false, reason: 'NOT_FOUND' });
    expect((await get(summary('Bad!'))).statusCode).toBe(400);
  });
});
