// The audit decorator (docs/api.md#audit-log): each audited call leaves exactly one row — in the write's transaction
// when it commits, on its own when it is refused — with the driver's actor and request id, the table's target and
// inputs, and never a secret; reads and login leave none.
import { describe, expect, it } from 'vitest';
import {
  infrastructureError,
  OPERATOR,
  WRITE_AUDIT,
  withAudit,
  type AuditFailure,
  type StoredAuditEntry,
  type UseCaseName,
} from '@socialpredict/domain';
import { createHarness } from './support/use-case-harness.ts';

const STRONG = 'Sturdy4Password';

const call = (actor: string, requestId: string | null = 'req-1') => ({ origin: { actor, requestId } });

function audited() {
  const h = createHarness();
  const failures: AuditFailure[] = [];
  const useCases = withAudit(h, { audit: h.ports.audit, clock: h.ports.clock }, (failure) => failures.push(failure));
  const rows = async (): Promise<StoredAuditEntry[]> => (await h.ports.audit.list({ limit: 100, offset: 0 }))._unsafeUnwrap();
  return { h, useCases, failures, rows };
}

describe('write audit', () => {
  it('writes one ok row with a committed bet, in its transaction, with target and inputs from the table', async () => {
    const { h, useCases, rows } = audited();
    await h.seedUser('alice', { balance: 100 });
    const market = await h.seedMarket('alice');
    const placed = await useCases.placeBet({ username: 'alice', marketId: market.id, amount: 7, outcome: 'YES' }, call('alice'));
    expect(placed.isOk()).toBe(true);
    expect(await rows()).toEqual([
      {
        id: 1,
        at: h.ports.clock.now(),
        actor: 'alice',
        action: 'placeBet',
        target: String(market.id),
        requestId: 'req-1',
        outcome: 'ok',
        inputs: { outcome: 'YES', amount: 7 },
      },
    ]);
  });

  it('writes one row with the error code for a refused write, and nothing else changes', async () => {
    const { h, useCases, rows } = audited();
    await h.seedUser('alice', { balance: 0 });
    const market = await h.seedMarket('alice');
    const before = h.ports.database.ledgerEntries().length;
    const refused = await useCases.placeBet({ username: 'alice', marketId: market.id, amount: 10_000, outcome: 'NO' }, call('alice', null));
    expect(refused._unsafeUnwrapErr().code).toBe('INSUFFICIENT_BALANCE');
    expect((await rows()).map((row) => [row.action, row.outcome, row.requestId])).toEqual([['placeBet', 'INSUFFICIENT_BALANCE', null]]);
    expect(h.ports.database.ledgerEntries()).toHaveLength(before);
  });

  it('adds its row to the driver\'s own commit records, and stores the driver\'s records only with a commit', async () => {
    const { h, useCases, rows } = audited();
    await h.seedUser('alice', { balance: 100 });
    const seen: string[] = [];
    const created = await useCases.createMarket(
      { username: 'alice', questionTitle: 'Snow?', description: '', resolutionDateTime: h.ports.clock.now() + 7 * 86_400_000 },
      { ...call('alice'), commit: (market) => (seen.push(`committed ${String(market.id)}`), {}) },
    );
    const { id } = created._unsafeUnwrap();
    expect(seen).toEqual([`committed ${String(id)}`]);
    expect((await rows()).map((row) => [row.action, row.target, row.inputs])).toEqual([
      ['createMarket', String(id), { questionTitle: 'Snow?', resolutionDateTime: h.ports.clock.now() + 7 * 86_400_000 }],
    ]);
    const refused = await useCases.createMarket(
      { username: 'ghost', questionTitle: 'Snow?', description: '', resolutionDateTime: 0 },
      { ...call('ghost'), commit: () => (seen.push('never'), {}) },
    );
    expect(refused.isErr()).toBe(true);
    expect(seen).toHaveLength(1);
    expect((await rows())[0]).toMatchObject({ action: 'createMarket', target: null, outcome: 'USER_NOT_FOUND' });
  });

  it('audits the operator\'s writes under its actor and never stores a password', async () => {
    const { h, useCases, rows } = audited();
    await h.seedUser('bob');
    const { password: first } = (await useCases.registerUser({ actor: OPERATOR, username: 'carol' }, call('cli:ops', null)))._unsafeUnwrap();
    const { password: second } = (await useCases.resetPassword({ actor: OPERATOR, username: 'bob' }, call('cli:ops', null)))._unsafeUnwrap();
    const changed = await useCases.changePassword({ username: 'bob', currentPassword: 'wrong', newPassword: STRONG }, call('bob'));
    expect(changed.isErr()).toBe(true);
    const logged = await rows();
    expect(logged.map((row) => [row.actor, row.action, row.target, row.outcome])).toEqual([
      ['bob', 'changePassword', 'bob', 'INVALID_CREDENTIALS'],
      ['cli:ops', 'resetPassword', 'bob', 'ok'],
      ['cli:ops', 'registerUser', 'carol', 'ok'],
    ]);
    const text = JSON.stringify(logged);
    for (const secret of [first, second, 'wrong', STRONG]) expect(text).not.toContain(secret);
    expect(JSON.stringify(logged.map((row) => row.inputs))).not.toMatch(/password|hash|token/i);
  });

  it('leaves no row for reads or login, and every audited use case is a write of the table', async () => {
    const { h, useCases, rows } = audited();
    await h.seedUser('alice');
    await useCases.login({ username: 'alice', password: 'nope' });
    await useCases.listMarkets({ status: 'all', limit: 10, offset: 0 });
    expect(await rows()).toEqual([]);
    const audited_ = (Object.keys(WRITE_AUDIT) as UseCaseName[]).filter((name) => WRITE_AUDIT[name] !== null).sort();
    expect(audited_).toEqual(
      ['changePassword', 'createMarket', 'grantCredits', 'placeBet', 'proposeAmendment', 'provisionAccount', 'registerUser', 'resetPassword', 'resolveMarket', 'reviewAmendments', 'sell', 'setRole', 'updateProfile', 'updateSiteSettings', 'approveMarket', 'rejectMarket', 'reassignSteward', 'createMarketTag', 'updateMarketTag', 'setMarketTags', 'createMarketGroup', 'resolveMarketGroup', 'proposeGroupAnswer', 'reviewGroupAnswer', 'updateGroupAnswerSettings', 'approveMarketGroup', 'rejectMarketGroup', 'reassignGroupSteward', 'setMarketGroupTags', 'updateHomeContent', 'updateDiscoveryPage', 'setDiscoveryPins', 'updateShareSettings', 'uploadShareImage'].sort(),
    );
  });

  it('reports a refusal\'s row that cannot be stored and still answers with the refusal', async () => {
    const { h, useCases, failures, rows } = audited();
    h.ports.database.injectFault('audit.append', infrastructureError('UNAVAILABLE', 'down'));
    const refused = await useCases.grantCredits({ actor: OPERATOR, username: 'ghost', amount: 5 }, call('cli:ops', null));
    expect(refused._unsafeUnwrapErr().code).toBe('USER_NOT_FOUND');
    expect(failures.map((failure) => [failure.useCase, failure.error.kind])).toEqual([['grantCredits', 'UNAVAILABLE']]);
    expect(await rows()).toEqual([]);
  });
});
