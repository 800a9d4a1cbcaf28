// Property tests of the market math and the simulated ledger (VAL-2 (docs/architecture.md#val-2), TST-2): random markets of buys,
// credit-denominated sales and an optional resolution, checked after every step.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  extendReplay,
  finalPayouts,
  marketVolume,
  netPositions,
  planSale,
  quoteSale,
  replayHistory,
  sellablePosition,
  simulateMarket,
  valuePositions,
  type BetRow,
  type EconomicsForSimulation,
  type Seeds,
  type SimulationInput,
  type SimulationResult,
  type SimulationStep,
} from '../src/math/index.ts';

const USERS = ['ann', 'ben', 'cat', 'dan'];

const seedsArb: fc.Arbitrary<Seeds> = fc.record({
  initialProbability: fc.constantFrom(0, 0.25, 0.5, 0.7, 1),
  initialSubsidization: fc.constantFrom(1, 3, 10),
  initialYes: fc.constantFrom(0, 0, 4),
  initialNo: fc.constantFrom(0, 0, 7),
});

const configArb: fc.Arbitrary<EconomicsForSimulation> = fc.record({
  initialBetFee: fc.integer({ min: 0, max: 2 }),
  buySharesFee: fc.integer({ min: 0, max: 1 }),
  sellSharesFee: fc.integer({ min: 0, max: 2 }),
  maxDustPerSale: fc.integer({ min: 0, max: 2 }),
  maximumDebtAllowed: fc.constantFrom(50, 500, 1000),
  createMarketCost: fc.constantFrom(0, 10),
  initialAccountBalance: fc.constantFrom(0, 100),
});

const userArb = fc.constantFrom(...USERS);
const outcomeArb = fc.constantFrom('YES' as const, 'NO' as const);

const buyArb = fc.record({
  kind: fc.constant('buy' as const),
  username: userArb,
  outcome: outcomeArb,
  amount: fc.integer({ min: 1, max: 100 }),
});

/** A sale refers to an earlier buy (`pick`), so that most sellers hold what they sell. */
const tradeArb = fc.oneof(
  { weight: 3, arbitrary: buyArb },
  { weight: 2, arbitrary: fc.record({ pick: fc.nat(), credits: fc.integer({ min: 1, max: 60 }) }) },
);

const resolveArb = fc.record({
  kind: fc.constant('resolve' as const),
  resolution: fc.constantFrom('YES' as const, 'NO' as const, 'N/A' as const),
});

/** Trades, then an optional resolution, then an optional trade that must find the market closed. */
const stepsArb: fc.Arbitrary<SimulationStep[]> = fc
  .tuple(fc.array(tradeArb, { minLength: 4, maxLength: 24, size: 'max' }), fc.option(resolveArb), fc.option(buyArb))
  .map(([trades, resolution, late]) => {
    const buys: { username: string; outcome: 'YES' | 'NO' }[] = [];
    const steps: SimulationStep[] = trades.map((trade) => {
      if ('kind' in trade) {
        buys.push(trade);
        return trade;
      }
      const source = buys[trade.pick % Math.max(buys.length, 1)] ?? { username: 'ann', outcome: 'YES' };
      const { username, outcome } = source;
      return { kind: 'sell', username, outcome, credits: trade.credits };
    });
    return [...steps, ...(resolution === null ? [] : [resolution]), ...(late === null ? [] : [late])];
  });

const marketArb: fc.Arbitrary<SimulationInput> = fc.record({
  seeds: seedsArb,
  config: configArb,
  users: fc.constant(USERS),
  creator: userArb,
  steps: stepsArb,
});

/** The state a step leaves behind; a rejected step must leave exactly the same. */
function books(result: SimulationResult) {
  const { rows, resolution, balances, pool, house, mint } = result;
  return { rows, resolution, balances, pool, house, mint };
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** Every prefix of the market, so each property holds after every step, not only at the end. */
function prefixes(market: SimulationInput): SimulationResult[] {
  return market.steps.map((_, k) => simulateMarket({ ...market, steps: market.steps.slice(0, k + 1) }));
}

/** Markets whose creator can pay the creation cost (the others throw, by design). */
const playableArb = marketArb.filter(
  (market) => market.config.initialAccountBalance - market.config.createMarketCost >= -market.config.maximumDebtAllowed,
);

describe('simulated markets', () => {
  it('conserve credits and keep the pool equal to V (0 once resolved) after every step', () => {
    fc.assert(
      fc.property(playableArb, (market) => {
        for (const state of prefixes(market)) {
          expect(state.invariants).toEqual({ sumOfAllAccounts: 0, poolMinusOpenVolume: 0 });
          expect(sum(Object.values(state.balances)) + state.pool + state.house + state.mint).toBe(0);
          expect(state.pool).toBe(state.resolution === null ? marketVolume(state.rows) : 0);
          expect(state.house).toBe(sum(Object.values(state.houseIncome)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('change nothing on a rejected step, and replay identically', () => {
    fc.assert(
      fc.property(playableArb, (market) => {
        const full = simulateMarket(market);
        expect(simulateMarket(structuredClone(market))).toEqual(full);
        const states = prefixes(market);
        states.forEach((state, k) => {
          expect(state.steps).toEqual(full.steps.slice(0, k + 1));
          const before = k === 0 ? simulateMarket({ ...market, steps: [] }) : states[k - 1]!;
          if (!full.steps[k]!.ok) expect(books(state)).toEqual(books(before));
        });
      }),
      { numRuns: 400 },
    );
  });

  it('execute exactly the sale that quoteSale and planSale describe', () => {
    fc.assert(
      fc.property(playableArb, (market) => {
        const states = [simulateMarket({ ...market, steps: [] }), ...prefixes(market)];
        market.steps.forEach((step, k) => {
          const result = states[k + 1]!.steps[k]!;
          if (step.kind !== 'sell' || !result.ok || result.kind !== 'sell') return;
          const before = states[k]!;
          const plan = planSale(before.rows, market.seeds, step.username, step.outcome, step.credits, market.config);
          const sellable = sellablePosition(before.rows, market.seeds, step.username, step.outcome);
          expect(quoteSale(sellable, step.credits, market.config)).toEqual(plan.quote);
          const { sharesSold, saleValue, dust, sellFee, netProceeds } = plan.quote;
          const rowId = result.rowId;
          expect(result).toEqual({ ok: true, kind: 'sell', rowId, sharesSold, saleValue, dust, sellFee, netProceeds });
          expect(states[k + 1]!.rows.at(-1)).toEqual({ id: result.rowId, ...plan.row, placedAt: k + 1 });
          expect(states[k + 1]!.balances[step.username]! - before.balances[step.username]!).toBe(plan.toUser);
          expect(states[k + 1]!.house - before.house).toBe(plan.toHouse);
          expect(plan.toUser + plan.toHouse).toBe(saleValue);
          expect(sharesSold).toBeLessThanOrEqual(sellable.shares);
          expect(saleValue).toBeLessThanOrEqual(sellable.value);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('pay out exactly the pool at resolution', () => {
    fc.assert(
      fc.property(playableArb, outcomeArb, (market, winner) => {
        const steps: SimulationStep[] = [...market.steps, { kind: 'resolve', resolution: winner }];
        const settled = simulateMarket({ ...market, steps });
        const settlementStep = settled.steps.findLast((step) => step.ok && step.kind === 'resolve');
        if (settlementStep === undefined || !settlementStep.ok || settlementStep.kind !== 'resolve') return;
        const { settlement } = settlementStep;
        const paid = sum(settlement.credits.map((credit) => credit.amount));
        expect(paid + settlement.poolToHouse).toBe(settlement.volume);
        if (settlement.resolution === 'N/A') {
          expect(settlement.poolToHouse).toBe(0);
        } else {
          expect(settlement.credits.every((credit) => credit.kind === 'WIN' && credit.amount > 0)).toBe(true);
          expect(settlement.poolToHouse).toBe(settlement.credits.length > 0 ? 0 : settlement.volume);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('histories', () => {
  /** Valid histories: the rows an accepted run of a simulated market leaves. */
  const historyArb = playableArb.map((market) => ({ seeds: market.seeds, rows: simulateMarket(market).rows }));

  it('give final payouts that sum to V and net positions that are never negative nor two-sided', () => {
    fc.assert(
      fc.property(historyArb, ({ seeds, rows }) => {
        expect(sum(finalPayouts(rows, seeds))).toBe(marketVolume(rows));
        for (const position of netPositions(rows, seeds)) {
          expect(position.yesShares).toBeGreaterThanOrEqual(0);
          expect(position.noShares).toBeGreaterThanOrEqual(0);
          expect(position.yesShares === 0 || position.noShares === 0).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('value the outstanding shares exactly while open, and V exactly once resolved with a holder', () => {
    fc.assert(
      fc.property(historyArb, fc.constantFrom(null, 'YES' as const, 'NO' as const), ({ seeds, rows }, resolution) => {
        const positions = valuePositions(rows, seeds, resolution);
        const total = sum(positions.map((position) => position.value));
        expect(positions.every((position) => position.value >= 0)).toBe(true);
        if (!positions.some((position) => position.value > 0)) return;
        const outstanding = sum(positions.map((position) => position.yesShares + position.noShares));
        expect(total).toBe(resolution === null ? outstanding : marketVolume(rows));
      }),
      { numRuns: 500 },
    );
  });

  /** What a replay returns, or the error it throws, so that both outcomes compare. */
  function outcomeOf(replay: () => unknown): unknown {
    try {
      return replay();
    } catch (error) {
      return { thrown: error instanceof Error ? error.message : error };
    }
  }

  it('replay the same when a replay of a prefix is extended as when the whole history is replayed', () => {
    const grownArb = historyArb.chain(({ seeds, rows }) =>
      fc.record({
        seeds: fc.constant(seeds),
        rows: fc.constant(rows),
        cut: fc.nat({ max: rows.length }),
        // later rows that may break the extension's rules: an earlier time, a reused id, a row the market refuses
        tamper: fc.constantFrom('none', 'none', 'earlier', 'reused-id', 'draining'),
      }),
    );
    fc.assert(
      fc.property(grownArb, ({ seeds, rows, cut, tamper }) => {
        const prefix = replayHistory(rows.slice(0, cut), seeds);
        const grown = [...prefix.rows, ...rows.slice(cut)];
        const last = grown.length - 1;
        if (tamper !== 'none' && last >= cut && last > 0) {
          const row = grown[last]!;
          if (tamper === 'earlier') grown[last] = { ...row, placedAt: grown[0]!.placedAt - 1 };
          if (tamper === 'reused-id') grown[last] = { ...row, id: grown[0]!.id };
          if (tamper === 'draining') grown[last] = { ...row, amount: -(marketVolume(grown.slice(0, last)) + 1), shares: 1, dust: 0 };
        }
        expect(outcomeOf(() => extendReplay(prefix, grown))).toEqual(outcomeOf(() => replayHistory(grown, seeds)));
        // A history that only shares the rows' values, not the row objects, is replayed whole, to the same result.
        expect(outcomeOf(() => extendReplay(prefix, structuredClone(grown)))).toEqual(outcomeOf(() => replayHistory(grown, seeds)));
      }),
      { numRuns: 500 },
    );
  });

  it('do not depend on the order the rows are given in', () => {
    fc.assert(
      fc.property(
        historyArb.chain(({ seeds, rows }) =>
          fc.shuffledSubarray(rows, { minLength: rows.length }).map((shuffled) => ({ seeds, rows, shuffled })),
        ),
        ({ seeds, rows, shuffled }) => {
          const snapshot: BetRow[] = structuredClone(shuffled);
          expect(valuePositions(shuffled, seeds, null)).toEqual(valuePositions(rows, seeds, null));
          expect(shuffled).toEqual(snapshot);
        },
      ),
      { numRuns: 300 },
    );
  });
});
