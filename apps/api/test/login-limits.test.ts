// The two login limiters of docs/api.md#rate-limits: every attempt per client address, failed attempts only per
// username. Clients are spread over 127.0.0.x: through inject's remoteAddress, over real sockets bound to those
// addresses, and across two app instances sharing Redis. 127.0.0.1 is left to the helpers' own logins.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, STRONG_PASSWORD, type TestApp } from './helpers/test-app.ts';

const apps: TestApp[] = [];
async function app(env: Record<string, string> = {}) {
  const created = await createTestApp({ RATE_LIMIT_ENABLED: 'true', ...env });
  apps.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((created) => created.close()));
});

const login = (t: TestApp, username: string, password: string, remoteAddress: string) =>
  t.inject({ method: 'POST', url: '/v0/login', payload: { username, password }, remoteAddress });

const reasonOf = (response: { statusCode: number; json(): unknown }) =>
  [response.statusCode, (response.json() as { reason?: string }).reason ?? 'ok'] as const;

describe('login limits with the default settings (10 per address / 300 s, 50 failures per username / 900 s)', () => {
  it('ten failures for alice from ten addresses leave her correct password working from her own address', async () => {
    const t = await app();
    await t.user('alice');
    for (let host = 11; host <= 20; host += 1) {
      expect(reasonOf(await login(t, 'alice', 'Wrong1guess', `127.0.0.${host}`))).toEqual([401, 'AUTHORIZATION_DENIED']);
    }
    expect((await login(t, 'alice', STRONG_PASSWORD, '127.0.0.2')).statusCode).toBe(200);
  });

  it('stops one guesser at 10 attempts from its address, correct password or not, and only that address', async () => {
    const t = await app();
    await t.user('alice');
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const response = await login(t, 'alice', `Wrong${attempt}guess`, '127.0.0.3');
      expect(response.statusCode).toBe(401);
      expect([response.headers['x-ratelimit-limit'], response.headers['x-ratelimit-remaining']]).toEqual(['10', String(10 - attempt)]);
    }
    const limited = await login(t, 'alice', STRONG_PASSWORD, '127.0.0.3');
    expect(reasonOf(limited)).toEqual([429, 'LOGIN_RATE_LIMITED']);
    expect(limited.headers).toMatchObject({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(290);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(300);
    expect((await login(t, 'alice', STRONG_PASSWORD, '127.0.0.2')).statusCode).toBe(200);
  });

  it('stops a guess spread over 50 addresses at 50 failures for the username, leaving other users alone', async () => {
    const t = await app();
    await t.user('alice');
    await t.user('bob');
    for (let host = 100; host < 150; host += 1) {
      expect((await login(t, 'alice', 'Wrong1guess', `127.0.0.${host}`)).statusCode).toBe(401);
    }
    const limited = await login(t, 'alice', 'Wrong1guess', '127.0.0.200');
    expect(reasonOf(limited)).toEqual([429, 'LOGIN_RATE_LIMITED']);
    expect(limited.headers).toMatchObject({ 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '0' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(890);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(900);
    // Past the ceiling the owner waits too: that is the price of stopping the spread guess.
    expect(reasonOf(await login(t, 'alice', STRONG_PASSWORD, '127.0.0.2'))).toEqual([429, 'LOGIN_RATE_LIMITED']);
    expect((await login(t, 'bob', STRONG_PASSWORD, '127.0.0.201')).statusCode).toBe(200);
  });
});

describe('login failure ceiling (3 failures per username)', () => {
  const env = { RATE_LIMIT_LOGIN_FAILURES_MAX: '3', RATE_LIMIT_LOGIN_FAILURES_WINDOW_SECONDS: '900' };

  it('never counts successes, nor lets them reset the failures', async () => {
    const t = await app(env);
    await t.user('alice');
    for (const host of [11, 12]) expect((await login(t, 'alice', 'Wrong1guess', `127.0.0.${host}`)).statusCode).toBe(401);
    for (let host = 21; host <= 32; host += 1) {
      expect((await login(t, 'alice', STRONG_PASSWORD, `127.0.0.${host}`)).statusCode).toBe(200);
    }
    // Invalid input is refused before any password check and does not count either.
    expect((await login(t, 'alice', '', '127.0.0.13')).statusCode).toBe(400);
    expect((await login(t, 'alice', 'Wrong1guess', '127.0.0.14')).statusCode).toBe(401);
    expect(reasonOf(await login(t, 'alice', STRONG_PASSWORD, '127.0.0.15'))).toEqual([429, 'LOGIN_RATE_LIMITED']);
  });

  it('counts failures for unknown names as well, per name', async () => {
    const t = await app(env);
    for (const host of [11, 12, 13]) expect((await login(t, 'nobody', 'Wrong1guess', `127.0.0.${host}`)).statusCode).toBe(401);
    expect(reasonOf(await login(t, 'nobody', 'Wrong1guess', '127.0.0.14'))).toEqual([429, 'LOGIN_RATE_LIMITED']);
    expect((await login(t, 'someone', 'Wrong1guess', '127.0.0.15')).statusCode).toBe(401);
  });
});

describe('login limits over real sockets bound to 127.0.0.x', () => {
  function post(port: number, localAddress: string, body: object): Promise<{ status: number; reason: string | undefined }> {
    return new Promise((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          localAddress,
          // A fresh connection each time, so every request really leaves from its own address.
          agent: false,
          method: 'POST',
          path: '/v0/login',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, reason: (JSON.parse(text) as { reason?: string }).reason }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  it('keys the address limiter on the TCP peer: ten spread failures spare alice, one address is stopped at ten', async () => {
    const t = await app();
    await t.user('alice');
    await t.server.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.server.server.address() as AddressInfo;
    for (let host = 11; host <= 20; host += 1) {
      expect(await post(port, `127.0.0.${host}`, { username: 'alice', password: 'Wrong1guess' })).toEqual({ status: 401, reason: 'AUTHORIZATION_DENIED' });
    }
    expect((await post(port, '127.0.0.2', { username: 'alice', password: STRONG_PASSWORD })).status).toBe(200);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect((await post(port, '127.0.0.30', { username: 'nobody', password: 'Wrong1guess' })).status).toBe(401);
    }
    expect(await post(port, '127.0.0.30', { username: 'alice', password: STRONG_PASSWORD })).toEqual({ status: 429, reason: 'LOGIN_RATE_LIMITED' });
    expect((await post(port, '127.0.0.31', { username: 'alice', password: STRONG_PASSWORD })).status).toBe(200);
  });
});

describe('login limits shared through Redis (SEC-4)', () => {
  // A database of its own: platform.test.ts flushes database 15 while files run in parallel.
  const redisUrl = 'redis://127.0.0.1:6379/14';

  async function reachableRedis(): Promise<Redis | string> {
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      return redis;
    } catch (error) {
      redis.disconnect();
      return `no Redis at ${redisUrl}: ${(error as Error).message}`;
    }
  }

  it('shares both login budgets between two app instances', async (context) => {
    const redis = await reachableRedis();
    if (typeof redis === 'string') {
      if (process.env.CI === 'true') throw new Error(`CI=true but ${redis}`);
      context.skip(redis);
      return;
    }
    try {
      await redis.flushdb();
      const env = { REDIS_URL: redisUrl, RATE_LIMIT_LOGIN_MAX: '3', RATE_LIMIT_LOGIN_FAILURES_MAX: '4' };
      const [a, b] = [await app(env), await app(env)];
      // Failures for one username, alternating instances, one address each.
      for (const [instance, host] of [[a, 11], [b, 12], [a, 13], [b, 14]] as const) {
        expect((await login(instance, 'alice', 'Wrong1guess', `127.0.0.${host}`)).statusCode).toBe(401);
      }
      expect(await redis.get('sp:rl:login-failures:alice')).toBe('4');
      expect(reasonOf(await login(a, 'alice', 'Wrong1guess', '127.0.0.15'))).toEqual([429, 'LOGIN_RATE_LIMITED']);
      // Attempts from one address, split over both instances.
      for (const instance of [a, b, a]) expect((await login(instance, 'bob', 'Wrong1guess', '127.0.0.40')).statusCode).toBe(401);
      expect(reasonOf(await login(b, 'carol', 'Wrong1guess', '127.0.0.40'))).toEqual([429, 'LOGIN_RATE_LIMITED']);
      expect((await b.inject({ method: 'GET', url: '/ops/status' })).json().rateLimitStore).toBe('redis');
    } finally {
      await redis.flushdb();
      redis.disconnect();
    }
  });
});
