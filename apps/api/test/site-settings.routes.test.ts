// The settings routes (docs/api.md#site-settings) and reporting visibility enforced on the two guarded reports
// (docs/api.md#reporting-visibility), over the whole HTTP adapter on the memory fakes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

const GOVERNANCE = '/v0/admin/market-description-amendments/settings';
const VISIBILITY = '/v0/admin/content/reporting-visibility';

let t: TestApp;
let admin: string;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeEach(async () => {
  t = await createTestApp();
  admin = await t.user('boss', { role: 'ADMIN' });
});
afterEach(() => t.close());

describe('who may read and change the settings', () => {
  const writes = [
    { method: 'GET' as const, url: GOVERNANCE },
    { method: 'PUT' as const, url: GOVERNANCE, payload: { autoApproveMarketProposals: true, version: 0 } },
    { method: 'PUT' as const, url: VISIBILITY, payload: { systemMetricsPublic: false, version: 0 } },
  ];

  it('answers 401 INVALID_TOKEN without a token and 403 AUTHORIZATION_DENIED to a regular user, a moderator and a suspended moderator', async () => {
    const regular = await t.user('joe');
    const moderator = await t.user('mod', { role: 'MODERATOR' });
    const suspended = await t.user('sus', { role: 'MODERATOR', suspended: true });
    for (const request of writes) {
      const anonymous = await t.inject(request);
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ ok: false, reason: 'INVALID_TOKEN' });
      for (const token of [regular, moderator, suspended]) {
        const denied = await t.inject({ ...request, headers: bearer(token) });
        expect(denied.statusCode).toBe(403);
        expect(denied.json()).toMatchObject({ ok: false, reason: 'AUTHORIZATION_DENIED' });
      }
    }
    // Nothing was saved by the refused attempts.
    expect((await t.inject({ method: 'GET', url: '/v0/content/reporting-visibility' })).json().result.version).toBe(1);
  });
});

describe('governance settings', () => {
  it('reads the defaults, saves the flags sent with the version read, and refuses a stale version with 409', async () => {
    const initial = await t.inject({ method: 'GET', url: GOVERNANCE, headers: bearer(admin) });
    expect(initial.statusCode).toBe(200);
    expect(initial.json().result).toEqual({
      autoApproveDescriptionAmendments: false,
      autoApproveMarketProposals: false,
      autoApproveMarketGroupAnswers: false,
      marketGroupAnswerAdditionApprovalPolicy: 'moderator',
      version: 1,
      updatedAt: expect.any(String),
    });

    const saved = await t.inject({
      method: 'PUT',
      url: GOVERNANCE,
      headers: bearer(admin),
      payload: { autoApproveMarketProposals: true, marketGroupAnswerAdditionApprovalPolicy: 'admin', version: 1 },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().result).toMatchObject({
      autoApproveDescriptionAmendments: false,
      autoApproveMarketProposals: true,
      marketGroupAnswerAdditionApprovalPolicy: 'admin',
      version: 2,
      updatedBy: 'boss',
      updatedAt: new Date(t.ports.clock.now()).toISOString(),
    });

    const stale = await t.inject({ method: 'PUT', url: GOVERNANCE, headers: bearer(admin), payload: { autoApproveMarketProposals: false, version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ ok: false, reason: 'INVALID_STATE' });
    expect((await t.inject({ method: 'GET', url: GOVERNANCE, headers: bearer(admin) })).json().result).toMatchObject({ autoApproveMarketProposals: true, version: 2 });
  });

  it('answers 400 VALIDATION_FAILED to an unknown approval policy or a negative version, saving nothing', async () => {
    for (const payload of [{ marketGroupAnswerAdditionApprovalPolicy: 'everyone' }, { version: -1 }, { autoApproveMarketProposals: 'yes' }]) {
      const response = await t.inject({ method: 'PUT', url: GOVERNANCE, headers: bearer(admin), payload });
      expect(response.statusCode).toBe(400);
    }
    expect((await t.inject({ method: 'GET', url: GOVERNANCE, headers: bearer(admin) })).json().result.version).toBe(1);
  });

  it('replays a save sent again with the same Idempotency-Key instead of saving twice, and audits it once', async () => {
    const request = {
      method: 'PUT' as const,
      url: GOVERNANCE,
      headers: { ...bearer(admin), 'idempotency-key': 'gov-1' },
      payload: { autoApproveDescriptionAmendments: true, version: 1 },
    };
    const first = await t.inject(request);
    const second = await t.inject(request);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect((await t.inject({ method: 'GET', url: GOVERNANCE, headers: bearer(admin) })).json().result.version).toBe(2);
    const audit = await t.inject({ method: 'GET', url: '/v0/admin/audit?action=updateSiteSettings', headers: bearer(admin) });
    expect(audit.json().result.entries).toEqual([
      expect.objectContaining({ actor: 'boss', target: 'governance', outcome: 'ok', inputs: { version: 1, autoApproveDescriptionAmendments: true } }),
    ]);
  });
});

describe('reporting visibility', () => {
  const anonymousStatus = async (url: string) => (await t.inject({ method: 'GET', url })).statusCode;

  it('is public by default; turning a report off makes it 401 INVALID_TOKEN for anonymous callers and leaves it readable with a token', async () => {
    const reader = await t.user('reader');
    expect(await anonymousStatus('/v0/system/metrics')).toBe(200);
    expect(await anonymousStatus('/v0/global/leaderboard')).toBe(200);

    // The web app's editor sends back the object it read, updatedAt included.
    const read = (await t.inject({ method: 'GET', url: '/v0/content/reporting-visibility' })).json().result;
    const saved = await t.inject({ method: 'PUT', url: VISIBILITY, headers: bearer(admin), payload: { ...read, systemMetricsPublic: false } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().result).toEqual({ systemMetricsPublic: false, globalLeaderboardPublic: true, version: 2, updatedAt: expect.any(String) });
    expect((await t.inject({ method: 'GET', url: '/v0/content/reporting-visibility' })).json().result).toEqual(saved.json().result);

    const refused = await t.inject({ method: 'GET', url: '/v0/system/metrics' });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ ok: false, reason: 'INVALID_TOKEN' });
    expect((await t.inject({ method: 'GET', url: '/v0/system/metrics', headers: bearer(reader) })).statusCode).toBe(200);
    expect(await anonymousStatus('/v0/global/leaderboard')).toBe(200);

    (await t.inject({ method: 'PUT', url: VISIBILITY, headers: bearer(admin), payload: { globalLeaderboardPublic: false, systemMetricsPublic: true, version: 2 } })).json();
    expect(await anonymousStatus('/v0/global/leaderboard')).toBe(401);
    expect(await anonymousStatus('/v0/system/metrics')).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/v0/global/leaderboard', headers: bearer(reader) })).statusCode).toBe(200);
  });

  it('refuses a save based on an older version with 409 INVALID_STATE and requires the version field', async () => {
    (await t.inject({ method: 'PUT', url: VISIBILITY, headers: bearer(admin), payload: { systemMetricsPublic: false, version: 1 } })).json();
    const stale = await t.inject({ method: 'PUT', url: VISIBILITY, headers: bearer(admin), payload: { systemMetricsPublic: true, version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ ok: false, reason: 'INVALID_STATE' });
    expect((await t.inject({ method: 'PUT', url: VISIBILITY, headers: bearer(admin), payload: { systemMetricsPublic: true } })).statusCode).toBe(400);
    expect(await anonymousStatus('/v0/system/metrics')).toBe(401);
  });
});
