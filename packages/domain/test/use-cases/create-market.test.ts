import { describe, expect, it } from 'vitest';
import { infrastructureError } from '@socialpredict/domain';
import { codeOf, createHarness, DAY, expectBooksBalanced, HOUR } from './support/use-case-harness.ts';

const moderatorMode = { mode: 'moderator', moderation: { marketApprovalRequired: true } } as const;

function request(now: number, overrides: Partial<{ username: string; resolutionDateTime: number }> = {}) {
  return {
    username: 'alice',
    questionTitle: 'Will it snow?',
    description: 'In Bern',
    resolutionDateTime: now + DAY,
    ...overrides,
  };
}

describe('create market (docs/market-model.md#creation-fees, docs/api.md#game-modes)', () => {
  it('publishes the market, records seeds and cost, and charges the creator', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    const now = h.ports.clock.now();
    const market = (await h.createMarket({ ...request(now), yesLabel: 'Snow', utcOffset: -60 }))._unsafeUnwrap();
    expect(market).toMatchObject({
      creatorUsername: 'alice',
      stewardUsername: 'alice',
      lifecycleStatus: 'published',
      outcomeType: 'BINARY',
      yesLabel: 'Snow',
      noLabel: 'NO',
      utcOffset: -60,
      creationCost: 10,
      seeds: { initialProbability: 0.5, initialSubsidization: 10, initialYes: 0, initialNo: 0 },
      totals: { yes: 0, no: 0, volume: 0, dust: 0, rowCount: 0, traderCount: 0, lastPlacedAt: null },
      resolutionResult: null,
      finalResolutionDateTime: null,
    });
    expect(h.ports.database.ledgerEntries()).toEqual([
      expect.objectContaining({
        kind: 'MARKET_CREATION',
        from: 'user:alice',
        to: 'house',
        amount: 10,
        marketId: market.id,
      }),
    ]);
    expect(await h.balanceOf('alice')).toBe(-10);
    await expectBooksBalanced(h.ports);
  });

  it('starts as a proposal in moderator mode, or published when approval is not required', async () => {
    const proposing = createHarness({ game: moderatorMode });
    await proposing.seedUser('mod', { role: 'MODERATOR' });
    const proposed = (await proposing.createMarket(request(
      proposing.ports.clock.now(),
      { username: 'mod' },
    )))._unsafeUnwrap();
    expect(proposed.lifecycleStatus).toBe('proposed');

    const direct = createHarness({ game: { mode: 'moderator', moderation: { marketApprovalRequired: false } } });
    await direct.seedUser('mod', { role: 'MODERATOR' });
    expect((await direct.createMarket(request(
      direct.ports.clock.now(),
      { username: 'mod' },
    )))._unsafeUnwrap().lifecycleStatus).toBe(
      'published',
    );
  });

  it.each([
    ['a regular user in moderator mode', moderatorMode, { role: 'REGULAR' }],
    ['a suspended moderator in moderator mode', moderatorMode, { role: 'MODERATOR', moderatorStatus: 'suspended' }],
    ['a suspended moderator in standard mode', undefined, { role: 'MODERATOR', moderatorStatus: 'suspended' }],
  ] as const)('refuses %s as USER_NOT_APPROVED', async (_label, game, user) => {
    const h = createHarness(game === undefined ? {} : { game });
    await h.seedUser('alice', user);
    expect(await codeOf(h.createMarket(request(h.ports.clock.now())))).toBe('USER_NOT_APPROVED');
    expect(h.ports.database.ledgerEntries()).toEqual([]);
  });

  it('requires the resolution time to be strictly later than now + minimumFutureHours', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    h.ports.clock.set(1_000_000);
    const failure = (await h.createMarket(request(0, { resolutionDateTime: 1_000_000 + HOUR })))._unsafeUnwrapErr();
    expect(failure).toMatchObject({ code: 'VALIDATION_FAILED', fields: { resolutionDateTime: [expect.any(String)] } });
    expect((await h.createMarket(request(0, { resolutionDateTime: 1_000_000 + HOUR + 1 }))).isOk()).toBe(true);
  });

  it('applies the debt rule to the creation cost', async () => {
    const h = createHarness();
    await h.seedUser('alice', { balance: -491 });
    expect(await codeOf(h.createMarket(request(h.ports.clock.now())))).toBe('INSUFFICIENT_BALANCE');
    expect(await h.balanceOf('alice')).toBe(-491);
  });

  it('reports an unknown creator and infrastructure failures', async () => {
    const h = createHarness();
    expect(await codeOf(h.createMarket(request(h.ports.clock.now())))).toBe('USER_NOT_FOUND');
    await h.seedUser('alice');
    h.ports.database.injectFault('ledger.post', infrastructureError('UNAVAILABLE', 'down'));
    expect(await codeOf(h.createMarket(request(h.ports.clock.now())))).toBe('INFRASTRUCTURE_ERROR');
    expect((await h.listStewardedMarkets({
      stewardUsername: 'alice',
      limit: 10,
      offset: 0,
    }))._unsafeUnwrap().total).toBe(0);
  });
});
