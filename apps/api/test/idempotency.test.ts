// Idempotency-Key on the HTTP writes (docs/api.md#idempotency) and the audit rows those writes leave
// (docs/api.md#audit-log), through the whole adapter on the in-memory ports.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { infrastructureError } from '@socialpredict/domain';
import { bearer, createTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts';

const WEEK_MS = 7 * 86_400_000;

let t: TestApp;
let alice: string;
let marketId: number;

beforeEach(async () => {
  t = await createTestApp();
  alice = await t.user('alice');
  const created = await t.inject({
    method: 'POST',
    url: '/v0/markets',
    headers: bearer(alice),
    payload: { questionTitle: 'Will it rain?', description: '', outcomeType: 'BINARY', resolutionDateTime: new Date(TEST_NOW + WEEK_MS).toISOString() },
  });
  marketId = (created.json() as { id: number }).id;
});
afterEach(() => t.close());

const bet = (key: string | undefined, amount = 7, token = alice) =>
  t.inject({
    method: 'POST',
    url: '/v0/bet',
    headers: { ...bearer(token), ...(key === undefined ? {} : { 'idempotency-key': key }) },
    payload: { marketId, amount, outcome: 'YES' },
  });
const rows = async () => (await t.ports.bets.listByMarket(marketId))._unsafeUnwrap();
const balance = async (username: string) => (await t.ports.users.findByUsername(username))._unsafeUnwrap()?.accountBalance;

describe('Idempotency-Key', () => {
  it('runs ten sequential retries of one bet once and replays the stored answer byte for byte', async () => {
    const before = await balance('alice');
    const answers = [];
    for (let i = 0; i < 10; i += 1) answers.push(await bet('bet-7'));
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(10).fill(201));
    expect(answers.map((answer) => answer.headers['idempotent-replayed'])).toEqual([undefined, ...Array(9).fill('true')]);
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(answers[9]?.headers['content-type']).toBe(answers[0]?.headers['content-type']);
    expect(await rows()).toHaveLength(1);
    // 7 credits plus the first-bet fee of 1, once.
    expect(await balance('alice')).toBe((before ?? 0) - 8);
  });

  it('leaves behaviour unchanged without the header: ten posts are ten bets', async () => {
    for (let i = 0; i < 10; i += 1) expect((await bet(undefined)).statusCode).toBe(201);
    expect(await rows()).toHaveLength(10);
  });

  it('runs a concurrent duplicate once: the others replay or get 409 IDEMPOTENCY_IN_PROGRESS with Retry-After: 1', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => bet('same')));
    const executed = answers.filter((answer) => answer.statusCode === 201 && answer.headers['idempotent-replayed'] === undefined);
    expect(executed).toHaveLength(1);
    for (const answer of answers.filter((each) => each !== executed[0])) {
      if (answer.statusCode === 409) {
        expect(answer.json()).toMatchObject({ ok: false, reason: 'IDEMPOTENCY_IN_PROGRESS' });
        expect(answer.headers['retry-after']).toBe('1');
      } else {
        expect([answer.statusCode, answer.headers['idempotent-replayed'], answer.body]).toEqual([201, 'true', executed[0]?.body]);
      }
    }
    expect(await rows()).toHaveLength(1);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED to the same key with another body, path or method, and runs nothing', async () => {
    expect((await bet('k', 7)).statusCode).toBe(201);
    const reused = await bet('k', 8);
    expect([reused.statusCode, reused.json()]).toEqual([422, expect.objectContaining({ ok: false, reason: 'IDEMPOTENCY_KEY_REUSED' })]);
    const elsewhere = await t.inject({ method: 'POST', url: '/v0/sell', headers: { ...bearer(alice), 'idempotency-key': 'k' }, payload: { marketId, amount: 7, outcome: 'YES' } });
    expect(elsewhere.statusCode).toBe(422);
    expect(await rows()).toHaveLength(1);
    // Keys belong to their user: bob's "k" is another key.
    const bob = await t.user('bob');
    expect((await bet('k', 8, bob)).statusCode).toBe(201);
  });

  it('stores and replays a refusal (4xx), but not a 5xx: the retry of a failed write runs', async () => {
    const refused = await bet('too-much', 100_000);
    expect(refused.statusCode).toBe(422);
    const replayed = await bet('too-much', 100_000);
    expect([replayed.statusCode, replayed.headers['idempotent-replayed'], replayed.body]).toEqual([422, 'true', refused.body]);

    t.ports.database.injectFault('lockTrade', infrastructureError('LOCK_TIMEOUT', 'lock wait timed out'));
    expect((await bet('after-timeout')).statusCode).toBe(503);
    const retried = await bet('after-timeout');
    expect([retried.statusCode, retried.headers['idempotent-replayed']]).toEqual([201, undefined]);
    expect(await rows()).toHaveLength(1);
  });

  it('keeps a record for IDEMPOTENCY_TTL_SECONDS: after that the cleanup removes it and the key runs again', async () => {
    expect((await bet('daily')).statusCode).toBe(201);
    t.ports.clock.advance(t.config.api.idempotencyTtlSeconds * 1000 - 1);
    expect((await bet('daily')).headers['idempotent-replayed']).toBe('true');
    expect((await t.idempotency.deleteExpired(t.ports.clock.now()))._unsafeUnwrap()).toBe(0);
    t.ports.clock.advance(1);
    expect((await t.idempotency.deleteExpired(t.ports.clock.now()))._unsafeUnwrap()).toBe(1);
    const again = await bet('daily');
    expect([again.statusCode, again.headers['idempotent-replayed']]).toEqual([201, undefined]);
    expect(await rows()).toHaveLength(2);
  });

  it('refuses a malformed key with 400 INVALID_REQUEST and ignores the header where it does not apply', async () => {
    for (const key of ['', 'x'.repeat(256), 'tab\tkey', 'é']) {
      const answer = await t.inject({ method: 'POST', url: '/v0/bet', headers: { ...bearer(alice), 'idempotency-key': key }, payload: { marketId, amount: 7, outcome: 'YES' } });
      expect([key.length, answer.statusCode, answer.json()]).toEqual([key.length, 400, expect.objectContaining({ reason: 'INVALID_REQUEST' })]);
    }
    expect((await bet('~'.repeat(255))).statusCode).toBe(201);
    expect(await rows()).toHaveLength(1);
    const login = { method: 'POST' as const, url: '/v0/login', headers: { 'idempotency-key': 'login' }, payload: { username: 'alice', password: 'Sturdy4Password' } };
    expect((await t.inject(login)).headers['idempotent-replayed']).toBeUndefined();
    expect((await t.inject(login)).headers['idempotent-replayed']).toBeUndefined();
  });

  it('makes a market creation idempotent too', async () => {
    const create = () =>
      t.inject({
        method: 'POST',
        url: '/v0/markets',
        headers: { ...bearer(alice), 'idempotency-key': 'm' },
        payload: { questionTitle: 'Snow?', description: '', outcomeType: 'BINARY', resolutionDateTime: new Date(TEST_NOW + WEEK_MS).toISOString() },
      });
    const first = await create();
    const second = await create();
    expect([first.statusCode, second.statusCode, second.headers['idempotent-replayed'], second.body]).toEqual([201, 201, 'true', first.body]);
    const markets = (await t.ports.markets.list({ now: 0, limit: 100, offset: 0 }))._unsafeUnwrap().markets;
    expect(markets.filter((market) => market.questionTitle === 'Snow?')).toHaveLength(1);
  });

  it('replays a write whose client dropped the connection before the answer', async () => {
    await t.server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.server.server.address() as AddressInfo;
    const body = JSON.stringify({ marketId, amount: 7, outcome: 'YES' });
    const sent = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/v0/bet',
      headers: { ...bearer(alice), 'idempotency-key': 'dropped', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    sent.on('error', () => undefined);
    sent.end(body);
    // The client tears the connection down as soon as the write is in the books, without reading any answer.
    for (let waited = 0; (await rows()).length === 0 && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    sent.destroy();
    let retry = await bet('dropped');
    for (let attempt = 0; retry.statusCode === 409 && attempt < 50; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      retry = await bet('dropped');
    }
    expect([retry.statusCode, retry.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(await rows()).toHaveLength(1);
  });
});

describe('audit log over HTTP', () => {
  const audit = (token: string, query = '') => t.inject({ method: 'GET', url: `/v0/admin/audit${query}`, headers: bearer(token) });

  it('leaves exactly one row for a committed write and one for a refused one, newest first, for admins only', async () => {
    const admin = await t.user('boss', { role: 'ADMIN' });
    expect((await bet('a')).statusCode).toBe(201);
    // the replay reaches no use case: no second row
    expect((await bet('a')).statusCode).toBe(201);
    expect((await bet(undefined, 100_000)).statusCode).toBe(422);
    const listed = await audit(admin, `?actor=alice&action=placeBet`);
    expect(listed.statusCode).toBe(200);
    const { entries } = (listed.json() as { result: { entries: { outcome: string; target: string; requestId: string | null; inputs: unknown }[] } }).result;
    expect(entries.map((entry) => [entry.outcome, entry.target, entry.inputs])).toEqual([
      ['INSUFFICIENT_BALANCE', String(marketId), { outcome: 'YES', amount: 100_000 }],
      ['ok', String(marketId), { outcome: 'YES', amount: 7 }],
    ]);
    expect(entries.every((entry) => typeof entry.requestId === 'string')).toBe(true);
    const created = (await audit(admin, '?action=createMarket')).json() as { result: { entries: { actor: string; target: string }[] } };
    expect(created.result.entries).toEqual([expect.objectContaining({ actor: 'alice', target: String(marketId) })]);
    expect((await audit(admin, '?limit=1&offset=1')).json()).toMatchObject({ ok: true, result: { limit: 1, offset: 1, entries: [expect.objectContaining({ outcome: 'ok' })] } });

    expect((await audit(alice)).statusCode).toBe(403);
    for (const query of ['?limit=0', '?limit=101', '?limit=x', '?offset=-1', '?offset=1.5']) {
      const bad = await audit(admin, query);
      expect([query, bad.statusCode, bad.json()]).toEqual([query, 400, expect.objectContaining({ reason: 'INVALID_REQUEST' })]);
    }
  });
});
