// Property test over random sequences of market-group operations on the fakes (VAL-2, docs/api.md#market-groups):
// creating groups, bets and sales on random answers, answer additions (auto-approved, approved, rejected) and group
// resolutions in every mode. After every step money is neither created nor destroyed (the balances sum to 0, each open
// pool holds its volume, each resolved pool is empty, cached balances equal the ledger), no position is negative, and
// a refused step changes no balance.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHarness, DAY, expectBooksBalanced, type Harness } from './support/use-case-harness.ts';

const TRADERS = ['alice', 'bob', 'carol'] as const;
const MOD = { kind: 'user', username: 'mod', role: 'MODERATOR' } as const;
const STEWARD = { kind: 'user', username: 'dave', role: 'REGULAR' } as const;

type Op =
  | { kind: 'create'; answers: number }
  | { kind: 'buy'; pick: number; username: string; outcome: 'YES' | 'NO'; amount: number }
  | { kind: 'sell'; pick: number; username: string; outcome: 'YES' | 'NO'; amount: number }
  | { kind: 'answer'; pick: number; bySteward: boolean; review: 'approved' | 'rejected' | 'none' }
  | { kind: 'resolve'; pick: number; mode: 'exclusive_yes' | 'manual' | 'na'; seed: number };

const pick = fc.nat(1_000);
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const), answers: fc.integer({ min: 2, max: 4 }) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('buy' as const),
      pick,
      username: fc.constantFrom(...TRADERS),
      outcome: fc.constantFrom('YES' as const, 'NO' as const),
      amount: fc.integer({ min: 1, max: 120 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('sell' as const),
      pick,
      username: fc.constantFrom(...TRADERS),
      outcome: fc.constantFrom('YES' as const, 'NO' as const),
      amount: fc.integer({ min: 1, max: 60 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('answer' as const),
      pick,
      bySteward: fc.boolean(),
      review: fc.constantFrom('approved' as const, 'rejected' as const, 'none' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('resolve' as const), pick, mode: fc.constantFrom('exclusive_yes' as const, 'manual' as const, 'na' as const), seed: pick }),
  },
);

async function childrenOf(h: Harness, groupId: number): Promise<number[]> {
  return (await h.ports.marketGroups.listAnswers(groupId))._unsafeUnwrap().map((answer) => answer.marketId);
}

async function expectNoNegativePosition(h: Harness): Promise<void> {
  const markets = (await h.ports.markets.list({ now: 0, limit: 1_000, offset: 0 }))._unsafeUnwrap().markets;
  for (const market of markets) {
    for (const position of (await h.listMarketPositions({ marketId: market.id }))._unsafeUnwrap().positions) {
      expect(position.yesShares).toBeGreaterThanOrEqual(0);
      expect(position.noShares).toBeGreaterThanOrEqual(0);
    }
  }
}

async function run(h: Harness, groups: number[], op: Op, labelSeq: { next: number }): Promise<string> {
  if (op.kind === 'create') {
    const labels = Array.from({ length: op.answers }, (_, index) => `Answer ${String(index)}`);
    const result = await h.createMarketGroup({ username: 'dave', questionTitle: 'Who?', description: '', resolutionDateTime: h.ports.clock.now() + 7 * DAY, answerLabels: labels });
    if (result.isOk()) groups.push(result.value.group.id);
    return result.isOk() ? 'ok' : result.error.code;
  }
  // Mostly the newest group and its first two answers, so that trades meet and shares unlock for sale.
  const groupId = op.pick % 4 === 0 ? groups[op.pick % Math.max(1, groups.length)] : groups.at(-1);
  if (groupId === undefined) return 'no-group';
  const children = await childrenOf(h, groupId);
  const child = children[(op.pick >> 2) % (op.pick % 5 === 0 ? children.length : 2)]!;
  switch (op.kind) {
    case 'buy': {
      const result = await h.placeBet({ username: op.username, marketId: child, outcome: op.outcome, amount: op.amount });
      return result.isOk() ? 'ok' : result.error.code;
    }
    case 'sell': {
      // The first trader (from the drawn one) who can sell now, on its larger side, for a share of that value, so
      // that most sales go through; shares unlock only after another user's order (docs/market-model.md#selling).
      const start = TRADERS.indexOf(op.username as (typeof TRADERS)[number]);
      let sale = { username: op.username, outcome: op.outcome as 'YES' | 'NO', amount: op.amount };
      for (let i = 0; i < TRADERS.length; i += 1) {
        const username = TRADERS[(start + i) % TRADERS.length]!;
        const { yesSellable, noSellable } = (await h.getUserPosition({ marketId: child, username }))._unsafeUnwrap();
        const [outcome, value] = yesSellable.value >= noSellable.value ? (['YES', yesSellable.value] as const) : (['NO', noSellable.value] as const);
        if (value > 0) {
          sale = { username, outcome, amount: Math.max(1, Math.round((value * op.amount) / 60)) };
          break;
        }
      }
      const result = await h.sell({ ...sale, marketId: child });
      return result.isOk() ? 'ok' : result.error.code;
    }
    case 'answer': {
      labelSeq.next += 1;
      const proposed = await h.proposeGroupAnswer({ actor: op.bySteward ? STEWARD : MOD, groupId, answerLabel: `Extra ${String(labelSeq.next)}` });
      if (proposed.isErr()) return proposed.error.code;
      if (proposed.value.status !== 'pending' || op.review === 'none') return 'ok';
      const reviewed = await h.reviewGroupAnswer({ actor: STEWARD, additionId: proposed.value.id, status: op.review, confirm: true });
      return reviewed.isOk() ? 'ok' : reviewed.error.code;
    }
    case 'resolve': {
      const verdicts = ['YES', 'NO', 'N/A'] as const;
      const resolutions = children.map((marketId, index) => ({ marketId, resolution: verdicts[(op.seed + index) % 3]! }));
      const result = await h.resolveMarketGroup({ actor: STEWARD, groupId, mode: op.mode, winningMarketId: child, resolutions });
      return result.isOk() ? 'ok' : result.error.code;
    }
  }
}

describe('market group money paths (docs/market-model.md#ledger invariants)', () => {
  it('conserve money and leave no negative position under any sequence of group operations', async () => {
    const tally = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 3, maxLength: 25 }), async (ops) => {
        const h = createHarness();
        for (const name of [...TRADERS, 'dave']) await h.seedUser(name);
        await h.seedUser('mod', { role: 'MODERATOR' });
        const groups: number[] = [];
        const labelSeq = { next: 0 };
        await run(h, groups, { kind: 'create', answers: 3 }, labelSeq);
        for (const op of ops) {
          h.ports.clock.advance(1);
          const before = h.ports.database.accountBalances();
          const outcome = await run(h, groups, op, labelSeq);
          tally.set(`${op.kind}:${outcome}`, (tally.get(`${op.kind}:${outcome}`) ?? 0) + 1);
          if (outcome !== 'ok') expect(h.ports.database.accountBalances()).toEqual(before);
          await expectBooksBalanced(h.ports);
        }
        await expectNoNegativePosition(h);
      }),
      // Seeded: the coverage check below counts what the runs exercised, and an unlucky draw once had no sale succeed.
      { numRuns: 80, seed: 20261207 },
    );
    // The generator must keep exercising every money path, not only refusals.
    const seen = JSON.stringify([...tally.entries()]);
    for (const path of ['buy:ok', 'answer:ok', 'resolve:ok', 'create:ok']) expect(tally.get(path) ?? 0, seen).toBeGreaterThan(5);
    // Sales need shares another user's later order unlocked (docs/market-model.md#selling), so they are rarer.
    expect(tally.get('sell:ok') ?? 0, seen).toBeGreaterThan(0);
  });
});
