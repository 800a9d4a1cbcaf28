// Market groups (docs/api.md#market-groups): creation with its single MARKET_CREATION charge and answer rules, game
// modes, and the group resolution that settles every answer market in one transaction exactly as resolving each alone.
import { describe, expect, it } from 'vitest';
import { makeUseCases, OPERATOR, type Actor, type CreateMarketGroupInput, type MarketGroupRepository } from '@socialpredict/domain';
import { codeOf, createHarness, DAY, expectBooksBalanced, type Harness } from './support/use-case-harness.ts';

const DAVE: Actor = { kind: 'user', username: 'dave', role: 'REGULAR' };
const ADMIN: Actor = { kind: 'user', username: 'root', role: 'ADMIN' };
const moderatorMode = { mode: 'moderator', moderation: { marketApprovalRequired: true } } as const;

function groupInput(h: Harness, overrides: Partial<CreateMarketGroupInput> = {}): CreateMarketGroupInput {
  return {
    username: 'dave',
    questionTitle: 'Who wins the cup?',
    description: 'Final on Sunday',
    resolutionDateTime: h.ports.clock.now() + 7 * DAY,
    answerLabels: ['Reds', 'Blues', 'Greens'],
    ...overrides,
  };
}

async function seeded(options: Parameters<typeof createHarness>[0] = {}) {
  const h = createHarness(options);
  for (const name of ['alice', 'bob', 'carol', 'dave']) await h.seedUser(name);
  await h.seedUser('root', { role: 'ADMIN' });
  return h;
}

/** The same trades on each answer: [answer index, user, outcome, amount]. */
const TRADES = [
  [0, 'alice', 'YES', 20],
  [0, 'bob', 'NO', 15],
  [1, 'carol', 'YES', 30],
  [1, 'alice', 'NO', 7],
  [2, 'bob', 'YES', 5],
] as const;

describe('create market group', () => {
  it('creates one binary child per answer, charges the creation cost once and tags every child', async () => {
    const h = await seeded();
    (await h.createMarketTag({ actor: ADMIN, slug: 'sport', displayName: 'Sport' }))._unsafeUnwrap();
    const details = (await h.createMarketGroup(groupInput(h, { answerLabels: [' Reds ', 'Blues', 'Greens'], tagSlugs: ['sport'] })))._unsafeUnwrap();
    expect(details.group).toMatchObject({ lifecycleStatus: 'published', proposalCost: 10, stewardUsername: 'dave', autoApproveAnswerAdditions: false });
    expect(details.answers.map(({ answer }) => [answer.answerLabel, answer.displayOrder])).toEqual([
      ['Reds', 1],
      ['Blues', 2],
      ['Greens', 3],
    ]);
    expect(details.answers.map(({ market }) => market?.market.questionTitle)).toEqual([
      'Who wins the cup? - Reds',
      'Who wins the cup? - Blues',
      'Who wins the cup? - Greens',
    ]);
    for (const { market } of details.answers) {
      expect(market?.market).toMatchObject({ lifecycleStatus: 'published', creationCost: 0, stewardUsername: 'dave' });
      expect(market?.tags.map((tag) => tag.slug)).toEqual(['sport']);
    }
    expect(await h.balanceOf('dave')).toBe(-10);
    expect(h.ports.database.ledgerEntries().filter((entry) => entry.kind === 'MARKET_CREATION')).toEqual([
      expect.objectContaining({ from: 'user:dave', to: 'house', amount: 10 }),
    ]);
    await expectBooksBalanced(h.ports);
  });

  it.each([
    ['one answer', { answerLabels: ['Reds'] }],
    ['more than the cap', { answerLabels: ['a', 'b', 'c', 'd'] }],
    ['case-insensitive duplicates', { answerLabels: ['Reds', 'reds '] }],
    ['an empty answer', { answerLabels: ['Reds', '  '] }],
    ['an answer over 160 characters', { answerLabels: ['Reds', 'x'.repeat(161)] }],
    ['a child title over 160 characters', { questionTitle: 'q'.repeat(155), answerLabels: ['Reds', 'Blues'] }],
    ['too many tags', { tagSlugs: ['a', 'b', 'c', 'd', 'e', 'f'] }],
    ['a resolution time too soon', { resolutionDateTime: 0 }],
  ])('refuses %s with VALIDATION_FAILED and writes nothing', async (_name, overrides) => {
    const h = await seeded({ economics: { marketincentives: { multipleChoiceBinary: { hardAnswerSafetyCap: 3 } } } });
    const entries = h.ports.database.ledgerEntries().length;
    expect(await codeOf(h.createMarketGroup(groupInput(h, overrides)))).toBe('VALIDATION_FAILED');
    expect(h.ports.database.ledgerEntries()).toHaveLength(entries);
    expect((await h.ports.markets.list({ now: 0, limit: 10, offset: 0 }))._unsafeUnwrap().total).toBe(0);
    expect((await h.ports.marketGroups.list({ limit: 10, offset: 0 }))._unsafeUnwrap().total).toBe(0);
  });

  it('caps the answers at 50 whatever the policy says', async () => {
    const h = await seeded({ economics: { marketincentives: { multipleChoiceBinary: { hardAnswerSafetyCap: 80 } } } });
    const labels = (count: number) => Array.from({ length: count }, (_, index) => `A${String(index)}`);
    expect(await codeOf(h.createMarketGroup(groupInput(h, { answerLabels: labels(51) })))).toBe('VALIDATION_FAILED');
    expect(await codeOf(h.createMarketGroup(groupInput(h, { answerLabels: labels(50) })))).toBe('ok');
  });

  it('refuses a creator who would exceed the debt limit', async () => {
    const h = await seeded({ economics: { user: { maximumDebtAllowed: 5 } } });
    expect(await codeOf(h.createMarketGroup(groupInput(h)))).toBe('INSUFFICIENT_BALANCE');
    expect(await h.balanceOf('dave')).toBe(0);
  });

  it('in moderator mode: only active moderators create, and the group and its answers start proposed', async () => {
    const h = await seeded({ game: moderatorMode });
    await h.seedUser('mod', { role: 'MODERATOR' });
    await h.seedUser('sleepy', { role: 'MODERATOR', moderatorStatus: 'suspended' });
    expect(await codeOf(h.createMarketGroup(groupInput(h)))).toBe('USER_NOT_APPROVED');
    expect(await codeOf(h.createMarketGroup(groupInput(h, { username: 'sleepy' })))).toBe('USER_NOT_APPROVED');
    const details = (await h.createMarketGroup(groupInput(h, { username: 'mod' })))._unsafeUnwrap();
    expect(details.group.lifecycleStatus).toBe('proposed');
    expect(details.answers.every(({ market }) => market?.market.lifecycleStatus === 'proposed')).toBe(true);
    const child = details.answers[0]!.answer.marketId;
    expect(await codeOf(h.placeBet({ username: 'alice', marketId: child, outcome: 'YES', amount: 5 }))).toBe('MARKET_CLOSED');
  });
});

describe('market reads name the group of an answer market', () => {
  it('lists, searches and details answer markets with their group, looked up once per page; other markets have none', async () => {
    const h = await seeded();
    const solo = await h.seedMarket('alice', { title: 'Who wins the solo race?' });
    const { group, answers } = (await h.createMarketGroup(groupInput(h)))._unsafeUnwrap();
    // Counts the lookups, so that a page costs one whatever its size (docs/performance.md#perf-3).
    const lookups: number[][] = [];
    const repository = h.deps.marketGroups;
    const marketGroups: MarketGroupRepository = new Proxy(repository, {
      get(target, property) {
        if (property === 'answerLinksOfMarkets') {
          return (ids: readonly number[]) => {
            lookups.push([...ids]);
            return target.answerLinksOfMarkets(ids);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const reads = makeUseCases({ ...h.deps, marketGroups });
    const linkOf = (answer: (typeof answers)[number]['answer']) => ({ group, answerLabel: answer.answerLabel, displayOrder: answer.displayOrder, answerCount: 3 });

    const page = (await reads.listMarkets({ status: 'all', limit: 10, offset: 0 }))._unsafeUnwrap();
    expect(lookups).toHaveLength(1);
    const listed = new Map(page.markets.map((overview) => [overview.market.id, overview]));
    expect(listed.size).toBe(4);
    expect(listed.get(solo.id)).not.toHaveProperty('marketGroup');
    for (const { answer } of answers) expect(listed.get(answer.marketId)?.marketGroup).toEqual(linkOf(answer));

    const found = (await reads.searchMarkets({ query: 'wins the', status: 'all', limit: 10, offset: 0 }))._unsafeUnwrap();
    expect(found.primaryResults.map((overview) => overview.marketGroup?.answerLabel ?? null).sort()).toEqual(['Blues', 'Greens', 'Reds', null]);

    const [second] = answers.slice(1);
    if (second === undefined) throw new Error('the group has three answers');
    expect((await reads.getMarketDetails({ marketId: second.answer.marketId }))._unsafeUnwrap().marketGroup).toEqual(linkOf(second.answer));
    expect((await reads.getMarketDetails({ marketId: solo.id }))._unsafeUnwrap()).not.toHaveProperty('marketGroup');
  });
});

describe('resolve market group', () => {
  /** A group with TRADES placed, and the same trades on three standalone markets of a twin harness. */
  async function tradedGroupAndTwin() {
    const h = await seeded();
    const details = (await h.createMarketGroup(groupInput(h)))._unsafeUnwrap();
    const children = details.answers.map(({ answer }) => answer.marketId);
    const twin = await seeded();
    const singles = [await twin.seedMarket('dave'), await twin.seedMarket('dave'), await twin.seedMarket('dave')].map((market) => market.id);
    for (const [index, username, outcome, amount] of TRADES) {
      (await h.placeBet({ username, marketId: children[index]!, outcome, amount }))._unsafeUnwrap();
      (await twin.placeBet({ username, marketId: singles[index]!, outcome, amount }))._unsafeUnwrap();
    }
    return { h, group: details.group, children, twin, singles };
  }

  it('exclusive_yes pays every answer exactly as resolving it alone', async () => {
    const { h, group, children, twin, singles } = await tradedGroupAndTwin();
    const daveBefore = [await h.balanceOf('dave'), await twin.balanceOf('dave')];
    const result = (await h.resolveMarketGroup({ actor: DAVE, groupId: group.id, mode: 'exclusive_yes', winningMarketId: children[1] }))._unsafeUnwrap();
    for (const [index, marketId] of singles.entries()) {
      (await twin.resolveMarket({ actor: DAVE, marketId, resolution: index === 1 ? 'YES' : 'NO' }))._unsafeUnwrap();
    }
    expect(result.group.lifecycleStatus).toBe('resolved');
    expect(result.children.map((child) => child.resolution)).toEqual(['NO', 'YES', 'NO']);
    for (const name of ['alice', 'bob', 'carol']) expect(await h.balanceOf(name)).toBe(await twin.balanceOf(name));
    expect((await h.balanceOf('dave')) - daveBefore[0]!).toBe((await twin.balanceOf('dave')) - daveBefore[1]!);
    for (const marketId of children) {
      expect((await h.ports.markets.findById(marketId))._unsafeUnwrap()).toMatchObject({ lifecycleStatus: 'resolved' });
      expect(h.ports.database.accountBalances().get(`pool:${marketId}`) ?? 0).toBe(0);
    }
    expect(await codeOf(h.placeBet({ username: 'alice', marketId: children[0]!, outcome: 'YES', amount: 5 }))).toBe('MARKET_CLOSED');
    expect(await codeOf(h.resolveMarketGroup({ actor: DAVE, groupId: group.id, mode: 'na' }))).toBe('ALREADY_RESOLVED');
    await expectBooksBalanced(h.ports);
  });

  it('manual applies one resolution per answer and na refunds every answer, as resolving each alone', async () => {
    for (const mode of ['manual', 'na'] as const) {
      const { h, group, children, twin, singles } = await tradedGroupAndTwin();
      const chosen = mode === 'na' ? (['N/A', 'N/A', 'N/A'] as const) : (['YES', 'N/A', 'NO'] as const);
      const resolutions = children.map((marketId, index) => ({ marketId, resolution: chosen[index]! }));
      (await h.resolveMarketGroup({ actor: DAVE, groupId: group.id, mode, resolutions }))._unsafeUnwrap();
      for (const [index, marketId] of singles.entries()) (await twin.resolveMarket({ actor: DAVE, marketId, resolution: chosen[index]! }))._unsafeUnwrap();
      for (const name of ['alice', 'bob', 'carol']) expect(await h.balanceOf(name)).toBe(await twin.balanceOf(name));
      // The twin's creator paid for three markets; the group's for one.
      expect(await h.balanceOf('dave')).toBe((await twin.balanceOf('dave')) + 20);
      await expectBooksBalanced(h.ports);
    }
  });

  it('refuses a caller who is neither the steward nor an administrator, and a bad body, changing nothing', async () => {
    const { h, group, children } = await tradedGroupAndTwin();
    const entries = h.ports.database.ledgerEntries().length;
    const alice: Actor = { kind: 'user', username: 'alice', role: 'MODERATOR' };
    expect(await codeOf(h.resolveMarketGroup({ actor: alice, groupId: group.id, mode: 'na' }))).toBe('AUTHORIZATION_DENIED');
    // Only the steward, as for a single market (docs/api.md#market-groups); the operator overrides.
    expect(await codeOf(h.resolveMarketGroup({ actor: ADMIN, groupId: group.id, mode: 'na' }))).toBe('AUTHORIZATION_DENIED');
    expect(await codeOf(h.resolveMarketGroup({ actor: DAVE, groupId: group.id + 9, mode: 'na' }))).toBe('MARKET_NOT_FOUND');
    expect(await codeOf(h.resolveMarketGroup({ actor: DAVE, groupId: group.id, mode: 'first' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(h.resolveMarketGroup({ actor: DAVE, groupId: group.id, mode: 'exclusive_yes', winningMarketId: 999 }))).toBe('VALIDATION_FAILED');
    const partial = [{ marketId: children[0]!, resolution: 'YES' }];
    expect(await codeOf(h.resolveMarketGroup({ actor: DAVE, groupId: group.id, mode: 'manual', resolutions: partial }))).toBe('VALIDATION_FAILED');
    const twice = children.map((marketId) => ({ marketId, resolution: 'NO' })).concat(partial);
    expect(await codeOf(h.resolveMarketGroup({ actor: DAVE, groupId: group.id, mode: 'manual', resolutions: twice }))).toBe('VALIDATION_FAILED');
    const bad = children.map((marketId) => ({ marketId, resolution: 'MAYBE' }));
    expect(await codeOf(h.resolveMarketGroup({ actor: DAVE, groupId: group.id, mode: 'manual', resolutions: bad }))).toBe('VALIDATION_FAILED');
    expect(h.ports.database.ledgerEntries()).toHaveLength(entries);
  });

  it('refuses to resolve one answer on its own', async () => {
    const { h, children } = await tradedGroupAndTwin();
    expect(await codeOf(h.resolveMarket({ actor: DAVE, marketId: children[0]!, resolution: 'YES' }))).toBe('INVALID_STATE');
  });

  it('settles nothing when the last write of the transaction fails', async () => {
    const { h, group } = await tradedGroupAndTwin();
    const balances = h.ports.database.accountBalances();
    h.ports.database.injectFault('marketGroups.update');
    expect(await codeOf(h.resolveMarketGroup({ actor: OPERATOR, groupId: group.id, mode: 'na' }))).toBe('INFRASTRUCTURE_ERROR');
    expect(h.ports.database.accountBalances()).toEqual(balances);
    const answers = (await h.ports.marketGroups.listAnswers(group.id))._unsafeUnwrap();
    for (const { marketId } of answers) expect((await h.ports.markets.findById(marketId))._unsafeUnwrap()?.lifecycleStatus).toBe('published');
  });

  it('lists every unpublished answer with MARKET_GROUP_CHILD_UNPUBLISHED', async () => {
    const h = await seeded({ game: moderatorMode });
    await h.seedUser('mod', { role: 'MODERATOR' });
    const details = (await h.createMarketGroup(groupInput(h, { username: 'mod', answerLabels: ['Reds', 'Blues'] })))._unsafeUnwrap();
    const result = await h.resolveMarketGroup({ actor: OPERATOR, groupId: details.group.id, mode: 'na' });
    expect(result._unsafeUnwrapErr()).toMatchObject({
      code: 'MARKET_GROUP_CHILD_UNPUBLISHED',
      children: details.answers.map(({ answer }) => ({ marketId: answer.marketId, answerLabel: answer.answerLabel, lifecycleStatus: 'proposed' })),
    });
  });
});
