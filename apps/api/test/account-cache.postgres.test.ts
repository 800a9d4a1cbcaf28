// The account cache of docs/security.md#account-cache on two API instances sharing one PostgreSQL database: a password
// change or role change holds at once on the instance that made it, and on the other one within the cache's time to
// live (a fake clock moves it here).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccountCache } from '@socialpredict/runtime';
import { createPostgresApp, secondInstance, type PostgresApp } from './helpers/postgres-app.ts';
import { NEW_PASSWORD, ScenarioDriver } from './helpers/scenario-driver.ts';

const TTL_MS = 5_000;

let app: PostgresApp;
let other: Awaited<ReturnType<typeof secondInstance>>;
let s: ScenarioDriver;
let otherNow: number;
let cache: ReturnType<typeof createAccountCache>;

const profileStatus = async (instance: Pick<PostgresApp, 'inject'>, token: string) =>
  (await instance.inject({ method: 'GET', url: '/v0/privateprofile', headers: { authorization: `Bearer ${token}` } })).statusCode;

describe('account cache across instances', () => {
  beforeEach(async () => {
    // Not 0: lru-cache reads a start time of 0 as 'never set'.
    otherNow = 1_000;
    cache = createAccountCache({ ttlMs: TTL_MS });
    app = await createPostgresApp({}, { accountCache: cache });
    other = await secondInstance(app, { accountCache: createAccountCache({ ttlMs: TTL_MS, now: () => otherNow }) });
    s = new ScenarioDriver(app);
    await s.admin();
    await s.user('amy');
  });

  afterEach(async () => {
    await other.close();
    await app.close();
  });

  it('refuses a superseded token at once on the changing instance and within the time to live on the other', async () => {
    const oldToken = s.tokens.get('amy') ?? '';
    expect(await profileStatus(app, oldToken)).toBe(200);
    // The other instance now holds amy's account in its cache.
    expect(await profileStatus(other, oldToken)).toBe(200);

    const changed = await s.request('POST', '/v0/changepassword', { as: 'amy', body: { currentPassword: NEW_PASSWORD, newPassword: 'Another9Password' } });
    expect(changed.statusCode, changed.body).toBe(200);

    expect(await profileStatus(app, oldToken)).toBe(401);
    // Within the bound the other instance may still answer from its cache; past it, it reads the new version.
    otherNow += TTL_MS + 1;
    expect(await profileStatus(other, oldToken)).toBe(401);

    // A token issued after the change passes on both, even where the cached account was older than the token.
    await s.login('amy', 'Another9Password');
    const newToken = s.tokens.get('amy') ?? '';
    expect(await profileStatus(app, newToken)).toBe(200);
    expect(await profileStatus(other, newToken)).toBe(200);
  });

  it('forgets an account whose role changed, so the next request authenticates with the new role', async () => {
    const amyToken = s.tokens.get('amy') ?? '';
    expect(await profileStatus(app, amyToken)).toBe(200);
    expect(cache.get('amy')?.role).toBe('REGULAR');
    const promoted = await app.inject({
      method: 'PATCH',
      url: '/v0/admin/users/amy/role',
      headers: { authorization: `Bearer ${s.tokens.get('admin') ?? ''}` },
      payload: { usertype: 'MODERATOR', reason: 'trusted' },
    });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(cache.get('amy')).toBeUndefined();
    expect(await profileStatus(app, amyToken)).toBe(200);
    expect(cache.get('amy')).toMatchObject({ role: 'MODERATOR', moderatorStatus: 'active' });
  });

  it('shows the current balance on the private profile although authentication is cached', async () => {
    const market = await s.createMarket('admin');
    const token = s.tokens.get('amy') ?? '';
    const balance = async () =>
      (await app.inject({ method: 'GET', url: '/v0/privateprofile', headers: { authorization: `Bearer ${token}` } })).json().result.accountBalance as number;
    const before = await balance();
    const bet = await s.request('POST', '/v0/bet', { as: 'amy', body: { marketId: market, amount: 5, outcome: 'YES' } });
    expect(bet.statusCode, bet.body).toBe(201);
    expect(await balance()).toBeLessThan(before);
  });
});
