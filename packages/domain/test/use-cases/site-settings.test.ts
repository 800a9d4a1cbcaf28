// Run-time settings (docs/api.md#site-settings): only administrators change them, each save bumps the version, and a
// save based on a version that is no longer current is refused without writing anything.
import { describe, expect, it } from 'vitest';
import { defaultSettings, OPERATOR, type Actor } from '@socialpredict/domain';
import { codeOf, createHarness } from './support/use-case-harness.ts';

const ADMIN: Actor = { kind: 'user', username: 'root', role: 'ADMIN' };
const NON_ADMINS: Actor[] = [
  { kind: 'user', username: 'mod', role: 'MODERATOR' },
  { kind: 'user', username: 'joe', role: 'REGULAR' },
];

describe('site settings', () => {
  it('reads the defaults at version 1 before any save', async () => {
    const h = createHarness();
    expect((await h.getGovernanceSettings({ actor: ADMIN }))._unsafeUnwrap()).toEqual(defaultSettings('governance'));
    expect((await h.getReportingVisibility())._unsafeUnwrap()).toEqual(defaultSettings('reportingVisibility'));
  });

  it('changes only the fields sent, bumps the version and records who and when', async () => {
    const h = createHarness();
    const saved = (await h.updateSiteSettings({ actor: ADMIN, key: 'governance', changes: { autoApproveMarketProposals: true }, version: 1 }))._unsafeUnwrap();
    expect(saved).toEqual({
      key: 'governance',
      value: { ...defaultSettings('governance').value, autoApproveMarketProposals: true },
      version: 2,
      updatedBy: 'root',
      updatedAt: h.ports.clock.now(),
    });
    const again = (await h.updateSiteSettings({ actor: OPERATOR, key: 'governance', changes: { marketGroupAnswerAdditionApprovalPolicy: 'admin' }, version: 2 }))._unsafeUnwrap();
    expect(again.value).toMatchObject({ autoApproveMarketProposals: true, marketGroupAnswerAdditionApprovalPolicy: 'admin' });
    expect(again).toMatchObject({ version: 3, updatedBy: 'cli' });
    expect((await h.getReportingVisibility())._unsafeUnwrap().version).toBe(1);
  });

  it('refuses a save based on an older version with INVALID_STATE and keeps the newer one; version 0 skips the check', async () => {
    const h = createHarness();
    (await h.updateSiteSettings({ actor: ADMIN, key: 'reportingVisibility', changes: { systemMetricsPublic: false }, version: 1 }))._unsafeUnwrap();
    expect(await codeOf(h.updateSiteSettings({ actor: ADMIN, key: 'reportingVisibility', changes: { systemMetricsPublic: true }, version: 1 }))).toBe('INVALID_STATE');
    expect((await h.getReportingVisibility())._unsafeUnwrap()).toMatchObject({ value: { systemMetricsPublic: false }, version: 2 });
    const forced = (await h.updateSiteSettings({ actor: ADMIN, key: 'reportingVisibility', changes: { globalLeaderboardPublic: false }, version: 0 }))._unsafeUnwrap();
    expect(forced).toMatchObject({ value: { systemMetricsPublic: false, globalLeaderboardPublic: false }, version: 3 });
  });

  it('refuses a negative or fractional version with VALIDATION_FAILED', async () => {
    const h = createHarness();
    for (const version of [-1, 1.5]) {
      expect(await codeOf(h.updateSiteSettings({ actor: ADMIN, key: 'governance', changes: {}, version }))).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses moderators and regular users, reading or writing, and writes nothing', async () => {
    const h = createHarness();
    for (const actor of NON_ADMINS) {
      expect(await codeOf(h.getGovernanceSettings({ actor }))).toBe('AUTHORIZATION_DENIED');
      expect(await codeOf(h.updateSiteSettings({ actor, key: 'governance', changes: { autoApproveMarketProposals: true }, version: 0 }))).toBe('AUTHORIZATION_DENIED');
    }
    expect((await h.getGovernanceSettings({ actor: OPERATOR }))._unsafeUnwrap()).toEqual(defaultSettings('governance'));
  });
});
