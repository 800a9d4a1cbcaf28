// User governance end to end through HTTP on PostgreSQL (docs/api.md#user-governance): list, promote, suspend and
// reinstate with the Drizzle adapters, the suspension stored on the user row, the reasons on the audit rows, and the
// financial summary.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresApp, type PostgresApp } from './helpers/postgres-app.ts';
import { ScenarioDriver } from './helpers/scenario-driver.ts';

let app: PostgresApp;
let s: ScenarioDriver;

const patch = (url: string, payload: object, as = 'admin') =>
  app.inject({ method: 'PATCH', url, headers: { authorization: `Bearer ${s.tokens.get(as) ?? ''}` }, payload });

describe('user governance on PostgreSQL', () => {
  beforeEach(async () => {
    app = await createPostgresApp();
    s = new ScenarioDriver(app);
    await s.admin();
    for (const name of ['anna', 'bert', 'carl']) await s.user(name);
  });

  afterEach(async () => {
    await app.close();
  });

  it('lists, promotes, suspends and reinstates a moderator, with who, why and when kept and audited', async () => {
    const list = async (query: string) => (await s.request('GET', `/v0/admin/users?${query}`, { as: 'admin' })).json().result;
    expect(await list('limit=2&offset=1')).toMatchObject({ total: 4, limit: 2, offset: 1, users: [{ username: 'anna' }, { username: 'bert' }] });
    expect((await list('')).users.map((user: { username: string }) => user.username)).toEqual(['admin', 'anna', 'bert', 'carl']);
    expect((await list('query=administ')).users).toMatchObject([{ username: 'admin', usertype: 'ADMIN', displayName: 'Administrator' }]);
    expect((await s.request('GET', '/v0/admin/users?limit=251', { as: 'admin' })).json()).toMatchObject({ reason: 'VALIDATION_FAILED' });

    const promoted = await patch('/v0/admin/users/bert/role', { usertype: 'MODERATOR', reason: 'trusted reviewer' });
    expect(promoted.json()).toMatchObject({ ok: true, result: { username: 'bert', usertype: 'MODERATOR', moderatorStatus: 'active' } });
    expect((await patch('/v0/admin/users/bert/role', { usertype: 'MODERATOR' })).statusCode).toBe(409);
    expect((await list('usertype=MODERATOR')).users.map((user: { username: string }) => user.username)).toEqual(['bert']);

    const before = Date.now();
    const suspended = (await patch('/v0/admin/moderators/bert/suspension', { suspended: true, reason: 'self-approved' })).json().result;
    expect(suspended).toMatchObject({ moderatorStatus: 'suspended', moderatorSuspensionReason: 'self-approved', moderatorSuspendedBy: 'admin' });
    expect(Date.parse(suspended.moderatorSuspendedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect((await list('usertype=MODERATOR')).users[0]).toEqual(suspended);
    const refused = await s.request('POST', '/v0/markets', {
      as: 'bert',
      body: { questionTitle: 'Suspended?', description: '', outcomeType: 'BINARY', resolutionDateTime: new Date(Date.now() + 7 * 86_400_000).toISOString() },
    });
    expect(refused.json()).toMatchObject({ ok: false, reason: 'USER_NOT_APPROVED' });
    expect((await patch('/v0/admin/moderators/carl/suspension', { suspended: true, reason: 'r' })).json()).toMatchObject({ reason: 'INVALID_STATE' });

    const reinstated = (await patch('/v0/admin/moderators/bert/suspension', { suspended: false, reason: 'appeal upheld' })).json().result;
    expect(reinstated).toMatchObject({ moderatorStatus: 'active' });
    expect(reinstated).not.toHaveProperty('moderatorSuspendedBy');
    expect(await s.createMarket('bert')).toBeGreaterThan(0);

    const rows = (await s.request('GET', '/v0/admin/audit?action=setRole&target=bert', { as: 'admin' })).json().result.entries;
    expect(rows.map((row: { outcome: string; inputs: { change: string; reason: string | null } }) => [row.outcome, row.inputs.change, row.inputs.reason])).toEqual([
      ['ok', 'unsuspend', 'appeal upheld'],
      ['ok', 'suspend', 'self-approved'],
      ['INVALID_STATE', 'promote', null],
      ['ok', 'promote', 'trusted reviewer'],
    ]);
  });

  it('serves the financial summary of a trader and 404 NOT_FOUND for an unknown user', async () => {
    const id = await s.createMarket('anna');
    expect((await s.bet('carl', id, 'NO', 5)).statusCode).toBe(201);
    const summary = (await s.request('GET', '/v0/read/users/carl/financial-summary', { as: 'anna' })).json().result;
    expect(summary).toMatchObject({ username: 'carl', positionCount: 1, financial: { totalSpent: 5 }, freshness: { source: 'live' } });
    expect(summary.financial).toEqual((await s.request('GET', '/v0/users/carl/financial')).json().financial);
    expect((await s.request('GET', '/v0/read/users/nobody/financial-summary', { as: 'anna' })).json()).toMatchObject({ reason: 'NOT_FOUND' });
    expect((await app.integrity()).findings).toEqual([]);
  });
});
