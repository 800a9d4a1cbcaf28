// Property tests over random sequences of bets, sales and resolutions driven through the use cases on the fakes
// (VAL-2 (docs/architecture.md#val-2)): money is never created or destroyed, no voluntary action pushes a balance below the debt
// limit, a refused call changes nothing, and every outcome equals the reference composition `simulateMarket`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulateMarket, type SimulationStep } from '@socialpredict/domain';
import { createHarness, expectBooksBalanced, type Harness } from './support/use-case-harness.ts';

const TRADERS = ['alice', 'bob', 'carol'] as const;

const economicsArbitrary = fc.record({
  initialBetFee: fc.integer({ min: 0, max: 3 }),
  buySharesFee: fc.integer({ min: 0, max: 2 }),
  sellSharesFee: fc.integer({ min: 0, max: 2 }),
  maxDustPerSale: fc.integer({ min: 0, max: 2 }),
  maximumDebtAllowed: fc.integer({ min: 50, max: 600 }),
});

const trader = fc.constantFrom(...TRADERS);
const outcome = fc.constantFrom('YES' as const, 'NO' as const);

/**
 * A sale is drawn as an intent: a share of whatever the trader can sell when the step runs, so that most sales
 * succeed; the concrete step is fixed at run time and replayed through `simulateMarket` afterwards.
 */
type Intent =
  | Extract<SimulationStep, { kind: 'buy' | 'resolve' }>
  | { kind: 'sell'; username: string; fallback: 'YES' | 'NO'; percent: number };

const intentArbitrary: fc.Arbitrary<Intent> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('buy' as const),
      username: trader,
      outcome,
      amount: fc.integer({ min: 1, max: 150 }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('sell' as const),
      username: trader,
      fallback: outcome,
      percent: fc.integer({ min: 1, max: 130 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('resolve' as const),
      resolution: fc.constantFrom('YES' as const, 'NO' as const, 'N/A' as const),
    }),
  },
);

describe('money paths (docs/market-model.md#ledger invariants)', () => {
  it('conserve money, respect the debt limit, leave no trace when refused and match simulateMarket', async () => {
    const tally = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(economicsArbitrary, fc.array(intentArbitrary, {
        minLength: 4,
        maxLength: 30,
      }), async (economics, intents) => {
        const h = createHarness({
          economics: {
            user: { maximumDebtAllowed: economics.maximumDebtAllowed },
            betting: {
              maxDustPerSale: economics.maxDustPerSale,
              betFees: {
                initialBetFee: economics.initialBetFee,
                buySharesFee: economics.buySharesFee,
                sellSharesFee: economics.sellSharesFee,
              },
            },
          },
        });
        for (const name of [...TRADERS, 'dave']) await h.seedUser(name);
        const market = await h.seedMarket('dave');
        const steps: SimulationStep[] = [];
        const outcomes: string[] = [];
        for (const intent of intents) {
          h.ports.clock.advance(1);
          const balancesBefore = h.ports.database.accountBalances();
          const entriesBefore = h.ports.database.ledgerEntries().length;
          const rowsBefore = (await h.ports.bets.listByMarket(market.id))._unsafeUnwrap().length;

          const step = intent.kind === 'sell' ? await concreteSale(h, market.id, intent) : intent;
          steps.push(step);
          const result =
            step.kind === 'buy'
              ? await h.placeBet({
                username: step.username,
                marketId: market.id,
                outcome: step.outcome,
                amount: step.amount,
              })
              : step.kind === 'sell'
                ? await h.sell({
                  username: step.username,
                  marketId: market.id,
                  outcome: step.outcome,
                  amount: step.credits,
                })
                : await h.resolveMarket({ actor: { kind: 'user', username: 'dave', role: 'REGULAR' }, marketId: market.id, resolution: step.resolution });
          outcomes.push(result.isOk() ? 'ok' : result._unsafeUnwrapErr().code);
          const key = `${step.kind}:${outcomes.at(-1)}`;
          tally.set(key, (tally.get(key) ?? 0) + 1);

          if (result.isErr()) {
            expect(h.ports.database.accountBalances()).toEqual(balancesBefore);
            expect(h.ports.database.ledgerEntries()).toHaveLength(entriesBefore);
            expect((await h.ports.bets.listByMarket(market.id))._unsafeUnwrap()).toHaveLength(rowsBefore);
          } else if (step.kind === 'buy') {
            expect(await h.balanceOf(step.username)).toBeGreaterThanOrEqual(-economics.maximumDebtAllowed);
          }
          await expectBooksBalanced(h.ports);
        }

        const reference = simulateMarket({
          seeds: market.seeds,
          config: { ...economics, createMarketCost: 10, initialAccountBalance: 0 },
          users: [...TRADERS, 'dave'],
          creator: 'dave',
          steps,
        });
        expect(outcomes).toEqual(reference.steps.map((step) => (step.ok ? 'ok' : step.error)));
        const balances = h.ports.database.accountBalances();
        for (const [username, balance] of Object.entries(reference.balances)) {
          expect(balances.get(`user:${username}`) ?? 0).toBe(balance);
        }
        expect(balances.get('house') ?? 0).toBe(reference.house);
        expect(balances.get(`pool:${market.id}`) ?? 0).toBe(reference.pool);
        expect(balances.get('mint') ?? 0).toBe(0);
      }),
      { numRuns: 150 },
    );
    // The generator must keep exercising every money path, not only refusals.
    for (const path of ['buy:ok', 'sell:ok', 'resolve:ok']) expect(tally.get(path)).toBeGreaterThan(50);
  });
});

/**
 * The first trader, starting with the drawn one, who can sell something, on the side with the larger sellable value,
 * asking for a share of that value; the drawn trader and side when nobody can sell.
 */
async function concreteSale(
  h: Harness,
  marketId: number,
  intent: Extract<Intent,
  { kind: 'sell' }>,
): Promise<SimulationStep> {
  const start = TRADERS.indexOf(intent.username as (typeof TRADERS)[number]);
  for (let i = 0; i < TRADERS.length; i += 1) {
    const username = TRADERS[(start + i) % TRADERS.length]!;
    const { yesSellable, noSellable } = (await h.getUserPosition({ marketId, username }))._unsafeUnwrap();
    const [outcome, value] = yesSellable.value >= noSellable.value ? ([
      'YES',
      yesSellable.value,
    ] as const) : (['NO', noSellable.value] as const);
    if (value > 0) return {
      kind: 'sell',
      username,
      outcome,
      credits: Math.max(1, Math.round((value * intent.percent) / 100)),
    };
  }
  return { kind: 'sell', username: intent.username, outcome: intent.fallback, credits: intent.percent };
}
