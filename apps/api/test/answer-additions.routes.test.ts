// The administrators' answer-addition queue (docs/api.md#answer-additions): admin only, strict paging, always empty
// until market groups exist — the web app's admin sidebar polls it with `?status=pending&limit=1`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

const QUEUE = '/v0/admin/market-group-answer-additions';

let t: TestApp;
let admin: string;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeEach(async () => {
  t = await createTestApp();
  admin = await t.user('boss', { role: 'ADMIN' });
});
afterEach(() => t.close());

describe('GET /v0/admin/market-group-answer-additions', () => {
  it('answers the sidebar poll with an empty queue', async () => {
    const response = await t.inject({ method: 'GET', url: `${QUEUE}?status=pending&limit=1`, headers: bearer(admin) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, result: { additions: [], total: 0, limit: 1, offset: 0 } });
    const defaults = await t.inject({ method: 'GET', url: QUEUE, headers: bearer(admin) });
    expect(defaults.json().result).toEqual({ additions: [], total: 0, limit: 50, offset: 0 });
  });

  it('answers 401 without a token and 403 to a user, a moderator, a suspended moderator and a steward', async () => {
    expect((await t.inject({ method: 'GET', url: QUEUE })).json()).toMatchObject({ ok: false, reason: 'INVALID_TOKEN' });
    const steward = await t.user('stew');
    const created = await t.inject({
      method: 'POST',
      url: '/v0/markets',
      headers: bearer(steward),
      payload: { questionTitle: 'Will it rain?', description: '', outcomeType: 'BINARY', resolutionDateTime: new Date(t.ports.clock.now() + 7 * 86_400_000).toISOString() },
    });
    expect(created.statusCode).toBe(201);
    const callers = [await t.user('joe'), await t.user('mod', { role: 'MODERATOR' }), await t.user('sus', { role: 'MODERATOR', suspended: true }), steward];
    for (const token of callers) {
      const denied = await t.inject({ method: 'GET', url: QUEUE, headers: bearer(token) });
      expect(denied.statusCode).toBe(403);
      expect(denied.json()).toMatchObject({ ok: false, reason: 'AUTHORIZATION_DENIED' });
    }
  });

  it('refuses out-of-range paging and an unknown status with 400 VALIDATION_FAILED', async () => {
    for (const query of ['limit=0', 'limit=201', 'limit=abc', 'offset=-1', 'offset=1.5', 'status=open']) {
      const response = await t.inject({ method: 'GET', url: `${QUEUE}?${query}`, headers: bearer(admin) });
      expect(response.statusCode, query).toBe(400);
      expect(response.json(), query).toMatchObject({ ok: false, reason: 'VALIDATION_FAILED' });
    }
    const edge = await t.inject({ method: 'GET', url: `${QUEUE}?limit=200&offset=40&status=rejected`, headers: bearer(admin) });
    expect(edge.json().result).toEqual({ additions: [], total: 0, limit: 200, offset: 40 });
  });
});
