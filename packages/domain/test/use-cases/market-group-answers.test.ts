// Answer additions of market groups (docs/api.md#market-groups): the ADD_ANSWER_FEE, auto-approval for the steward and
// per policy, the review queues, approval creating the child market and rejection refunding the fee.
import { describe, expect, it } from 'vitest';
import type { Actor, GovernanceSettings } from '@socialpredict/domain';
import { codeOf, createHarness, DAY, expectBooksBalanced } from './support/use-case-harness.ts';

const DAVE = { kind: 'user', username: 'dave', role: 'REGULAR' } as const;
const MOD = { kind: 'user', username: 'mod', role: 'MODERATOR' } as const;
const ADMIN: Actor = { kind: 'user', username: 'root', role: 'ADMIN' };

async function groupHarness() {
  const h = createHarness();
  for (const name of ['dave', 'joe']) await h.seedUser(name);
  await h.seedUser('mod', { role: 'MODERATOR' });
  await h.seedUser('root', { role: 'ADMIN' });
  const { group } = (
    await h.createMarketGroup({
      username: 'dave',
      questionTitle: 'Who wins?',
      description: '',
      resolutionDateTime: h.ports.clock.now() + DAY * 7,
      answerLabels: ['Reds', 'Blues'],
    })
  )._unsafeUnwrap();
  const setPolicy = async (changes: Partial<GovernanceSettings>) =>
    (await h.updateSiteSettings({ actor: ADMIN, key: 'governance', changes, version: 0 }))._unsafeUnwrap();
  return { h, group, setPolicy };
}

describe('answer additions', () => {
  it('charges the fee and approves the steward own answer at once with a new child market', async () => {
    const { h, group } = await groupHarness();
    const addition = (await h.proposeGroupAnswer({ actor: DAVE, groupId: group.id, answerLabel: ' Greens ' }))._unsafeUnwrap();
    expect(addition).toMatchObject({ status: 'approved', answerLabel: 'Greens', reviewedBy: 'dave', additionCost: 2, proposedBy: 'dave' });
    const answers = (await h.ports.marketGroups.listAnswers(group.id))._unsafeUnwrap();
    expect(answers.map((answer) => [answer.answerLabel, answer.displayOrder])).toEqual([['Reds', 1], ['Blues', 2], ['Greens', 3]]);
    expect(answers[2]!.marketId).toBe(addition.marketId);
    expect((await h.ports.markets.findById(addition.marketId!))._unsafeUnwrap()).toMatchObject({ questionTitle: 'Who wins? - Greens', lifecycleStatus: 'published' });
    expect(h.ports.database.ledgerEntries().at(-1)).toMatchObject({ kind: 'ADD_ANSWER_FEE', from: 'user:dave', to: 'house', amount: 2 });
    expect(await h.balanceOf('dave')).toBe(-12);
    await expectBooksBalanced(h.ports);
  });

  it('queues a moderator answer under the moderator policy; the steward approves it; duplicates are refused', async () => {
    const { h, group } = await groupHarness();
    const pending = (await h.proposeGroupAnswer({ actor: MOD, groupId: group.id, answerLabel: 'Greens' }))._unsafeUnwrap();
    expect(pending).toMatchObject({ status: 'pending', marketId: null });
    expect(await h.balanceOf('mod')).toBe(-2);
    expect(await codeOf(h.proposeGroupAnswer({ actor: MOD, groupId: group.id, answerLabel: 'REDS' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(h.proposeGroupAnswer({ actor: { kind: 'user', username: 'joe', role: 'REGULAR' }, groupId: group.id, answerLabel: 'X' }))).toBe('AUTHORIZATION_DENIED');

    const queue = async (actor: Actor, scope: 'group' | 'own' | 'admin') =>
      (await h.listGroupAnswerAdditions({ actor, scope, groupId: group.id, status: 'pending', limit: 10, offset: 0 }))._unsafeUnwrap();
    expect((await queue(DAVE, 'own')).additions.map((a) => a.id)).toEqual([pending.id]);
    expect((await queue(MOD, 'own')).total).toBe(0);
    expect((await queue(MOD, 'group')).total).toBe(1);
    expect((await queue(ADMIN, 'admin')).total).toBe(1);
    expect(await codeOf(h.listGroupAnswerAdditions({ actor: MOD, scope: 'admin', limit: 10, offset: 0 }))).toBe('AUTHORIZATION_DENIED');

    expect(await codeOf(h.reviewGroupAnswer({ actor: MOD, additionId: pending.id, status: 'approved', confirm: true }))).toBe('AUTHORIZATION_DENIED');
    expect(await codeOf(h.reviewGroupAnswer({ actor: DAVE, additionId: pending.id, status: 'approved' }))).toBe('VALIDATION_FAILED');
    const approved = (await h.reviewGroupAnswer({ actor: DAVE, additionId: pending.id, status: 'approved', confirm: true }))._unsafeUnwrap();
    expect(approved).toMatchObject({ status: 'approved', reviewedBy: 'dave' });
    expect((await h.ports.marketGroups.listAnswers(group.id))._unsafeUnwrap()).toHaveLength(3);
    expect(await codeOf(h.reviewGroupAnswer({ actor: ADMIN, additionId: pending.id, status: 'rejected' }))).toBe('INVALID_STATE');
    expect(await h.balanceOf('mod')).toBe(-2);
    await expectBooksBalanced(h.ports);
  });

  it('refunds the fee once on rejection, as PROPOSAL_REFUND', async () => {
    const { h, group } = await groupHarness();
    const pending = (await h.proposeGroupAnswer({ actor: MOD, groupId: group.id, answerLabel: 'Greens' }))._unsafeUnwrap();
    const rejected = (await h.reviewGroupAnswer({ actor: ADMIN, additionId: pending.id, status: 'rejected', reason: ' off topic ' }))._unsafeUnwrap();
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'off topic', reviewedBy: 'root', marketId: null });
    expect(h.ports.database.ledgerEntries().at(-1)).toMatchObject({ kind: 'PROPOSAL_REFUND', from: 'house', to: 'user:mod', amount: 2 });
    expect(await h.balanceOf('mod')).toBe(0);
    expect(await codeOf(h.reviewGroupAnswer({ actor: ADMIN, additionId: pending.id, status: 'rejected' }))).toBe('INVALID_STATE');
    expect(await h.balanceOf('mod')).toBe(0);
    expect(await codeOf(h.reviewGroupAnswer({ actor: ADMIN, additionId: 999, status: 'rejected' }))).toBe('VALIDATION_FAILED');
    await expectBooksBalanced(h.ports);
  });

  it('auto-approves by the group switch, and reserves reviews to administrators under the admin policy', async () => {
    const { h, group, setPolicy } = await groupHarness();
    expect(await codeOf(h.updateGroupAnswerSettings({ actor: MOD, groupId: group.id, autoApproveAnswerAdditions: true }))).toBe('AUTHORIZATION_DENIED');
    (await h.updateGroupAnswerSettings({ actor: DAVE, groupId: group.id, autoApproveAnswerAdditions: true }))._unsafeUnwrap();
    expect((await h.proposeGroupAnswer({ actor: MOD, groupId: group.id, answerLabel: 'Greens' }))._unsafeUnwrap()).toMatchObject({
      status: 'approved',
      reviewedBy: 'auto-approval',
    });
    (await h.updateGroupAnswerSettings({ actor: ADMIN, groupId: group.id, autoApproveAnswerAdditions: false }))._unsafeUnwrap();
    await setPolicy({ marketGroupAnswerAdditionApprovalPolicy: 'admin' });
    const pending = (await h.proposeGroupAnswer({ actor: MOD, groupId: group.id, answerLabel: 'Yellows' }))._unsafeUnwrap();
    expect(await codeOf(h.reviewGroupAnswer({ actor: DAVE, additionId: pending.id, status: 'approved', confirm: true }))).toBe('AUTHORIZATION_DENIED');
    await setPolicy({ marketGroupAnswerAdditionApprovalPolicy: 'auto' });
    expect((await h.proposeGroupAnswer({ actor: MOD, groupId: group.id, answerLabel: 'Pinks' }))._unsafeUnwrap().status).toBe('approved');
  });

  it('refuses an answer beyond the cap, to a resolved group, or over the debt limit', async () => {
    const h = createHarness({ economics: { marketincentives: { multipleChoiceBinary: { hardAnswerSafetyCap: 2 } }, user: { maximumDebtAllowed: 11 } } });
    await h.seedUser('dave');
    const { group } = (
      await h.createMarketGroup({ username: 'dave', questionTitle: 'Q', description: '', resolutionDateTime: h.ports.clock.now() + DAY * 7, answerLabels: ['A', 'B'] })
    )._unsafeUnwrap();
    expect(await codeOf(h.proposeGroupAnswer({ actor: DAVE, groupId: group.id, answerLabel: 'C' }))).toBe('INVALID_STATE');
    const roomy = createHarness({ economics: { user: { maximumDebtAllowed: 11 } } });
    await roomy.seedUser('dave');
    const other = (
      await roomy.createMarketGroup({ username: 'dave', questionTitle: 'Q', description: '', resolutionDateTime: roomy.ports.clock.now() + DAY * 7, answerLabels: ['A', 'B'] })
    )._unsafeUnwrap().group;
    expect(await codeOf(roomy.proposeGroupAnswer({ actor: DAVE, groupId: other.id, answerLabel: 'C' }))).toBe('INSUFFICIENT_BALANCE');
    (await roomy.resolveMarketGroup({ actor: DAVE, groupId: other.id, mode: 'na' }))._unsafeUnwrap();
    expect(await codeOf(roomy.proposeGroupAnswer({ actor: DAVE, groupId: other.id, answerLabel: 'C' }))).toBe('INVALID_STATE');
  });
});
