// Router, headers, request ids, CORS, limits and ops probes: behaviour that needs no use case.
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp } from './helpers/test-app.ts';
import { stubProbe } from './helpers/stub-deps.ts';

const skeletonServer = async (env: Record<string, string> = {}) => (await createTestApp(env)).server;

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const SECURITY_HEADERS = {
  'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), gyroscope=(), magnetometer=(), usb=()',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '1; mode=block',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};

describe('router-level behaviour (docs/api.md#router-behaviour)', () => {
  it('answers an unknown route with a JSON 404', async () => {
    app = await skeletonServer();
    const response = await app.inject({ method: 'GET', url: '/v0/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ ok: false, reason: 'NOT_FOUND', message: expect.any(String) });
  });

  it('answers a known path with a wrong method with 405 and Allow', async () => {
    app = await skeletonServer();
    const response = await app.inject({ method: 'DELETE', url: '/v0/setup' });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(response.json()).toMatchObject({ ok: false, reason: 'METHOD_NOT_ALLOWED' });
  });

  it('answers HEAD on every GET route and treats trailing slashes as significant', async () => {
    app = await skeletonServer();
    const head = await app.inject({ method: 'HEAD', url: '/v0/setup' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect((await app.inject({ method: 'GET', url: '/v0/setup/' })).statusCode).toBe(404);
  });

  it('ignores the Content-Type of bodiless GETs', async () => {
    app = await skeletonServer();
    const response = await app.inject({ method: 'GET', url: '/v0/setup', headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(200);
  });

  it('rejects an unparseable URL as INVALID_REQUEST', async () => {
    app = await skeletonServer();
    const response = await app.inject({ method: 'GET', url: '/v0/markets/%zz' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ ok: false, reason: 'INVALID_REQUEST' });
  });
});

describe('request ids (docs/api.md#request-ids)', () => {
  it('keeps a well-formed incoming id and echoes it', async () => {
    app = await skeletonServer();
    const response = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'abc.DEF_12-3' } });
    expect(response.headers['x-request-id']).toBe('abc.DEF_12-3');
  });

  it('replaces a missing or malformed id with 32 hex characters, unique per request', async () => {
    app = await skeletonServer();
    const ids = new Set<string>();
    for (const header of [undefined, 'has space', 'x'.repeat(129), 'semi;colon']) {
      const response = await app.inject({
        method: 'GET',
        url: '/v0/nope',
        headers: header === undefined ? {} : { 'x-request-id': header },
      });
      const id = String(response.headers['x-request-id']);
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(4);
  });
});

describe('security headers (SEC-6)', () => {
  it.each([
    ['a probe', 'GET', '/health'],
    ['a /v0 route', 'GET', '/v0/setup'],
    ['a 404', 'GET', '/v0/nope'],
    ['a 405', 'PUT', '/v0/home'],
  ])('are present on %s', async (_label, method, url) => {
    app = await skeletonServer();
    const response = await app.inject({ method: method as 'GET', url });
    expect(response.headers).toMatchObject(SECURITY_HEADERS);
    expect(response.headers['strict-transport-security']).toBeUndefined();
    expect(response.headers.server).toBeUndefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('are present on a 429 too', async () => {
    app = await skeletonServer({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_GENERAL_MAX: '1' });
    await app.inject({ method: 'GET', url: '/v0/setup' });
    const limited = await app.inject({ method: 'GET', url: '/v0/setup' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers).toMatchObject(SECURITY_HEADERS);
  });

  it('emits HSTS only when enabled, and drops X-Frame-Options when framing is allowed', async () => {
    app = await skeletonServer({
      SECURITY_HSTS_ENABLED: 'true',
      SECURITY_HSTS_INCLUDE_SUBDOMAINS: 'true',
      SECURITY_FRAME_ANCESTORS: "'self' https://embed.example",
    });
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(response.headers['x-frame-options']).toBeUndefined();
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'self' https://embed.example");
  });

  it('relaxes the CSP under /docs only', async () => {
    app = await skeletonServer();
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toContain('worker-src');
    expect(docs.headers['content-security-policy']).not.toContain("worker-src 'none'");
    expect((await app.inject({ method: 'GET', url: '/docs/?x=1' })).headers['content-security-policy']).not.toContain("worker-src 'none'");
    expect((await app.inject({ method: 'GET', url: '/docsx' })).headers['content-security-policy']).toContain("worker-src 'none'");
  });
});

describe('CORS (SEC-7)', () => {
  it('answers an allowed preflight with 204 and never rate limits it', async () => {
    app = await skeletonServer({
      CORS_ALLOW_ORIGINS: 'https://app.example',
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_GENERAL_MAX: '1',
    });
    for (let i = 0; i < 3; i += 1) {
      const response = await app.inject({
        method: 'OPTIONS',
        url: '/v0/setup',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
      });
      expect(response.statusCode).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('https://app.example');
    }
  });

  it('does not allow an origin outside the list', async () => {
    app = await skeletonServer({ CORS_ALLOW_ORIGINS: 'https://app.example' });
    const response = await app.inject({ method: 'GET', url: '/v0/setup', headers: { origin: 'https://evil.example' } });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('general rate limit (docs/api.md#rate-limits)', () => {
  const limited = { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_GENERAL_MAX: '10', RATE_LIMIT_GENERAL_WINDOW_SECONDS: '10' };

  it('refuses the 11th request in the window with RATE_LIMITED, Retry-After and x-ratelimit headers', async () => {
    app = await skeletonServer(limited);
    for (let i = 0; i < 10; i += 1) {
      const response = await app.inject({ method: 'GET', url: i % 2 === 0 ? '/v0/setup' : '/v0/unknown' });
      expect(response.statusCode).not.toBe(429);
    }
    const response = await app.inject({ method: 'GET', url: '/v0/setup/frontend' });
    expect(response.statusCode).toBe(429);
    expect(response.json()).toMatchObject({ ok: false, reason: 'RATE_LIMITED', message: expect.any(String) });
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.headers).toMatchObject({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0' });
  });

  it('counts per client address and ignores a spoofed X-Forwarded-For without proxy trust', async () => {
    app = await skeletonServer({ ...limited, RATE_LIMIT_GENERAL_MAX: '2' });
    for (let i = 0; i < 2; i += 1) await app.inject({ method: 'GET', url: '/v0/setup' });
    const spoofed = await app.inject({ method: 'GET', url: '/v0/setup', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(spoofed.statusCode).toBe(429);
    const other = await app.inject({ method: 'GET', url: '/v0/setup', remoteAddress: '198.51.100.7' });
    expect(other.statusCode).toBe(200);
  });

  it('uses the forwarded address when one proxy hop is trusted', async () => {
    app = await skeletonServer({ ...limited, RATE_LIMIT_GENERAL_MAX: '1', TRUST_PROXY_HEADERS: 'true' });
    const first = await app.inject({ method: 'GET', url: '/v0/setup', headers: { 'x-forwarded-for': '203.0.113.1' } });
    const second = await app.inject({ method: 'GET', url: '/v0/setup', headers: { 'x-forwarded-for': '203.0.113.2' } });
    const again = await app.inject({ method: 'GET', url: '/v0/setup', headers: { 'x-forwarded-for': '203.0.113.1' } });
    expect([first.statusCode, second.statusCode, again.statusCode]).toEqual([200, 200, 429]);
  });

  it('counts HEAD requests and 405s against the general limit', async () => {
    app = await skeletonServer({ ...limited, RATE_LIMIT_GENERAL_MAX: '2' });
    await app.inject({ method: 'HEAD', url: '/v0/setup' });
    await app.inject({ method: 'DELETE', url: '/v0/setup' });
    expect((await app.inject({ method: 'GET', url: '/v0/setup' })).statusCode).toBe(429);
  });

  it('never limits probes, ops routes or the exempt greeting', async () => {
    app = await skeletonServer({ ...limited, RATE_LIMIT_GENERAL_MAX: '1' });
    for (let i = 0; i < 5; i += 1) {
      for (const url of ['/health', '/readyz', '/ops/status', '/v0/home', '/metrics']) {
        expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);
      }
    }
  });
});

describe('ops endpoints (docs/api.md#ops-endpoints)', () => {
  it('serves probes as plain text with no-store', async () => {
    app = await skeletonServer();
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect([health.statusCode, health.body, health.headers['content-type']]).toEqual([200, 'live', 'text/plain; charset=utf-8']);
    expect(health.headers['cache-control']).toBe('no-store');
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect([ready.statusCode, ready.body]).toEqual([200, 'ready']);
  });

  it('answers 503 at the 2 s readiness timeout while the database hangs, with one ping per check, and abandons that ping (DB-10)', async () => {
    const signals: AbortSignal[] = [];
    let databaseBack = false;
    // A ping that never settles, as a pooled claim queued during an outage did: it must not poison later checks.
    const ping = (signal: AbortSignal) => {
      signals.push(signal);
      return databaseBack ? Promise.resolve() : new Promise<void>(() => undefined);
    };
    app = (await createTestApp({}, { probe: stubProbe({ database: 'postgres', ping }) })).server;
    const started = Date.now();
    const probes = await Promise.all([0, 1, 2].map(() => app!.inject({ method: 'GET', url: '/readyz' })));
    expect(probes.map((probe) => probe.statusCode)).toEqual([503, 503, 503]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - started).toBeLessThan(3500);
    // The probes joined the one check instead of queueing a ping each; its ping was told to give up.
    expect(signals.map((signal) => signal.aborted)).toEqual([true]);

    databaseBack = true;
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect(signals).toHaveLength(2);
  });

  it('reports status without business numbers', async () => {
    app = await skeletonServer();
    const status = await app.inject({ method: 'GET', url: '/ops/status' });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({
      live: true,
      ready: true,
      requestFailuresTotal: 0,
      database: 'pglite',
      rateLimitStore: 'memory',
      jobs: { enabled: false },
      version: 'test',
    });
  });

  it('exposes Prometheus metrics with route templates and guards them with the token when set', async () => {
    app = await skeletonServer({ METRICS_AUTH_TOKEN: 'scrape-secret' });
    await app.inject({ method: 'GET', url: '/v0/setup' });
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-secret' } });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('socialpredict_http_requests_total{method="GET",route="/v0/setup",status_code="200"} 1');
    expect(metrics.body).toContain('socialpredict_process_resident_memory_bytes');
  });

  it('guards /ops/status with the same token and leaves the probes open', async () => {
    app = await skeletonServer({ METRICS_AUTH_TOKEN: 'scrape-secret' });
    for (const authorization of [undefined, 'Bearer wrong', 'scrape-secret']) {
      const denied = await app.inject({ method: 'GET', url: '/ops/status', headers: authorization === undefined ? {} : { authorization } });
      expect(denied.statusCode).toBe(401);
      expect(denied.json()).toMatchObject({ ok: false, reason: 'INVALID_TOKEN', message: expect.any(String) });
    }
    const status = await app.inject({ method: 'GET', url: '/ops/status', headers: { authorization: 'Bearer scrape-secret' } });
    expect([status.statusCode, status.json().live]).toEqual([200, true]);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('hides the docs UI when disabled, with the strict CSP on its 404', async () => {
    app = await skeletonServer({ DOCS_ENABLED: 'false' });
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(404);
    expect(docs.headers['content-security-policy']).toContain("worker-src 'none'");
    expect((await app.inject({ method: 'GET', url: '/docs' })).headers['content-security-policy']).toContain("worker-src 'none'");
    expect((await app.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200);
  });
});

describe('policy routes (T1-08, T1-09, T1-10)', () => {
  it('serves the economics raw', async () => {
    app = await skeletonServer();
    const response = await app.inject({ method: 'GET', url: '/v0/setup' });
    expect(response.json()).toMatchObject({
      marketcreation: { initialMarketProbability: 0.5, initialMarketSubsidization: 10 },
      marketincentives: { createMarketCost: 10, traderBonus: 1 },
      user: { initialAccountBalance: 0, maximumDebtAllowed: 500 },
      betting: { minimumBet: 1, maxDustPerSale: 1, betFees: { initialBetFee: 1, buySharesFee: 0, sellSharesFee: 0 } },
    });
  });

  it('serves the web-app settings raw', async () => {
    app = await skeletonServer({ GAME_MODE: 'moderator' });
    const response = await app.inject({ method: 'GET', url: '/v0/setup/frontend' });
    expect(response.json()).toEqual({
      charts: { sigFigs: 2 },
      game: { mode: 'moderator' },
      marketGroups: { multipleChoiceBinary: { addAnswerCost: 2, softAnswerReviewThreshold: 12, hardAnswerSafetyCap: 50 } },
    });
  });

  it('reports 4 significant figures when the policy file leaves them out, clamped to 2–9 otherwise', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'sp-setup-'));
    for (const [content, expected] of [['game:\n  mode: standard\n', 4], ['frontend:\n  charts:\n    sigFigs: 12\n', 9], ['frontend:\n  charts:\n    sigFigs: 1\n', 2]] as const) {
      const file = join(dir, `setup-${expected}.yaml`);
      writeFileSync(file, content);
      await app?.close();
      app = await skeletonServer({ SETUP_FILE: file });
      expect((await app.inject({ method: 'GET', url: '/v0/setup/frontend' })).json().charts.sigFigs).toBe(expected);
    }
  });

  it('greets enveloped', async () => {
    app = await skeletonServer();
    expect((await app.inject({ method: 'GET', url: '/v0/home' })).json()).toEqual({
      ok: true,
      result: { message: 'Data From the Backend!' },
    });
  });
});
