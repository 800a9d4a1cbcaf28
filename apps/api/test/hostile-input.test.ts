// Hostile input of docs/api.md#validation, end to end through the routes: each class once per place it can enter
// (path, query string, body), answered 400 with its reason and never 5xx; the HTTP parser's own rejections over a
// real socket.
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../src/plugins/json-body.plugin.ts';
import { bearer, createTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let alice: string;
let admin: string;
let marketId: number;

const inAWeek = () => new Date(TEST_NOW + 7 * 86_400_000).toISOString();
const marketBody = (overrides: Record<string, unknown> = {}) => ({
  questionTitle: 'Will it rain tomorrow?',
  description: 'Rain or shine',
  outcomeType: 'BINARY',
  resolutionDateTime: inAWeek(),
  ...overrides,
});

async function send(method: 'GET' | 'POST' | 'OPTIONS', url: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
  const response = await t.inject({
    method,
    url,
    headers: {
      ...(options.token === undefined ? {} : bearer(options.token)),
      ...(options.raw === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { payload: options.body as object }),
    ...(options.raw === undefined ? {} : { payload: options.raw }),
  });
  return response;
}

async function refused(status: number, reason: string, method: 'GET' | 'POST', url: string, options: { token?: string; body?: unknown; raw?: string } = {}) {
  const response = await send(method, url, options);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
  expect(response.json()).toMatchObject({ ok: false, reason, message: expect.any(String) });
  return response;
}

beforeEach(async () => {
  t = await createTestApp();
  admin = await t.user('admin', { role: 'ADMIN' });
  alice = await t.user('alice');
  const created = await send('POST', '/v0/markets', { token: alice, body: marketBody() });
  expect(created.statusCode, created.body).toBe(201);
  marketId = created.json().id;
});

afterEach(async () => {
  await t.close();
});

describe('path and query integers are decimal digits only', () => {
  const LOOSE = ['1.5', '1e0', '+1', '%201', '0x1', '01'];

  it.each(LOOSE)('answers /v0/markets/%s and the other id routes with INVALID_REQUEST, never market 1', async (id) => {
    expect(marketId).toBe(1);
    for (const url of [`/v0/markets/${id}`, `/v0/markets/bets/${id}`, `/v0/markets/positions/${id}`, `/v0/markets/${id}/projection?amount=1&outcome=YES`]) {
      await refused(400, 'INVALID_REQUEST', 'GET', url);
    }
  });

  it('does not let a steward resolve a market named by an exponent', async () => {
    await refused(400, 'INVALID_REQUEST', 'POST', `/v0/markets/${marketId}e0/resolve`, { token: alice, body: { resolution: 'YES' } });
    expect((await send('GET', `/v0/markets/${marketId}`)).json().market.isResolved).toBe(false);
  });

  it('refuses loose amounts in the projection query and path', async () => {
    for (const amount of ['1e1', '+10', '010', '0x10', '10.0']) {
      await refused(400, 'INVALID_REQUEST', 'GET', `/v0/markets/${marketId}/projection?amount=${amount}&outcome=YES`);
      await refused(400, 'INVALID_REQUEST', 'GET', `/v0/marketprojection/${marketId}/${amount}/YES/`);
    }
    await refused(400, 'VALIDATION_FAILED', 'GET', `/v0/marketprojection/${marketId}/-5/YES/`);
  });
});

describe('control, bidi and zero-width characters', () => {
  it.each(['%00', '%E2%80%AE', '%E2%80%8B', '%0A'])('are refused in query strings (%s)', async (bad) => {
    for (const url of [
      `/v0/markets?created_by=alice${bad}`,
      `/v0/markets/active?created_by=${bad}`,
      `/v0/markets/search?query=rain${bad}`,
      `/v0/markets/search?q=rain${bad}`,
    ]) {
      await refused(400, 'VALIDATION_FAILED', 'GET', url);
    }
    await refused(400, 'VALIDATION_FAILED', 'GET', `/v0/profile/markets?query=rain${bad}`, { token: alice });
  });

  it.each(['\u0000', '\u202E', '\u200B', '\u0007'])('are refused in body text fields (%j)', async (bad) => {
    await refused(400, 'VALIDATION_FAILED', 'POST', '/v0/profilechange/displayname', { token: alice, body: { displayName: `Al${bad}ice` } });
    await refused(400, 'VALIDATION_FAILED', 'POST', '/v0/profilechange/description', { token: alice, body: { description: `Hi${bad}` } });
    await refused(400, 'VALIDATION_FAILED', 'POST', '/v0/markets', { token: alice, body: marketBody({ questionTitle: `Rain${bad}?` }) });
    await refused(400, 'VALIDATION_FAILED', 'POST', '/v0/markets', { token: alice, body: marketBody({ description: `Rain${bad}` }) });
    await refused(400, 'VALIDATION_FAILED', 'POST', '/v0/markets', { token: alice, body: marketBody({ yesLabel: `Y${bad}` }) });
    await refused(400, 'VALIDATION_FAILED', 'POST', '/v0/markets', { token: alice, body: marketBody({ noLabel: `N${bad}` }) });
  });

  it('refuses NUL in a body field no sanitiser reads', async () => {
    await refused(400, 'VALIDATION_FAILED', 'POST', `/v0/markets/${marketId}/resolve`, { token: alice, body: { resolution: 'YES\u0000' } });
  });
});

describe('stored markup', () => {
  it.each([
    ['displayName', '/v0/profilechange/displayname', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['displayName', '/v0/profilechange/displayname', '&#60;iframe src=x&#62;'],
    ['description', '/v0/profilechange/description', '&lt;iframe src=//evil&gt;&lt;/iframe&gt;'],
  ])('refuses encoded markup in %s', async (field, url, text) => {
    await refused(400, 'VALIDATION_FAILED', 'POST', url, { token: alice, body: { [field]: text } });
    expect((await send('GET', '/v0/privateprofile', { token: alice })).body).not.toMatch(/<(script|iframe)/);
  });

  it.each([
    { questionTitle: '&lt;script&gt;alert(1)&lt;/script&gt;' },
    { questionTitle: 'Rain &#x3c;iframe src=x&#x3e;?' },
    { yesLabel: '&lt;script&gt;' },
    { noLabel: '&#60;embed&#62;' },
    { description: '&lt;object data=x&gt;' },
  ])('refuses encoded markup in a market (%j)', async (overrides) => {
    await refused(400, 'VALIDATION_FAILED', 'POST', '/v0/markets', { token: alice, body: marketBody(overrides) });
  });
});

describe('display names (docs/api.md#validation)', () => {
  it.each(['ADMINISTRATOR', 'Ａｄｍｉｎｉｓｔｒａｔｏｒ', 'Admin', 'ａｄｍｉｎ', 'Admin\u200b', 'Ad\u202Emin', 'Admin\r\n'])(
    'refuses %j',
    async (displayName) => {
      await refused(400, 'VALIDATION_FAILED', 'POST', '/v0/profilechange/displayname', { token: alice, body: { displayName } });
    },
  );

  it('keeps names unique after NFKC and case folding', async () => {
    const bob = await t.user('bob');
    const taken = await send('POST', '/v0/profilechange/displayname', { token: bob, body: { displayName: 'Weatherman' } });
    expect(taken.statusCode, taken.body).toBe(200);
    for (const displayName of ['WEATHERMAN', 'ｗｅａｔｈｅｒｍａｎ', 'weatherman']) {
      const response = await refused(400, 'VALIDATION_FAILED', 'POST', '/v0/profilechange/displayname', { token: alice, body: { displayName } });
      expect(response.json().details.fields.displayName).toEqual(['is already taken']);
    }
    const own = await send('POST', '/v0/profilechange/displayname', { token: bob, body: { displayName: 'WEATHERMAN' } });
    expect([own.statusCode, own.json().result.displayname]).toEqual([200, 'WEATHERMAN']);
  });
});

describe('dates, links and enum values', () => {
  it('refuses a resolution date that is not on the calendar', async () => {
    await refused(400, 'VALIDATION_FAILED', 'POST', '/v0/markets', { token: alice, body: marketBody({ resolutionDateTime: '2027-02-30T12:00:00Z' }) });
    const good = await send('POST', '/v0/markets', { token: alice, body: marketBody({ resolutionDateTime: '2027-02-28T12:00:00Z' }) });
    expect(good.statusCode, good.body).toBe(201);
  });

  it('drops one trailing dot before the link blocklist', async () => {
    for (const link of ['http://localhost./', 'bit.ly.', 'https://t.co./x']) {
      await refused(400, 'VALIDATION_FAILED', 'POST', '/v0/profilechange/links', { token: alice, body: { personalLink1: link } });
    }
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('refuses status=%s as INVALID_REQUEST', async (status) => {
    await refused(400, 'INVALID_REQUEST', 'GET', `/v0/profile/markets?status=${status}`, { token: alice });
    await refused(400, 'INVALID_REQUEST', 'GET', `/v0/markets?status=${status}`);
    await refused(400, 'INVALID_REQUEST', 'GET', `/v0/markets/status/${status}`);
  });
});

describe('JSON nesting', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const deepObject = (depth: number) => `{"a":${'{"a":'.repeat(depth - 1)}1${'}'.repeat(depth)}`;

  it('counts only the brackets outside strings', () => {
    expect(nestsDeeperThan(nested(64), 64)).toBe(false);
    expect(nestsDeeperThan(nested(65), 64)).toBe(true);
    expect(nestsDeeperThan(`{"a":"${'['.repeat(100)}"}`, 64)).toBe(false);
    expect(nestsDeeperThan(`{"a":"\\"${'{'.repeat(100)}"}`, 64)).toBe(false);
    expect(nestsDeeperThan(`["\\\\"${'['.repeat(65)}`, 64)).toBe(true);
  });

  it('refuses 10 000 levels on every body route with INVALID_REQUEST, and lets 64 reach the schema', async () => {
    const routes = [
      '/v0/login', '/v0/changepassword', '/v0/profilechange/displayname', '/v0/profilechange/emoji',
      '/v0/profilechange/description', '/v0/profilechange/links', '/v0/admin/createuser', '/v0/markets', '/v0/bet',
      '/v0/sell', '/v0/sell/quote', `/v0/markets/${marketId}/resolve`,
    ];
    for (const url of routes) {
      const response = await refused(400, 'INVALID_REQUEST', 'POST', url, { token: admin, raw: deepObject(10_000) });
      expect(response.json().message).toContain('64 levels');
    }
    const within = await send('POST', '/v0/bet', { token: alice, raw: `{"marketId":1,"amount":1,"outcome":"YES","x":${deepObject(63)}}` });
    expect(within.statusCode, within.body).toBe(201);
  });
});

describe('bad CORS preflights', () => {
  it('answer with the JSON envelope, the security headers and a request id', async () => {
    const incomplete: Record<string, string>[] = [{ origin: 'https://a.example' }, { 'access-control-request-method': 'POST' }, {}];
    for (const headers of incomplete) {
      const response = await send('OPTIONS', '/v0/bet', { headers });
      expect(response.statusCode, `${JSON.stringify(headers)}: ${response.body}`).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json()).toMatchObject({ ok: false, reason: 'INVALID_REQUEST', message: expect.any(String) });
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-xss-protection']).toBe('1; mode=block');
    }
    const good = await send('OPTIONS', '/v0/bet', { headers: { origin: 'https://a.example', 'access-control-request-method': 'POST' } });
    expect(good.statusCode).toBe(204);
  });
});

describe("Node's HTTP parser errors over a socket", () => {
  async function raw(request: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    await t.server.listen({ port: 0, host: '127.0.0.1' });
    const address = t.server.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(address.port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString('utf8');
      });
      socket.on('end', () => resolve(received));
      socket.on('close', () => resolve(received));
      socket.on('error', (error) => (received === '' ? reject(error) : resolve(received)));
      socket.write(request);
    });
    const [head = '', body = ''] = text.split('\r\n\r\n');
    const [statusLine = '', ...headerLines] = head.split('\r\n');
    const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    return { status: Number(statusLine.split(' ')[1]), headers, body };
  }

  it.each([
    ['a malformed request line', 'GARBAGE\r\n\r\n', 400],
    ['headers too large', `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['bad chunking', 'POST /v0/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n', 400],
  ])('answer %s with the JSON envelope, security headers and a request id', async (_label, request, status) => {
    const response = await raw(request);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body)).toEqual({ ok: false, reason: 'INVALID_REQUEST', message: expect.any(String) });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'x-xss-protection': '1; mode=block',
      'permissions-policy': expect.stringContaining('camera=()'),
      'cross-origin-resource-policy': 'same-origin',
    });
  });
});
