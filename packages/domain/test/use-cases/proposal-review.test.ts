// Proposal review (docs/api.md#proposal-review): moderator-mode proposals, approval, rejection with its refund, steward
// reassignment with its audit, and the review list. Money moves only through the ledger and the books stay balanced.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPERATOR, type Actor } from '@socialpredict/domain';
import { codeOf, createHarness, DAY, expectBooksBalanced } from './support/use-case-harness.ts';

const moderatorMode = { mode: 'moderator', moderation: { marketApprovalRequired: true } } as const;
const ADMIN: Actor = { kind: 'user', username: 'root', role: 'ADMIN' };
const NON_ADMINS: Actor[] = [
  { kind: 'user', username: 'mod', role: 'MODERATOR' },
  { kind: 'user', username: 'joe', role: 'REGULAR' },
];

async function moderatorHarness() {
  const h = createHarness({ game: moderatorMode });
  await h.seedUser('mod', { role: 'MODERATOR' });
  await h.seedUser('mod2', { role: 'MODERATOR' });
  await h.seedUser('sleepy', { role: 'MODERATOR', moderatorStatus: 'suspended' });
  await h.seedUser('joe');
  const propose = async (title = 'Will it snow?') =>
    (await h.createMarket({ username: 'mod', questionTitle: title, description: 'In Bern', resolutionDateTime: h.ports.clock.now() + DAY }))._unsafeUnwrap();
  return { h, propose };
}

describe('proposal review', () => {
  it('charges the proposal cost at creation and publishes on approval without moving money', async () => {
    const { h, propose } = await moderatorHarness();
    const proposal = await propose();
    expect(proposal).toMatchObject({ lifecycleStatus: 'proposed', creationCost: 10, approvedBy: null });
    expect(await h.balanceOf('mod')).toBe(-10);
    expect(await codeOf(h.placeBet({ username: 'joe', marketId: proposal.id, amount: 5, outcome: 'YES' }))).toBe('MARKET_CLOSED');
    expect((await h.listMarkets({ status: 'all', limit: 10, offset: 0 }))._unsafeUnwrap().total).toBe(0);

    const approved = (await h.approveMarket({ actor: ADMIN, marketId: proposal.id, confirm: true }))._unsafeUnwrap();
    expect(approved.market).toMatchObject({ lifecycleStatus: 'published', approvedBy: 'root', approvedAt: h.ports.clock.now() });
    expect(await h.balanceOf('mod')).toBe(-10);
    expect((await h.listMarkets({ status: 'all', limit: 10, offset: 0 }))._unsafeUnwrap().total).toBe(1);
    expect(await codeOf(h.placeBet({ username: 'joe', marketId: proposal.id, amount: 5, outcome: 'YES' }))).toBe('ok');
    expect(await codeOf(h.approveMarket({ actor: ADMIN, marketId: proposal.id, confirm: true }))).toBe('INVALID_STATE');
    expect(await codeOf(h.rejectMarket({ actor: ADMIN, marketId: proposal.id, reason: 'late' }))).toBe('INVALID_STATE');
    await expectBooksBalanced(h.ports);
  });

  it('refunds exactly the recorded cost with one PROPOSAL_REFUND on rejection, once', async () => {
    const { h, propose } = await moderatorHarness();
    const proposal = await propose();
    const rejected = (await h.rejectMarket({ actor: OPERATOR, marketId: proposal.id, reason: '  duplicate  ' }))._unsafeUnwrap();
    expect(rejected.market).toMatchObject({ lifecycleStatus: 'rejected', rejectedBy: 'cli', rejectionReason: 'duplicate' });
    expect(await h.balanceOf('mod')).toBe(0);
    expect(h.ports.database.ledgerEntries().filter((entry) => entry.kind === 'PROPOSAL_REFUND')).toEqual([
      expect.objectContaining({ from: 'house', to: 'user:mod', amount: 10, marketId: proposal.id }),
    ]);
    expect(await codeOf(h.rejectMarket({ actor: ADMIN, marketId: proposal.id, reason: 'again' }))).toBe('INVALID_STATE');
    expect(await codeOf(h.approveMarket({ actor: ADMIN, marketId: proposal.id, confirm: true }))).toBe('INVALID_STATE');
    expect(await codeOf(h.placeBet({ username: 'joe', marketId: proposal.id, amount: 5, outcome: 'YES' }))).toBe('MARKET_CLOSED');
    await expectBooksBalanced(h.ports);
  });

  it('publishes at once with approvedBy auto-approval while the governance flag is on', async () => {
    const { h, propose } = await moderatorHarness();
    (await h.updateSiteSettings({ actor: ADMIN, key: 'governance', changes: { autoApproveMarketProposals: true }, version: 0 }))._unsafeUnwrap();
    const market = await propose();
    expect(market).toMatchObject({ lifecycleStatus: 'published', approvedBy: 'auto-approval', approvedAt: h.ports.clock.now() });
  });

  it('validates before touching the market, and reports unknown markets', async () => {
    const { h, propose } = await moderatorHarness();
    const proposal = await propose();
    expect(await codeOf(h.approveMarket({ actor: ADMIN, marketId: proposal.id, confirm: false }))).toBe('VALIDATION_FAILED');
    for (const reason of ['', '   ', 'x'.repeat(501)]) {
      expect(await codeOf(h.rejectMarket({ actor: ADMIN, marketId: proposal.id, reason }))).toBe('VALIDATION_FAILED');
    }
    expect(await codeOf(h.approveMarket({ actor: ADMIN, marketId: 999, confirm: true }))).toBe('MARKET_NOT_FOUND');
    expect(await codeOf(h.rejectMarket({ actor: ADMIN, marketId: 999, reason: 'x' }))).toBe('MARKET_NOT_FOUND');
    expect(await codeOf(h.reassignSteward({ actor: ADMIN, marketId: 999, stewardUsername: 'mod2', reason: 'x' }))).toBe('MARKET_NOT_FOUND');
    expect((await h.listReviewMarkets({ actor: ADMIN, status: 'proposed', limit: 10, offset: 0 }))._unsafeUnwrap().total).toBe(1);
  });

  it('refuses every review action to non-admins and writes nothing', async () => {
    const { h, propose } = await moderatorHarness();
    const proposal = await propose();
    for (const actor of NON_ADMINS) {
      expect(await codeOf(h.listReviewMarkets({ actor, status: 'all', limit: 10, offset: 0 }))).toBe('AUTHORIZATION_DENIED');
      expect(await codeOf(h.approveMarket({ actor, marketId: proposal.id, confirm: true }))).toBe('AUTHORIZATION_DENIED');
      expect(await codeOf(h.rejectMarket({ actor, marketId: proposal.id, reason: 'no' }))).toBe('AUTHORIZATION_DENIED');
      expect(await codeOf(h.reassignSteward({ actor, marketId: proposal.id, stewardUsername: 'mod2', reason: 'no' }))).toBe('AUTHORIZATION_DENIED');
    }
    expect(await h.balanceOf('mod')).toBe(-10);
  });

  it('reassigns the steward to an eligible user and records who, from, to and why', async () => {
    const { h, propose } = await moderatorHarness();
    const market = await propose();
    const moved = (await h.reassignSteward({ actor: ADMIN, marketId: market.id, stewardUsername: 'mod2', reason: ' on leave ' }))._unsafeUnwrap();
    expect(moved.market.stewardUsername).toBe('mod2');
    expect(moved.stewardshipAudits).toEqual([
      { id: 1, marketId: market.id, fromStewardUsername: 'mod', toStewardUsername: 'mod2', actorUsername: 'root', reason: 'on leave', createdAt: h.ports.clock.now() },
    ]);
    expect(await codeOf(h.reassignSteward({ actor: ADMIN, marketId: market.id, stewardUsername: 'mod2', reason: 'x' }))).toBe('VALIDATION_FAILED');
    for (const ineligible of ['sleepy', 'joe', 'root-missing']) {
      expect(await codeOf(h.reassignSteward({ actor: ADMIN, marketId: market.id, stewardUsername: ineligible, reason: 'x' }))).toBe('USER_NOT_FOUND');
    }
    const listed = (await h.listReviewMarkets({ actor: ADMIN, status: 'all', query: 'SNOW', limit: 10, offset: 0 }))._unsafeUnwrap();
    expect(listed.markets.map((row) => row.stewardshipAudits.length)).toEqual([1]);
    (await h.rejectMarket({ actor: ADMIN, marketId: market.id, reason: 'no' }))._unsafeUnwrap();
    expect(await codeOf(h.reassignSteward({ actor: ADMIN, marketId: market.id, stewardUsername: 'mod', reason: 'x' }))).toBe('INVALID_STATE');
    // The refund goes to the creator, not to the current steward.
    expect(await h.balanceOf('mod')).toBe(0);
  });

  it('lets a regular user steward in standard mode, but not an admin', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    await h.seedUser('bob');
    await h.seedUser('boss', { role: 'ADMIN' });
    const market = await h.seedMarket('alice');
    expect(await codeOf(h.reassignSteward({ actor: ADMIN, marketId: market.id, stewardUsername: 'bob', reason: 'x' }))).toBe('ok');
    expect(await codeOf(h.reassignSteward({ actor: ADMIN, marketId: market.id, stewardUsername: 'boss', reason: 'x' }))).toBe('USER_NOT_FOUND');
  });

  it('filters the review list by status and query, pages it, and counts all matches', async () => {
    const { h, propose } = await moderatorHarness();
    const [a, b, c] = [await propose('Alpha'), await propose('Beta'), await propose('Gamma')];
    (await h.approveMarket({ actor: ADMIN, marketId: a.id, confirm: true }))._unsafeUnwrap();
    (await h.rejectMarket({ actor: ADMIN, marketId: b.id, reason: 'no' }))._unsafeUnwrap();
    const ids = async (status: 'proposed' | 'published' | 'rejected' | 'closed' | 'resolved' | 'all', query?: string) =>
      (await h.listReviewMarkets({ actor: ADMIN, status, ...(query === undefined ? {} : { query }), limit: 10, offset: 0 }))._unsafeUnwrap().markets.map((row) => row.market.id);
    expect(await ids('proposed')).toEqual([c.id]);
    expect(await ids('published')).toEqual([a.id]);
    expect(await ids('rejected')).toEqual([b.id]);
    expect(await ids('resolved')).toEqual([]);
    expect(await ids('all')).toEqual([c.id, b.id, a.id]);
    expect(await ids('all', 'gam')).toEqual([c.id]);
    h.ports.clock.advance(2 * DAY);
    expect(await ids('closed')).toEqual([a.id]);
    const page = (await h.listReviewMarkets({ actor: ADMIN, status: 'all', limit: 1, offset: 1 }))._unsafeUnwrap();
    expect({ ids: page.markets.map((row) => row.market.id), total: page.total }).toEqual({ ids: [b.id], total: 3 });
  });

  it('conserves money over any sequence of proposals, approvals and rejections; each rejection refunds exactly the cost', async () => {
    const step = fc.oneof(
      fc.constant({ kind: 'create' as const, pick: 0 }),
      fc.record({ kind: fc.constantFrom('approve' as const, 'reject' as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 50 }), fc.array(step, { maxLength: 12 }), async (cost, steps) => {
        const h = createHarness({ game: moderatorMode, economics: { marketincentives: { createMarketCost: cost } } });
        await h.seedUser('mod', { role: 'MODERATOR' });
        const open = new Set<number>();
        let expected = 0;
        for (const s of steps) {
          const before = await h.balanceOf('mod');
          if (s.kind === 'create') {
            const market = (await h.createMarket({ username: 'mod', questionTitle: 'Q', description: 'D', resolutionDateTime: h.ports.clock.now() + DAY }))._unsafeUnwrap();
            open.add(market.id);
            expected -= cost;
            expect(await h.balanceOf('mod')).toBe(before - cost);
            continue;
          }
          // Any market id, reviewed or not, and one that does not exist.
          const id = 1 + (s.pick % (open.size + 2));
          const result =
            s.kind === 'approve'
              ? await h.approveMarket({ actor: ADMIN, marketId: id, confirm: true })
              : await h.rejectMarket({ actor: ADMIN, marketId: id, reason: 'no' });
          expect(result.isOk()).toBe(open.has(id));
          const refund = result.isOk() && s.kind === 'reject' ? cost : 0;
          if (result.isOk()) open.delete(id);
          expected += refund;
          expect(await h.balanceOf('mod')).toBe(before + refund);
        }
        expect(await h.balanceOf('mod')).toBe(expected);
        const refunds = h.ports.database.ledgerEntries().filter((entry) => entry.kind === 'PROPOSAL_REFUND');
        expect(new Set(refunds.map((entry) => entry.marketId)).size).toBe(refunds.length);
        await expectBooksBalanced(h.ports);
      }),
      { numRuns: 40 },
    );
  });
});
