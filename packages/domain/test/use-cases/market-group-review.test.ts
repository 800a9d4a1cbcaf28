// Group proposals in moderator mode (docs/api.md#market-groups, docs/api.md#proposal-review): approval publishes the
// group and every answer together, rejection refunds the proposal cost once, a steward change moves every answer.
import { describe, expect, it } from 'vitest';
import { OPERATOR, type Actor } from '@socialpredict/domain';
import { codeOf, createHarness, DAY, expectBooksBalanced } from './support/use-case-harness.ts';

const ADMIN: Actor = { kind: 'user', username: 'root', role: 'ADMIN' };
const MOD: Actor = { kind: 'user', username: 'mod', role: 'MODERATOR' };

async function proposal() {
  const h = createHarness({ game: { mode: 'moderator', moderation: { marketApprovalRequired: true } } });
  await h.seedUser('mod', { role: 'MODERATOR' });
  await h.seedUser('deputy', { role: 'MODERATOR' });
  await h.seedUser('joe');
  await h.seedUser('root', { role: 'ADMIN' });
  const details = (
    await h.createMarketGroup({ username: 'mod', questionTitle: 'Who?', description: '', resolutionDateTime: h.ports.clock.now() + 7 * DAY, answerLabels: ['A', 'B'] })
  )._unsafeUnwrap();
  return { h, groupId: details.group.id, children: details.answers.map(({ answer }) => answer.marketId) };
}

describe('market group proposals', () => {
  it('approval publishes the group and its answers, once, by administrators only', async () => {
    const { h, groupId, children } = await proposal();
    expect(await codeOf(h.approveMarketGroup({ actor: MOD, groupId, confirm: true }))).toBe('AUTHORIZATION_DENIED');
    expect(await codeOf(h.approveMarketGroup({ actor: ADMIN, groupId, confirm: false }))).toBe('VALIDATION_FAILED');
    const approved = (await h.approveMarketGroup({ actor: ADMIN, groupId, confirm: true }))._unsafeUnwrap();
    expect(approved.details.group).toMatchObject({ lifecycleStatus: 'published', approvedBy: 'root' });
    expect(approved.details.answers.every(({ market }) => market?.market.lifecycleStatus === 'published')).toBe(true);
    expect(await codeOf(h.placeBet({ username: 'joe', marketId: children[0]!, outcome: 'YES', amount: 5 }))).toBe('ok');
    expect(await codeOf(h.approveMarketGroup({ actor: ADMIN, groupId, confirm: true }))).toBe('INVALID_STATE');
    expect(await codeOf(h.rejectMarketGroup({ actor: ADMIN, groupId, reason: 'late' }))).toBe('INVALID_STATE');
    await expectBooksBalanced(h.ports);
  });

  it('rejection refunds the proposal cost once and closes every answer', async () => {
    const { h, groupId, children } = await proposal();
    expect(await h.balanceOf('mod')).toBe(-10);
    const rejected = (await h.rejectMarketGroup({ actor: OPERATOR, groupId, reason: ' duplicate ' }))._unsafeUnwrap();
    expect(rejected.details.group).toMatchObject({ lifecycleStatus: 'rejected', rejectedBy: 'cli', rejectionReason: 'duplicate' });
    expect(await h.balanceOf('mod')).toBe(0);
    expect(h.ports.database.ledgerEntries().filter((entry) => entry.kind === 'PROPOSAL_REFUND')).toHaveLength(1);
    expect(await codeOf(h.rejectMarketGroup({ actor: ADMIN, groupId, reason: 'again' }))).toBe('INVALID_STATE');
    expect(await h.balanceOf('mod')).toBe(0);
    expect(await codeOf(h.placeBet({ username: 'joe', marketId: children[1]!, outcome: 'YES', amount: 5 }))).toBe('MARKET_CLOSED');
    expect(await codeOf(h.rejectMarketGroup({ actor: ADMIN, groupId, reason: '' }))).toBe('VALIDATION_FAILED');
    await expectBooksBalanced(h.ports);
  });

  it('a steward change moves the group and every answer, with one audit per answer; tags go on every answer', async () => {
    const { h, groupId, children } = await proposal();
    (await h.createMarketTag({ actor: ADMIN, slug: 'sport', displayName: 'Sport' }))._unsafeUnwrap();
    expect(await codeOf(h.reassignGroupSteward({ actor: ADMIN, groupId, stewardUsername: 'joe', reason: 'x' }))).toBe('USER_NOT_FOUND');
    const moved = (await h.reassignGroupSteward({ actor: ADMIN, groupId, stewardUsername: 'deputy', reason: 'mod away' }))._unsafeUnwrap();
    expect(moved.details.group.stewardUsername).toBe('deputy');
    expect(moved.stewardshipAudits.map((audit) => [audit.marketId, audit.toStewardUsername])).toEqual(children.map((id) => [id, 'deputy']));
    for (const id of children) expect((await h.ports.markets.findById(id))._unsafeUnwrap()?.stewardUsername).toBe('deputy');
    const tagged = (await h.setMarketGroupTags({ actor: ADMIN, groupId, tagSlugs: ['sport'] }))._unsafeUnwrap();
    expect(tagged.details.answers.map(({ market }) => market?.tags.map((tag) => tag.slug))).toEqual([['sport'], ['sport']]);
    expect(await codeOf(h.setMarketGroupTags({ actor: ADMIN, groupId, tagSlugs: ['nope'] }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(h.setMarketGroupTags({ actor: MOD, groupId, tagSlugs: [] }))).toBe('AUTHORIZATION_DENIED');
  });
});
