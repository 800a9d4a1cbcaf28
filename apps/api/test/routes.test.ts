// Per-route contract tests over the in-memory fakes: success shapes checked against the declared schemas, every
// documented error reason, and the auth and role rules (API-3, API-5, SEC-2, SEC-3).
import { SignJWT, UnsecuredJWT } from 'jose';
import { ok as okResult } from 'neverthrow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectContract } from './helpers/contract.ts';
import { bearer, createTestApp, STRONG_PASSWORD, TEST_NOW, type TestApp } from './helpers/test-app.ts';
import { TEST_JWT_KEY } from './helpers/test-config.ts';

let t: TestApp;
let tokens: Record<'admin' | 'alice' | 'bob' | 'carol', string>;
let marketId: number;

const inAWeek = () => new Date(TEST_NOW + 7 * 86_400_000).toISOString();

async function call(method: 'GET' | 'POST', url: string, options: { token?: string; body?: unknown } = {}) {
  const response = await t.inject({
    method,
    url,
    ...(options.token === undefined ? {} : { headers: bearer(options.token) }),
    ...(options.body === undefined ? {} : { payload: options.body as object }),
  });
  return response;
}

async function ok(method: 'GET' | 'POST', url: string, options: { token?: string; body?: unknown; status?: number } = {}) {
  const response = await call(method, url, options);
  expect(response.statusCode, response.body).toBe(options.status ?? 200);
  expectContract(t.server, method, url, response);
  return response.statusCode === 204 ? undefined : response.json();
}

async function fails(method: 'GET' | 'POST', url: string, status: number, reason: string, options: { token?: string; body?: unknown } = {}) {
  const response = await call(method, url, options);
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json()).toMatchObject({ ok: false, reason, message: expect.any(String) });
  return response.json();
}

async function createMarket(token: string, title = 'Will it rain tomorrow?') {
  const market = await ok('POST', '/v0/markets', {
    token,
    status: 201,
    body: { questionTitle: title, description: 'Rain <b>or</b> shine', outcomeType: 'BINARY', resolutionDateTime: inAWeek() },
  });
  return market.id as number;
}

beforeEach(async () => {
  t = await createTestApp();
  tokens = {
    admin: await t.user('admin', { role: 'ADMIN' }),
    alice: await t.user('alice'),
    bob: await t.user('bob'),
    carol: await t.user('carol'),
  };
  marketId = await createMarket(tokens.alice);
  await ok('POST', '/v0/bet', { token: tokens.bob, status: 201, body: { marketId, amount: 20, outcome: 'YES' } });
  await ok('POST', '/v0/bet', { token: tokens.carol, status: 201, body: { marketId, amount: 30, outcome: 'no' } });
});

afterEach(async () => {
  await t.close();
});

describe('authentication (T1-01, T1-02, SEC-1…SEC-3)', () => {
  it('logs in and reports the role and flags', async () => {
    const body = await ok('POST', '/v0/login', { body: { username: 'alice', password: STRONG_PASSWORD } });
    expect(body.result).toMatchObject({ username: 'alice', usertype: 'REGULAR', moderatorStatus: 'none', mustChangePassword: false });
  });

  it('answers a wrong password and an unknown user with the same 401 body', async () => {
    const wrong = await fails('POST', '/v0/login', 401, 'AUTHORIZATION_DENIED', { body: { username: 'alice', password: 'nope' } });
    const unknown = await fails('POST', '/v0/login', 401, 'AUTHORIZATION_DENIED', { body: { username: 'nobody', password: 'nope' } });
    expect(unknown).toEqual(wrong);
    expect(t.ports.passwordHasher.calls.verifyDummy).toBeGreaterThan(0);
  });

  it('rejects unknown login fields, bad usernames and empty passwords', async () => {
    await fails('POST', '/v0/login', 400, 'INVALID_REQUEST', { body: { username: 'alice', password: 'x', remember: true } });
    await fails('POST', '/v0/login', 400, 'VALIDATION_FAILED', { body: { username: 'Alice!', password: 'x' } });
    await fails('POST', '/v0/login', 400, 'VALIDATION_FAILED', { body: { username: 'alice', password: '' } });
    await fails('POST', '/v0/login', 400, 'VALIDATION_FAILED', { body: { username: 'alice' } });
  });

  it('changes the password, revokes older tokens and clears the gate', async () => {
    const gated = await t.user('dave', { mustChangePassword: true });
    await fails('GET', '/v0/privateprofile', 403, 'PASSWORD_CHANGE_REQUIRED', { token: gated });
    await fails('POST', '/v0/changepassword', 400, 'VALIDATION_FAILED', { token: gated, body: { currentPassword: STRONG_PASSWORD, newPassword: 'password' } });
    await fails('POST', '/v0/changepassword', 400, 'VALIDATION_FAILED', { token: gated, body: { currentPassword: STRONG_PASSWORD, newPassword: STRONG_PASSWORD } });
    await fails('POST', '/v0/changepassword', 401, 'AUTHORIZATION_DENIED', { token: gated, body: { currentPassword: 'Wrong1pass', newPassword: 'Fresh5Password' } });
    const changed = await ok('POST', '/v0/changepassword', { token: gated, body: { currentPassword: STRONG_PASSWORD, newPassword: 'Fresh5Password' } });
    expect(changed.result.message).toEqual(expect.any(String));
    await fails('GET', '/v0/privateprofile', 401, 'INVALID_TOKEN', { token: gated });
    const fresh = await t.login('dave', 'Fresh5Password');
    expect((await ok('GET', '/v0/privateprofile', { token: fresh })).result.mustChangePassword).toBe(false);
  });

  it.each([
    ['no header', undefined],
    ['garbage', 'not-a-token'],
  ])('refuses %s with 401 INVALID_TOKEN', async (_label, token) => {
    const response = await t.inject({ method: 'GET', url: '/v0/privateprofile', headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
    expect([response.statusCode, response.json().reason]).toEqual([401, 'INVALID_TOKEN']);
  });

  it('refuses forged, alg:none, expired and other-algorithm tokens', async () => {
    const iat = Math.floor(TEST_NOW / 1000);
    const forged = await new SignJWT({ username: 'alice', uid: 2, pwv: 1 }).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuedAt(iat).setExpirationTime(iat + 60).sign(new TextEncoder().encode('some-other-key-that-is-long-enough!!'));
    const none = new UnsecuredJWT({ username: 'alice', uid: 2, pwv: 1 }).setSubject('alice').setIssuedAt(iat).setExpirationTime(iat + 60).encode();
    const expired = await new SignJWT({ username: 'alice', uid: 2, pwv: 1 }).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuedAt(iat - 7200).setExpirationTime(iat - 3600).sign(new TextEncoder().encode(TEST_JWT_KEY));
    const hs512 = await new SignJWT({ username: 'alice', uid: 2, pwv: 1 }).setProtectedHeader({ alg: 'HS512' }).setSubject('alice').setIssuedAt(iat).setExpirationTime(iat + 60).sign(new TextEncoder().encode(TEST_JWT_KEY.repeat(2)));
    for (const token of [forged, none, expired, hs512]) await fails('GET', '/v0/privateprofile', 401, 'INVALID_TOKEN', { token });
  });

  it('answers 404 USER_NOT_FOUND when the token’s user does not exist', async () => {
    const iat = Math.floor(TEST_NOW / 1000);
    const ghost = await new SignJWT({ username: 'ghost', uid: 99, pwv: 1 }).setProtectedHeader({ alg: 'HS256' }).setSubject('ghost').setIssuedAt(iat).setExpirationTime(iat + 60).sign(new TextEncoder().encode(TEST_JWT_KEY));
    await fails('GET', '/v0/privateprofile', 404, 'USER_NOT_FOUND', { token: ghost });
  });

  it('refuses a deleted account’s token for a new account of the same name and password version', async () => {
    const before = t.ports.database.autocommit.read().users.get('alice');
    (await t.ports.database.autocommit.write((tables) => okResult(tables.users.delete('alice'))))._unsafeUnwrap();
    await t.user('alice');
    const successor = t.ports.database.autocommit.read().users.get('alice');
    expect(successor?.id).not.toBe(before?.id);
    expect(successor?.passwordVersion).toBe(before?.passwordVersion);
    await fails('GET', '/v0/privateprofile', 401, 'INVALID_TOKEN', { token: tokens.alice });
  });

  it('never reads the token on public routes', async () => {
    const response = await t.inject({ method: 'GET', url: '/v0/usercredit/alice', headers: { authorization: 'Bearer expired.or.garbage' } });
    expect(response.statusCode).toBe(200);
  });
});

describe('own profile (T1-03…T1-07)', () => {
  it('returns the private profile with its casings and no secrets', async () => {
    const body = await ok('GET', '/v0/privateprofile', { token: tokens.alice });
    expect(body.result).toMatchObject({ username: 'alice', displayname: 'alice', usertype: 'REGULAR', email: '', mustChangePassword: false });
    expect(JSON.stringify(body)).not.toMatch(/password(Hash|Version)/);
  });

  it('changes display name, emoji, description and links', async () => {
    expect((await ok('POST', '/v0/profilechange/displayname', { token: tokens.alice, body: { displayName: ' Alice <i>A.</i> ' } })).result.displayname).toBe('Alice A.');
    expect((await ok('POST', '/v0/profilechange/emoji', { token: tokens.alice, body: { emoji: '🚀' } })).result.personalEmoji).toBe('🚀');
    expect((await ok('POST', '/v0/profilechange/description', { token: tokens.alice, body: { description: 'Hi <b>there</b><p>!</p>' } })).ok).toBe(true);
    const links = await ok('POST', '/v0/profilechange/links', { token: tokens.alice, body: { personalLink1: 'example.org/alice', personalLink2: '' } });
    expect(links.result.personalink1).toBe('https://example.org/alice');
  });

  it('rejects a taken display name and broken rules', async () => {
    await fails('POST', '/v0/profilechange/displayname', 400, 'VALIDATION_FAILED', { token: tokens.alice, body: { displayName: 'bob' } });
    await fails('POST', '/v0/profilechange/emoji', 400, 'VALIDATION_FAILED', { token: tokens.alice, body: { emoji: 'abc' } });
    await fails('POST', '/v0/profilechange/links', 400, 'VALIDATION_FAILED', { token: tokens.alice, body: { personalLink1: 'javascript:alert(1)' } });
    await fails('POST', '/v0/profilechange/displayname', 400, 'INVALID_REQUEST', { token: tokens.alice, body: { displayName: 42 } });
    await fails('POST', '/v0/profilechange/emoji', 401, 'INVALID_TOKEN', { body: { emoji: '🚀' } });
  });
});

describe('users (T1-16…T1-21, T1-42)', () => {
  it('serves credit, public profile, portfolio and financials raw', async () => {
    expect(await ok('GET', '/v0/usercredit/bob')).toEqual({ credit: 479 });
    expect(await ok('GET', '/v0/usercredit/nobody')).toEqual({ credit: 500 });
    expect(await ok('GET', '/v0/userinfo/bob')).toMatchObject({ username: 'bob', accountBalance: -21, usertype: 'REGULAR' });
    expect(await ok('GET', '/v0/portfolio/bob')).toMatchObject({ portfolioItems: [{ marketId, yesSharesOwned: 36, noSharesOwned: 0 }], totalSharesOwned: 36 });
    expect(await ok('GET', '/v0/portfolio/nobody')).toEqual({ portfolioItems: [], totalSharesOwned: 0 });
    expect((await ok('GET', '/v0/users/bob/financial')).financial).toMatchObject({ accountBalance: -21, amountInPlay: expect.any(Number) });
  });

  it('answers bad and unknown usernames', async () => {
    await fails('GET', '/v0/userinfo/nobody', 404, 'USER_NOT_FOUND');
    await fails('GET', '/v0/users/nobody/financial', 404, 'USER_NOT_FOUND');
    for (const url of ['/v0/userinfo/Bad!', '/v0/usercredit/ab', '/v0/portfolio/UPPER', '/v0/users/x/financial']) await fails('GET', url, 400, 'INVALID_REQUEST');
  });

  it('lists stewarded markets for the caller and for a named user', async () => {
    expect((await ok('GET', '/v0/profile/markets', { token: tokens.alice })).result).toMatchObject({ total: 1, markets: [{ id: marketId }] });
    expect((await ok('GET', '/v0/users/alice/owned-markets?limit=500', { token: tokens.bob })).result.total).toBe(1);
    await fails('GET', '/v0/profile/markets?status=weird', 400, 'INVALID_REQUEST', { token: tokens.alice });
    await fails('GET', '/v0/users/alice/owned-markets', 401, 'INVALID_TOKEN');
  });

  it('creates users for admins only, checking auth before the body', async () => {
    const created = await ok('POST', '/v0/admin/createuser', { token: tokens.admin, body: { username: 'erin' } });
    expect(created).toMatchObject({ message: 'User created successfully', username: 'erin', usertype: 'REGULAR' });
    expect(created.password).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)[A-Za-z\d]{12}$/);
    await fails('POST', '/v0/admin/createuser', 400, 'VALIDATION_FAILED', { token: tokens.admin, body: { username: 'erin' } });
    await fails('POST', '/v0/admin/createuser', 400, 'VALIDATION_FAILED', { token: tokens.admin, body: { username: 'E R' } });
    await fails('POST', '/v0/admin/createuser', 403, 'AUTHORIZATION_DENIED', { token: tokens.bob, body: { username: 'frank' } });
    await fails('POST', '/v0/admin/createuser', 403, 'AUTHORIZATION_DENIED', { token: tokens.bob, body: 'not json' });
    await fails('POST', '/v0/admin/createuser', 401, 'INVALID_TOKEN', { body: { username: 'frank' } });
    const gatedAdmin = await t.user('root', { role: 'ADMIN', mustChangePassword: true });
    await fails('POST', '/v0/admin/createuser', 403, 'PASSWORD_CHANGE_REQUIRED', { token: gatedAdmin, body: { username: 'frank' } });
  });
});

describe('market reads (T1-22…T1-32)', () => {
  it('lists markets raw with the page-size total and validates the status filter', async () => {
    for (const url of ['/v0/markets', '/v0/markets/active', '/v0/markets/status', '/v0/markets/status/ACTIVE', '/v0/markets?limit=abc&offset=-3']) {
      expect(await ok('GET', url)).toMatchObject({ total: 1, markets: [{ market: { id: marketId, status: 'active' }, lastProbability: 0.4166666666666667, numUsers: 2 }] });
    }
    expect(await ok('GET', '/v0/markets/resolved')).toEqual({ markets: [], total: 0 });
    await fails('GET', '/v0/markets?status=bogus', 400, 'INVALID_REQUEST');
    await fails('GET', '/v0/markets/status/bogus', 400, 'INVALID_REQUEST');
  });

  it('searches with a required, bounded query', async () => {
    expect(await ok('GET', '/v0/markets/search?q=RAIN')).toMatchObject({ query: 'RAIN', primaryStatus: 'all', primaryCount: 1, fallbackUsed: false });
    await fails('GET', '/v0/markets/search', 400, 'INVALID_REQUEST');
    await fails('GET', `/v0/markets/search?query=${'x'.repeat(101)}`, 400, 'VALIDATION_FAILED');
    await fails('GET', '/v0/markets/search?q=a&status=nope', 400, 'INVALID_REQUEST');
  });

  it('serves the detail with its probability path and checks the id', async () => {
    const detail = await ok('GET', `/v0/markets/${marketId}`);
    expect(detail).toMatchObject({
      market: { id: marketId, finalResolutionDateTime: '0001-01-01T00:00:00Z', resolutionResult: '', initialProbability: 0.5, description: 'Rain <b>or</b> shine' },
      probabilityChangesTruncated: false,
      lastProbability: 0.4166666666666667,
      totalVolume: 50,
      marketDust: 0,
      numUsers: 2,
      descriptionAmendments: [],
    });
    expect(detail.probabilityChanges.map((point: { probability: number }) => point.probability)).toEqual([0.5, 0.8333333333333334, 0.4166666666666667]);
    await fails('GET', '/v0/markets/abc', 400, 'INVALID_REQUEST');
    await fails('GET', '/v0/markets/0', 400, 'INVALID_REQUEST');
    await fails('GET', '/v0/markets/999', 404, 'MARKET_NOT_FOUND');
    const summary = await ok('GET', `/v0/read/markets/${marketId}/summary`);
    expect(summary.result).toMatchObject({ totalVolume: 50, freshness: { isStale: false } });
    await fails('GET', '/v0/read/markets/999/summary', 404, 'MARKET_NOT_FOUND');
  });

  it('writes the probability path once per history into the detail and the summary, whatever the title says', async () => {
    const alice = await t.user('alice');
    const bob = await t.user('bob');
    const title = 'Is "probabilityChanges":[] a key? — ✓ 🎲';
    const id = await createMarket(alice, title);
    await ok('POST', '/v0/bet', { token: bob, status: 201, body: { marketId: id, amount: 5, outcome: 'YES' } });
    // The body goes out as bytes: its length counts bytes, not characters.
    for (const url of [`/v0/markets/${id}`, `/v0/read/markets/${id}/summary`]) {
      const response = await call('GET', url);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
      expect(response.rawPayload.length).toBeGreaterThan(response.body.length);
    }
    for (const round of [1, 2]) {
      const detail = await ok('GET', `/v0/markets/${id}`);
      const summary = (await ok('GET', `/v0/read/markets/${id}/summary`)).result;
      for (const body of [detail, summary]) {
        expect(body.market.questionTitle).toBe(title);
        expect(body.probabilityChanges).toEqual([
          { probability: 0.5, timestamp: expect.any(String) },
          { probability: detail.lastProbability, timestamp: expect.any(String) },
        ]);
      }
      expect(summary.probabilityChanges, `read ${round}`).toEqual(detail.probabilityChanges);
    }
    await ok('POST', '/v0/bet', { token: bob, status: 201, body: { marketId: id, amount: 5, outcome: 'NO' } });
    expect((await ok('GET', `/v0/markets/${id}`)).probabilityChanges).toHaveLength(3);
    expect((await ok('GET', `/v0/read/markets/${id}/summary`)).result.probabilityChanges).toHaveLength(3);
  });

  it('caps the probability path at PROBABILITY_POINTS_MAX', async () => {
    await t.close();
    t = await createTestApp({ PROBABILITY_POINTS_MAX: '2' });
    const alice = await t.user('alice');
    const bob = await t.user('bob');
    const id = await createMarket(alice);
    for (let i = 0; i < 3; i += 1) await ok('POST', '/v0/bet', { token: bob, status: 201, body: { marketId: id, amount: 5, outcome: 'YES' } });
    const detail = await ok('GET', `/v0/markets/${id}`);
    expect(detail.probabilityChanges).toHaveLength(2);
    expect(detail.probabilityChangesTruncated).toBe(true);
    expect(detail.probabilityChanges[1].probability).toBe(detail.lastProbability);
  });

  it('lists bets, positions and the leaderboard', async () => {
    const all = await ok('GET', `/v0/markets/bets/${marketId}`);
    expect(all.result.map((row: { username: string }) => row.username)).toEqual(['bob', 'carol']);
    const paged = await ok('GET', `/v0/markets/bets/${marketId}?limit=21`);
    expect(paged.result.map((row: { username: string }) => row.username)).toEqual(['carol', 'bob']);
    expect((await ok('GET', `/v0/markets/positions/${marketId}`)).result).toHaveLength(2);
    expect((await ok('GET', `/v0/markets/positions/${marketId}?limit=21`)).result).toMatchObject({ positions: expect.any(Array), freshness: { source: 'live' } });
    expect((await ok('GET', `/v0/markets/positions/${marketId}/bob`)).result).toMatchObject({ username: 'bob', yesSharesOwned: expect.any(Number) });
    expect((await ok('GET', `/v0/markets/positions/${marketId}/alice`)).result).toMatchObject({ yesSharesOwned: 0, noSharesOwned: 0, value: 0 });
    expect((await ok('GET', `/v0/markets/${marketId}/leaderboard`)).result).toMatchObject({ marketId, total: expect.any(Number) });
    await fails('GET', '/v0/markets/bets/999', 404, 'MARKET_NOT_FOUND');
    await fails('GET', '/v0/markets/positions/999', 404, 'MARKET_NOT_FOUND');
    await fails('GET', `/v0/markets/positions/${marketId}/nobody`, 404, 'USER_NOT_FOUND');
    await fails('GET', '/v0/markets/999/leaderboard', 404, 'MARKET_NOT_FOUND');
  });
});

describe('market creation (T1-33)', () => {
  it('creates an active market owned and stewarded by the caller, ignoring extra fields', async () => {
    const response = await call('POST', '/v0/markets', {
      token: tokens.bob,
      body: { questionTitle: 'Q?', description: '', outcomeType: 'BINARY', resolutionDateTime: inAWeek(), creatorUsername: 'alice', initialProbability: 0.9, isResolved: true, utcOffset: -60 },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ creatorUsername: 'bob', stewardUsername: 'bob', status: 'active', isResolved: false, yesLabel: 'YES' });
    expect((await ok('GET', `/v0/markets/${response.json().id}`)).market.initialProbability).toBe(0.5);
  });

  it('rejects broken rules, malformed input, debt and the unauthenticated', async () => {
    const base = { questionTitle: 'Q?', description: '', outcomeType: 'BINARY', resolutionDateTime: inAWeek() };
    await fails('POST', '/v0/markets', 400, 'VALIDATION_FAILED', { token: tokens.bob, body: { ...base, questionTitle: '<script>x</script>' } });
    await fails('POST', '/v0/markets', 400, 'VALIDATION_FAILED', { token: tokens.bob, body: { ...base, resolutionDateTime: 'tomorrow' } });
    await fails('POST', '/v0/markets', 400, 'VALIDATION_FAILED', { token: tokens.bob, body: { ...base, resolutionDateTime: new Date(TEST_NOW + 60_000).toISOString() } });
    await fails('POST', '/v0/markets', 400, 'VALIDATION_FAILED', { token: tokens.bob, body: { ...base, outcomeType: 'MULTI' } });
    await fails('POST', '/v0/markets', 400, 'INVALID_REQUEST', { token: tokens.bob, body: { ...base, utcOffset: '60' } });
    await fails('POST', '/v0/markets', 401, 'INVALID_TOKEN', { body: base });
    await ok('POST', '/v0/bet', { token: tokens.carol, status: 201, body: { marketId, amount: 460, outcome: 'NO' } });
    await fails('POST', '/v0/markets', 422, 'INSUFFICIENT_BALANCE', { token: tokens.carol, body: base });
  });

  it('refuses non-moderators in moderator mode', async () => {
    await t.close();
    t = await createTestApp({ GAME_MODE: 'moderator' });
    const regular = await t.user('bob');
    await fails('POST', '/v0/markets', 403, 'USER_NOT_APPROVED', {
      token: regular,
      body: { questionTitle: 'Q?', description: '', outcomeType: 'BINARY', resolutionDateTime: inAWeek() },
    });
  });
});

describe('trading (T1-34…T1-38)', () => {
  it('places a bet for the token’s user only', async () => {
    const placed = await ok('POST', '/v0/bet', { token: tokens.bob, status: 201, body: { marketId, amount: 10, outcome: ' Yes ', username: 'carol' } });
    expect(placed.result).toMatchObject({ username: 'bob', marketId, amount: 10, outcome: 'YES' });
  });

  it('maps every bet failure', async () => {
    await fails('POST', '/v0/bet', 400, 'INVALID_REQUEST', { token: tokens.bob, body: { marketId, amount: '10', outcome: 'YES' } });
    await fails('POST', '/v0/bet', 400, 'INVALID_REQUEST', { token: tokens.bob, body: { marketId, amount: 2 ** 60, outcome: 'YES' } });
    await fails('POST', '/v0/bet', 400, 'VALIDATION_FAILED', { token: tokens.bob, body: { marketId, amount: 0, outcome: 'YES' } });
    await fails('POST', '/v0/bet', 400, 'VALIDATION_FAILED', { token: tokens.bob, body: { marketId, amount: 1, outcome: 'MAYBE' } });
    await fails('POST', '/v0/bet', 404, 'MARKET_NOT_FOUND', { token: tokens.bob, body: { marketId: 999, amount: 1, outcome: 'YES' } });
    await fails('POST', '/v0/bet', 422, 'INSUFFICIENT_BALANCE', { token: tokens.bob, body: { marketId, amount: 480, outcome: 'YES' } });
    await fails('POST', '/v0/bet', 401, 'INVALID_TOKEN', { body: { marketId, amount: 1, outcome: 'YES' } });
    const gated = await t.user('dave', { mustChangePassword: true });
    await fails('POST', '/v0/bet', 403, 'PASSWORD_CHANGE_REQUIRED', { token: gated, body: { marketId, amount: 1, outcome: 'YES' } });
    await ok('POST', `/v0/markets/${marketId}/resolve`, { token: tokens.alice, status: 204, body: { resolution: 'NO' } });
    await fails('POST', '/v0/bet', 409, 'MARKET_CLOSED', { token: tokens.bob, body: { marketId, amount: 1, outcome: 'YES' } });
  });

  it('quotes and sells, with the sale refusals explained', async () => {
    const refused = await fails('POST', '/v0/sell/quote', 422, 'NO_POSITION', { token: tokens.carol, body: { marketId, amount: 1, outcome: 'NO' } });
    expect(refused.message).toContain('follow-up order from another user');
    expect(refused.details).toMatchObject({ hint: expect.any(String), outcome: 'NO', requestedCredits: 1, executableSaleValue: 0 });
    await fails('POST', '/v0/sell', 422, 'NO_POSITION', { token: tokens.alice, body: { marketId, amount: 1, outcome: 'YES' } });
    // A follow-up order unlocks bob's shares at one credit each (the figures of docs/api.md#acceptance-scenarios S3).
    await ok('POST', '/v0/bet', { token: tokens.alice, status: 201, body: { marketId, amount: 10, outcome: 'YES' } });
    const quote = await ok('POST', '/v0/sell/quote', { token: tokens.bob, body: { marketId, amount: 10, outcome: 'YES' } });
    expect(quote.result).toMatchObject({ username: 'bob', marketId, outcome: 'YES', allowed: true, sellFee: 0, sharesSold: 10, saleValue: 10 });
    const sale = await ok('POST', '/v0/sell', { token: tokens.bob, status: 201, body: { marketId, amount: 10, outcome: 'YES' } });
    expect(sale.result).toMatchObject({ sharesSold: quote.result.sharesSold, saleValue: quote.result.saleValue, netProceeds: quote.result.netProceeds });
    await fails('POST', '/v0/sell', 404, 'MARKET_NOT_FOUND', { token: tokens.bob, body: { marketId: 999, amount: 5, outcome: 'YES' } });
    await fails('POST', '/v0/sell/quote', 401, 'INVALID_TOKEN', { body: { marketId, amount: 5, outcome: 'YES' } });
  });

  it('shows the caller’s position with PascalCase core keys', async () => {
    const position = await ok('GET', `/v0/userposition/${marketId}`, { token: tokens.bob });
    expect(Object.keys(position.result)).toEqual(
      expect.arrayContaining(['Username', 'MarketID', 'YesSharesOwned', 'Value', 'yesSellableShares', 'noSellableValue']),
    );
    await fails('GET', '/v0/userposition/999', 404, 'MARKET_NOT_FOUND', { token: tokens.bob });
    await fails('GET', `/v0/userposition/${marketId}`, 401, 'INVALID_TOKEN');
  });

  it('lets only the steward resolve, once', async () => {
    await fails('POST', `/v0/markets/${marketId}/resolve`, 403, 'AUTHORIZATION_DENIED', { token: tokens.carol, body: { resolution: 'YES' } });
    await fails('POST', `/v0/markets/${marketId}/resolve`, 400, 'VALIDATION_FAILED', { token: tokens.alice, body: { resolution: 'MAYBE' } });
    await fails('POST', '/v0/markets/999/resolve', 404, 'MARKET_NOT_FOUND', { token: tokens.alice, body: { resolution: 'YES' } });
    await fails('POST', `/v0/markets/${marketId}/resolve`, 401, 'INVALID_TOKEN', { body: { resolution: 'YES' } });
    const resolved = await call('POST', `/v0/markets/${marketId}/resolve`, { token: tokens.alice, body: { resolution: ' n/a ' } });
    expect([resolved.statusCode, resolved.body]).toEqual([204, '']);
    await fails('POST', `/v0/markets/${marketId}/resolve`, 409, 'MARKET_CLOSED', { token: tokens.alice, body: { resolution: 'YES' } });
  });
});

describe('projection (T1-28)', () => {
  it('projects a buy in both route forms, raw, changing nothing', async () => {
    // bob YES 20 and carol NO 30 on the default seeds: p = (5 + 20) / 60; a YES 10 more gives 35 / 70.
    const expected = { marketId, currentProbability: 25 / 60, projectedProbability: 0.5, amount: 10, outcome: 'YES' };
    expect(await ok('GET', `/v0/markets/${marketId}/projection?amount=10&outcome=yes`)).toEqual(expected);
    expect(await ok('GET', `/v0/marketprojection/${marketId}/10/YES/`)).toEqual(expected);
    expect(await ok('GET', `/v0/marketprojection/${marketId}/10/ Yes`)).toEqual(expected);
    expect((await ok('GET', `/v0/markets/${marketId}`)).lastProbability).toBe(25 / 60);
  });

  it('maps malformed input, broken rules, unknown and closed markets', async () => {
    await fails('GET', `/v0/marketprojection/${marketId}/ten/YES/`, 400, 'INVALID_REQUEST');
    await fails('GET', `/v0/marketprojection/abc/10/YES/`, 400, 'INVALID_REQUEST');
    await fails('GET', `/v0/markets/${marketId}/projection?amount=abc&outcome=YES`, 400, 'INVALID_REQUEST');
    await fails('GET', `/v0/marketprojection/${marketId}/0/YES/`, 400, 'VALIDATION_FAILED');
    await fails('GET', `/v0/marketprojection/${marketId}/-5/YES/`, 400, 'VALIDATION_FAILED');
    await fails('GET', `/v0/marketprojection/${marketId}/10/MAYBE/`, 400, 'VALIDATION_FAILED');
    await fails('GET', '/v0/marketprojection/999/10/YES/', 404, 'MARKET_NOT_FOUND');
    await call('POST', `/v0/markets/${marketId}/resolve`, { token: tokens.alice, body: { resolution: 'YES' } });
    await fails('GET', `/v0/markets/${marketId}/projection?amount=10&outcome=YES`, 409, 'MARKET_CLOSED');
  });
});

describe('reporting and content (T1-11…T1-15, T1-27, T1-39…T1-41)', () => {
  it('serves stats, system metrics and the global leaderboard', async () => {
    expect((await ok('GET', '/v0/stats')).result.setupConfiguration).toMatchObject({ createMarketCost: 10, initialBetFee: 1 });
    expect((await ok('GET', '/v0/system/metrics')).result.verification.balanced.value).toBe(true);
    expect((await ok('GET', '/v0/global/leaderboard?limit=500')).result.entries.length).toBeGreaterThan(0);
  });

  it('serves the default content', async () => {
    expect((await ok('GET', '/v0/content/home')).result).toMatchObject({ format: 'markdown', version: 1 });
    expect((await ok('GET', '/v0/content/market-discovery/markets')).result).toMatchObject({ title: 'Markets', pageType: 'top', recommendationLimit: 20 });
    expect((await ok('GET', '/v0/content/market-discovery/world-news')).result).toMatchObject({
      title: 'World News',
      pageType: 'secondary',
      searchScope: 'tag',
      primaryTagSlug: 'world-news',
      recommendationLimit: 5,
    });
    await fails('GET', '/v0/content/market-discovery/Bad_Slug', 400, 'INVALID_REQUEST');
    expect((await ok('GET', '/v0/content/reporting-visibility')).result).toMatchObject({ systemMetricsPublic: true, globalLeaderboardPublic: true });
    expect((await ok('GET', '/v0/content/social-share')).result).toMatchObject({ siteName: 'SocialPredict', imageEnabled: false });
    expect((await ok('GET', '/v0/market-tags')).result).toEqual({ tags: [], total: 0 });
    const discovery = await ok('GET', '/v0/read/market-discovery/markets?limit=21');
    expect(discovery.result).toMatchObject({ total: 1, markets: [{ market: { id: marketId } }], pinnedMarkets: [] });
    expect((await ok('GET', '/v0/read/market-discovery/sports')).result).toMatchObject({ total: 0, topicNav: { slug: 'markets' } });
  });
});

describe('bodies (docs/api.md#router-behaviour)', () => {
  it('answers oversized bodies with 413 and non-JSON bodies with 415', async () => {
    const big = await t.inject({ method: 'POST', url: '/v0/login', headers: { 'content-type': 'application/json' }, payload: `{"username":"${'a'.repeat(1_100_000)}"}` });
    expect([big.statusCode, big.json().reason]).toEqual([413, 'INVALID_REQUEST']);
    const text = await t.inject({ method: 'POST', url: '/v0/login', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect([text.statusCode, text.json().reason]).toEqual([415, 'INVALID_REQUEST']);
  });
});

describe('infrastructure failures (ERR-3, ERR-4)', () => {
  it('answers 500 without internals when a port fails unexpectedly, and keeps serving', async () => {
    t.ports.database.injectFault('markets.findById', { code: 'INFRASTRUCTURE_ERROR', kind: 'UNEXPECTED', message: 'relation "markets" is broken' });
    const failed = await fails('GET', `/v0/markets/${marketId}`, 500, 'INTERNAL_ERROR');
    expect(JSON.stringify(failed)).not.toContain('relation');
    expect((await call('GET', `/v0/markets/${marketId}`)).statusCode).toBe(200);
    expect(t.server.metrics.requestFailures()).toBe(1);
  });

  it('answers 503 with Retry-After on a lock timeout, and nothing is written', async () => {
    t.ports.database.injectFault('lockTrade', { code: 'INFRASTRUCTURE_ERROR', kind: 'LOCK_TIMEOUT', message: 'lock wait timed out' });
    const response = await call('POST', '/v0/bet', { token: tokens.bob, body: { marketId, amount: 5, outcome: 'YES' } });
    expect([response.statusCode, response.json().reason, response.headers['retry-after']]).toEqual([503, 'INTERNAL_ERROR', '1']);
    expect(await ok('GET', '/v0/usercredit/bob')).toEqual({ credit: 479 });
  });
});
