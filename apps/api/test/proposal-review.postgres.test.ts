// Proposal review end to end over HTTP on PostgreSQL (docs/api.md#proposal-review), in moderator mode: a moderator
// proposes, an admin approves, another user bets, the (reassigned) steward resolves; a second proposal is rejected
// and refunded. The ledger integrity check (VAL-4) is clean after every step.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSetRole, OPERATOR } from '@socialpredict/domain';
import { createPostgresApp, type PostgresApp } from './helpers/postgres-app.ts';
import { ScenarioDriver } from './helpers/scenario-driver.ts';

let app: PostgresApp;
let s: ScenarioDriver;

const patch = (url: string, as: string, payload: object) =>
  app.inject({ method: 'PATCH', url, headers: { authorization: `Bearer ${s.tokens.get(as) ?? ''}` }, payload });

async function moderator(username: string): Promise<void> {
  await s.user(username);
  (await makeSetRole(app.deps)({ actor: OPERATOR, username, change: { kind: 'role', role: 'MODERATOR' } }))._unsafeUnwrap();
}

describe('proposal review on PostgreSQL', () => {
  beforeEach(async () => {
    app = await createPostgresApp({ GAME_MODE: 'moderator' });
    s = new ScenarioDriver(app);
    await s.admin();
  });

  afterEach(async () => {
    await app.close();
  });

  it('proposes, approves, trades and resolves; a second proposal is rejected and refunded', async () => {
    await moderator('mod');
    await moderator('deputy');
    await s.user('amy');
    await s.expectSoundBooks();

    const first = await s.createMarket('mod');
    expect(await s.balance('mod')).toBe(-10);
    expect((await s.bet('amy', first, 'YES', 5)).statusCode).toBe(409);
    const queue = await s.request('GET', '/v0/admin/markets?status=proposed&limit=1', { as: 'admin' });
    expect(queue.json().result).toMatchObject({ total: 1, markets: [{ id: first, proposalCost: 10 }] });
    await s.expectSoundBooks();

    const approved = await patch(`/v0/admin/markets/${String(first)}/approve`, 'admin', { confirm: true });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().result).toMatchObject({ status: 'active', approvedBy: 'admin' });
    await s.expectSoundBooks();

    await s.bets('amy', first, ['YES', 20]);
    await s.expectSoundBooks();

    const moved = await patch(`/v0/admin/markets/${String(first)}/steward`, 'admin', { stewardUsername: 'deputy', reason: 'mod is away' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().result.stewardshipAudits).toEqual([
      expect.objectContaining({ fromStewardUsername: 'mod', toStewardUsername: 'deputy', actorUsername: 'admin', reason: 'mod is away' }),
    ]);
    expect((await s.request('POST', `/v0/markets/${String(first)}/resolve`, { as: 'mod', body: { resolution: 'YES' } })).statusCode).toBe(403);
    const resolved = await s.request('POST', `/v0/markets/${String(first)}/resolve`, { as: 'deputy', body: { resolution: 'YES' } });
    expect(resolved.statusCode, resolved.body).toBe(204);
    expect((await s.detail(first)).market).toMatchObject({ isResolved: true, resolutionResult: 'YES' });
    await s.expectSoundBooks();

    const second = await s.createMarket('mod');
    const before = await s.balance('mod');
    const houseBefore = await s.house();
    const rejected = await patch(`/v0/admin/markets/${String(second)}/reject`, 'admin', { reason: 'Duplicate' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json().result).toMatchObject({ status: 'rejected', rejectionReason: 'Duplicate', rejectedBy: 'admin' });
    expect(await s.balance('mod')).toBe(before + 10);
    expect(await s.house()).toBe(houseBefore - 10);
    expect((await patch(`/v0/admin/markets/${String(second)}/reject`, 'admin', { reason: 'again' })).statusCode).toBe(409);
    expect((await s.bet('amy', second, 'YES', 5)).statusCode).toBe(409);
    await s.expectSoundBooks();
  });
});
