// Cross-cutting behaviour over the whole app: OpenAPI parity, login limits, Redis-shared limits, logging and
// redaction, load shedding and the optional web-app serving.
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '@socialpredict/runtime';
import { createLifecycle } from '../src/lifecycle.ts';
import { createServer } from '../src/server.ts';
import { bearer, createTestApp, STRONG_PASSWORD, type TestApp } from './helpers/test-app.ts';

const apps: TestApp[] = [];
async function app(env: Record<string, string> = {}) {
  const created = await createTestApp(env);
  apps.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((created) => created.close()));
});

describe('OpenAPI (API-2)', () => {
  it('documents every route of the app and nothing else', async () => {
    const t = await app();
    const document = (await t.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const registered = new Set(
      t.server.routeTable.entries
        .filter((entry) => !entry.hidden && entry.method !== 'HEAD' && entry.method !== 'OPTIONS')
        .map((entry) => `${entry.method} ${entry.url}`),
    );
    expect([...registered].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !registered.has(route))).toEqual([]);
    expect(registered.size).toBeGreaterThan(40);
  });

  it('also serves YAML and redirects /swagger to the UI', async () => {
    const t = await app();
    expect((await t.inject({ method: 'GET', url: '/openapi.yaml' })).body).toContain('openapi: 3.1.0');
    const redirect = await t.inject({ method: 'GET', url: '/swagger' });
    expect([redirect.statusCode, redirect.headers.location]).toEqual([302, '/docs/']);
  });
});

describe('login rate limit (docs/api.md#rate-limits)', () => {
  const limits = { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_LOGIN_MAX: '3', RATE_LIMIT_LOGIN_WINDOW_SECONDS: '30' };

  it('refuses the 4th login from one address with LOGIN_RATE_LIMITED', async () => {
    const t = await app(limits);
    await t.user('alice');
    for (const username of ['alice', 'bob', 'carol']) {
      expect((await t.inject({ method: 'POST', url: '/v0/login', payload: { username, password: 'x' }, remoteAddress: '10.0.0.1' })).statusCode).not.toBe(429);
    }
    const limited = await t.inject({ method: 'POST', url: '/v0/login', payload: { username: 'alice', password: STRONG_PASSWORD }, remoteAddress: '10.0.0.1' });
    expect([limited.statusCode, limited.json().reason]).toEqual([429, 'LOGIN_RATE_LIMITED']);
    expect(limited.headers['retry-after']).toBeDefined();
  });

  it('keeps the login budget apart from the general one', async () => {
    const t = await app({ ...limits, RATE_LIMIT_GENERAL_MAX: '1' });
    await t.inject({ method: 'GET', url: '/v0/setup' });
    expect((await t.inject({ method: 'POST', url: '/v0/login', payload: { username: 'alice', password: 'x' } })).statusCode).toBe(401);
  });
});

describe('Redis-backed limits (SEC-4)', () => {
  const redisUrl = 'redis://127.0.0.1:6379/15';

  it('shares one budget between two processes', async () => {
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
    } catch {
      // Without a local Redis this check cannot run; CI provides one.
      redis.disconnect();
      return;
    }
    await redis.flushdb();
    const env = { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_GENERAL_MAX: '10', RATE_LIMIT_GENERAL_WINDOW_SECONDS: '10', REDIS_URL: redisUrl };
    const [a, b] = [await app(env), await app(env)];
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await a.inject({ method: 'GET', url: '/v0/setup' })).statusCode);
    for (let i = 0; i < 4; i += 1) statuses.push((await b.inject({ method: 'GET', url: '/v0/setup' })).statusCode);
    const eleventh = await b.inject({ method: 'GET', url: '/v0/setup' });
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(eleventh.statusCode).toBe(429);
    expect((await a.inject({ method: 'GET', url: '/ops/status' })).json().rateLimitStore).toBe('redis');
    expect((await redis.keys('sp:rl:*')).length).toBeGreaterThan(0);
    await redis.flushdb();
    redis.disconnect();
  });

  it('falls back to in-process counters when Redis is unreachable', async () => {
    const t = await app({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_GENERAL_MAX: '2', REDIS_URL: 'redis://127.0.0.1:1/0' });
    expect((await t.inject({ method: 'GET', url: '/v0/setup' })).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/v0/setup' })).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/v0/setup' })).statusCode).toBe(429);
    expect((await t.inject({ method: 'GET', url: '/ops/status' })).json().rateLimitStore).toBe('memory-fallback');
  });
});

describe('logging (LOG-1…LOG-4)', () => {
  it('writes one completion line per request with the fixed fields, and never a secret', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const t = await app();
    const lifecycle = createLifecycle();
    lifecycle.markReady();
    // A second server over the same use cases, logging at debug into the sink.
    const logged = await createServer(
      {
        config: t.config,
        lifecycle,
        probe: { database: 'pglite', ping: async () => {}, poolStats: () => ({ maxOpenConnections: 1, openConnections: 1, inUseConnections: 0, idleConnections: 1, waitCount: 0, waitDurationNanoseconds: 0, maxIdleClosedConnections: 0, maxLifetimeClosedConnections: 0 }), jobs: () => ({ enabled: false, queued: 0, failed: 0, deadLettered: 0 }) },
        authenticator: { authenticate: async () => { throw new Error('unused'); }, isReportPublic: async () => true },
        useCases: t.useCases,
        idempotency: t.idempotency,
        clock: t.ports.clock,
        version: 'test',
      },
      createLogger('debug', sink),
    );
    await t.user('admin', { role: 'ADMIN' });
    const admin = await t.login('admin');
    const secretPassword = 'Very5ecretPassw0rd';
    await logged.inject({ method: 'POST', url: '/v0/login', payload: { username: 'admin', password: secretPassword } });
    await logged.inject({ method: 'GET', url: '/v0/nope?x=1', headers: { 'x-request-id': 'req-42', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
    await logged.inject({ method: 'GET', url: '/health' });
    await logged.inject({ method: 'POST', url: '/v0/admin/createuser', headers: bearer(admin), payload: { username: 'zed' } });
    await logged.close();
    const completions = lines.filter((line) => line.event === 'http.request');
    expect(completions).toHaveLength(4);
    const notFound = completions.find((line) => line.request_id === 'req-42');
    expect(notFound).toMatchObject({ level: 'warn', method: 'GET', path: '/v0/nope', status_code: 404, trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331' });
    expect(notFound).toHaveProperty('duration_ms');
    expect(notFound).toHaveProperty('client_address');
    expect(completions.find((line) => line.path === '/health')).toMatchObject({ level: 'debug', route: '/health' });
    const text = JSON.stringify(lines);
    expect(text).not.toContain(secretPassword);
    expect(text).not.toContain(admin);
  });
});

describe('load shedding and lifecycle (SEC-11, DEP-2)', () => {
  it('while closing, still serves requests on open connections but tells the client to close them; probes report it', async () => {
    const t = await app();
    t.lifecycle.beginClose();
    const served = await t.inject({ method: 'GET', url: '/v0/setup' });
    expect([served.statusCode, served.headers.connection]).toEqual([200, 'close']);
    expect((await t.inject({ method: 'GET', url: '/health' })).body).toBe('live');
    expect((await t.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    expect((await t.inject({ method: 'GET', url: '/ops/status' })).statusCode).toBe(503);
  });

  it('counts only non-probe 5xx as request failures', async () => {
    const t = await app();
    await t.inject({ method: 'GET', url: '/v0/nope' });
    await t.inject({ method: 'POST', url: '/v0/bet', payload: {} });
    t.ports.database.injectFault('markets.findById', { code: 'INFRASTRUCTURE_ERROR', kind: 'UNEXPECTED', message: 'broken' });
    expect((await t.inject({ method: 'GET', url: '/v0/markets/1' })).statusCode).toBe(500);
    t.lifecycle.beginClose();
    await t.inject({ method: 'GET', url: '/readyz' });
    expect(t.server.metrics.requestFailures()).toBe(1);
  });
});

describe('web app serving (API-6)', () => {
  const dir = fileURLToPath(new URL('./fixtures/web-app', import.meta.url));

  it('serves files, /env-config.js and the SPA fallback, leaving the API alone', async () => {
    const t = await app({ WEB_APP_DIR: dir, PUBLIC_BASE_URL: 'https://predict.example' });
    const env = await t.inject({ method: 'GET', url: '/env-config.js', headers: { host: 'api.example:8080' } });
    expect(env.headers['content-type']).toMatch(/javascript/);
    expect(env.body).toBe('window.__ENV__ = {"DOMAIN_URL":"https://predict.example","API_URL":"http://api.example:8080"};\n');
    expect((await t.inject({ method: 'GET', url: '/assets/app.js' })).body).toContain('fixture bundle');
    const route = await t.inject({ method: 'GET', url: '/markets', headers: { accept: 'text/html' } });
    expect([route.statusCode, route.body.includes('SocialPredict fixture')]).toEqual([200, true]);
    const api = await t.inject({ method: 'GET', url: '/v0/nope', headers: { accept: 'text/html' } });
    expect(api.json().reason).toBe('NOT_FOUND');
  });

  it('honours PUBLIC_API_URL', async () => {
    const t = await app({ WEB_APP_DIR: dir, PUBLIC_API_URL: 'https://predict.example/api' });
    expect((await t.inject({ method: 'GET', url: '/env-config.js' })).body).toContain('"API_URL":"https://predict.example/api"');
  });
});

describe('listening and graceful shutdown (DEP-2)', () => {
  it('opens readiness once listening, closes it on shutdown and stops accepting connections', async () => {
    const t = await app({ BACKEND_PORT: '0', HOST: '127.0.0.1', BACKEND_READINESS_DRAIN_SECONDS: '0' });
    const lifecycle = createLifecycle();
    const { listen } = await import('../src/server.ts');
    const running = await listen(t.server, { config: t.config, lifecycle });
    const address = t.server.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    expect(lifecycle.ready).toBe(true);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect([ready.status, ready.headers.get('x-request-id')?.length]).toEqual([200, 32]);
    expect(t.server.server.headersTimeout).toBeLessThanOrEqual(t.config.server.requestTimeoutMs);
    await running.shutdown();
    expect([lifecycle.ready, lifecycle.closing]).toEqual([false, true]);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it('stops listening at once but serves the next request of an open keep-alive connection, telling it to close (DEP-3)', async () => {
    const t = await app({ BACKEND_PORT: '0', HOST: '127.0.0.1', BACKEND_READINESS_DRAIN_SECONDS: '0' });
    const { listen } = await import('../src/server.ts');
    const running = await listen(t.server, { config: t.config, lifecycle: t.lifecycle });
    const address = t.server.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (path: string) =>
      new Promise<{ status?: number; connection?: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path, agent }, (response) => {
          response.resume().on('end', () => resolve({ status: response.statusCode, connection: response.headers.connection }));
        })
          .on('error', reject)
          .end();
      });
    try {
      expect(await get('/v0/setup')).toEqual({ status: 200, connection: 'keep-alive' });
      const stopping = running.shutdown();
      await vi.waitFor(() => expect(t.server.server.listening).toBe(false));
      // A new connection is refused, while the idle one still carries the client's next request.
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
      expect(await get('/v0/setup')).toEqual({ status: 200, connection: 'close' });
      await stopping;
    } finally {
      agent.destroy();
    }
  });
});
