// Description amendments end to end through HTTP on PostgreSQL (docs/api.md#amendments): a steward proposes, an
// administrator approves and the market detail shows it; a resolved market refuses amendments; a grouped review is all
// or nothing; the governance flag approves at once. Runs the Drizzle adapters and migration 0007.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresApp, type PostgresApp } from './helpers/postgres-app.ts';
import { ScenarioDriver } from './helpers/scenario-driver.ts';

const ADMIN_LIST = '/v0/admin/market-description-amendments';

let app: PostgresApp;
let s: ScenarioDriver;

const send = (method: 'PATCH' | 'PUT', url: string, payload: object, as = 'admin') =>
  app.inject({ method, url, headers: { authorization: `Bearer ${s.tokens.get(as) ?? ''}` }, payload });
const propose = (marketId: number, body: string) => s.request('POST', `/v0/markets/${String(marketId)}/description-amendments`, { as: 'stew', body: { body, bodyFormat: 'markdown_lite' } });

describe('description amendments on PostgreSQL', () => {
  let marketId: number;

  beforeEach(async () => {
    app = await createPostgresApp();
    s = new ScenarioDriver(app);
    await s.admin();
    await s.user('stew');
    expect((await send('PATCH', '/v0/admin/users/stew/role', { usertype: 'MODERATOR', reason: 'steward' })).statusCode).toBe(200);
    marketId = await s.createMarket('stew');
  });

  afterEach(async () => {
    await app.close();
  });

  it('the steward proposes, the administrator approves, the market detail shows it, and both writes are audited', async () => {
    const proposed = await propose(marketId, 'Rain means at least **1 mm**.');
    expect(proposed.statusCode, proposed.body).toBe(201);
    const { id } = proposed.json() as { id: number };
    expect(proposed.json()).toMatchObject({ marketId, version: 2, status: 'pending', createdBy: 'stew' });
    const queue = (await s.request('GET', `${ADMIN_LIST}?query=RAIN`, { as: 'admin' })).json().result;
    expect(queue).toMatchObject({ total: 1, amendments: [{ id }] });

    const approved = await send('PATCH', `${ADMIN_LIST}/${String(id)}`, { status: 'approved', reason: 'clear' });
    expect(approved.json()).toMatchObject({ ok: true, result: { id, status: 'approved', approvedBy: 'admin' } });
    const detail = await s.detail(marketId);
    expect(detail.descriptionAmendments).toEqual([approved.json().result]);
    expect((await propose(marketId, 'Second.')).json()).toMatchObject({ version: 3 });

    const audit = async (action: string) => (await s.request('GET', `/v0/admin/audit?action=${action}`, { as: 'admin' })).json().result.entries;
    expect(await audit('reviewAmendments')).toMatchObject([{ actor: 'admin', target: String(id), outcome: 'ok', inputs: { status: 'approved', reason: 'clear' } }]);
    expect((await audit('proposeAmendment')).map((row: { target: string }) => row.target)).toEqual([String(marketId), String(marketId)]);
  });

  it('refuses an amendment on a resolved market with 409 INVALID_STATE and stores nothing', async () => {
    const resolved = await s.request('POST', `/v0/markets/${String(marketId)}/resolve`, { as: 'stew', body: { resolution: 'YES' } });
    expect(resolved.statusCode, resolved.body).toBe(204);
    const refused = await propose(marketId, 'Too late.');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ ok: false, reason: 'INVALID_STATE' });
    expect((await s.request('GET', `${ADMIN_LIST}?status=pending`, { as: 'admin' })).json().result.total).toBe(0);
  });

  it('reviews a group all or nothing', async () => {
    const ids: number[] = [];
    for (const body of ['a', 'b', 'c']) ids.push((await propose(marketId, body)).json().id as number);
    const [a, b, c] = ids as [number, number, number];
    expect((await send('PATCH', `${ADMIN_LIST}/${String(a)}`, { status: 'rejected', reason: 'duplicate' })).statusCode).toBe(200);
    const refused = await send('PATCH', `${ADMIN_LIST}/grouped-review`, { amendmentIds: [a, b, c], status: 'approved', reason: 'ok' });
    expect(refused.json()).toMatchObject({ ok: false, reason: 'INVALID_STATE' });
    expect((await s.request('GET', ADMIN_LIST, { as: 'admin' })).json().result.total).toBe(2);
    const group = await send('PATCH', `${ADMIN_LIST}/grouped-review`, { amendmentIds: [b, c], status: 'rejected', reason: 'off topic' });
    expect(group.json().result).toMatchObject({ total: 2, amendments: [{ id: b, rejectionReason: 'off topic' }, { id: c, rejectionReason: 'off topic' }] });
    expect((await s.detail(marketId)).descriptionAmendments).toEqual([]);
    const own = (await s.request('GET', '/v0/profile/market-description-amendments?status=rejected&limit=200', { as: 'stew' })).json().result;
    expect(own.total).toBe(3);
  });

  it('approves at once while the governance flag is on', async () => {
    expect((await send('PUT', `${ADMIN_LIST}/settings`, { autoApproveDescriptionAmendments: true, version: 0 })).statusCode).toBe(200);
    const stored = (await propose(marketId, 'Auto.')).json();
    expect(stored).toMatchObject({ status: 'approved', approvedBy: 'auto-approval' });
    expect((await s.detail(marketId)).descriptionAmendments).toMatchObject([{ id: stored.id }]);
  });
});
