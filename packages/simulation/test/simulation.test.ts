import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  economicsPaths,
  economicsWith,
  makeAgents,
  measure,
  Prng,
  RejectedSettingsError,
  runSimulation,
  runSweep,
  UnknownSettingError,
  type SimulationReport,
} from '@socialpredict/simulation';
import { DEFAULT_ECONOMICS } from '@socialpredict/domain';

const small = { markets: 6, agents: 10, seed: 7 };

describe('determinism', () => {
  it('gives byte-identical JSON for the same seed and settings, and a different run for another seed', async () => {
    const first = JSON.stringify(await runSimulation(small));
    const second = JSON.stringify(await runSimulation(small));
    expect(second).toBe(first);
    expect(JSON.stringify(await runSimulation({ ...small, seed: 8 }))).not.toBe(first);
  });

  it('draws the same sequence from the same seed', () => {
    const draws = (seed: number) => {
      const random = new Prng(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draws(3)).toEqual(draws(3));
    expect(draws(3)).not.toEqual(draws(4));
    expect(draws(3).every((value) => value >= 0 && value < 1)).toBe(true);
  });
});

describe('money conservation', () => {
  it('holds after every run, whatever the economics (ledger integrity check on the final books)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seed: fc.nat(1_000_000),
          initialMarketSubsidization: fc.integer({ min: 1, max: 200 }),
          initialMarketProbability: fc.constantFrom(0.2, 0.5, 0.8),
          maxDustPerSale: fc.integer({ min: 0, max: 5 }),
          maximumDebtAllowed: fc.integer({ min: 0, max: 1_000 }),
          buySharesFee: fc.integer({ min: 0, max: 3 }),
          sellSharesFee: fc.integer({ min: 0, max: 3 }),
          initialBetFee: fc.integer({ min: 0, max: 3 }),
        }),
        async ({ seed, ...overrides }) => {
          const report = await runSimulation({ markets: 3, agents: 8, seed, economics: economicsWith(overrides) });
          expect(report.conservation).toEqual({ ok: true, sumOfBalances: 0, violations: [] });
          expect(report.markets).toHaveLength(3);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('reports a run whose books do not balance as failed', async () => {
    const report = await runSimulation(small);
    const agents = makeAgents(small.agents);
    const broken = measure({
      agents,
      grants: new Map(agents.map((agent) => [agent.username, agent.budget])),
      creator: 'creator',
      balances: new Map([['house', 5]]),
      entries: [],
      outcomes: report.markets,
      trades: [],
      violations: [{ kind: 'MINT_MISMATCH', issued: 5, mintBalance: 0 }],
      settings: report.settings,
      economics: report.economics,
    });
    expect(broken.conservation).toMatchObject({ ok: false, sumOfBalances: 5 });
  });

  it('accounts for fees, creator and house income from the ledger', async () => {
    const report = await runSimulation({ ...small, economics: economicsWith({ buySharesFee: 1 }) });
    const buys = report.strategies.reduce((sum, row) => sum + row.trades, 0);
    expect(report.money.feesCollected).toBeGreaterThan(0);
    expect(Object.values(report.priceImpact.refusals).reduce((sum, count) => sum + count, 0)).toBe(report.priceImpact.refusedTrades);
    expect(report.money.feesCollected).toBeLessThanOrEqual(2 * buys);
    // The creator paid the creation cost of every market and earned its work profits back.
    expect(report.money.creatorIncome).toBe(report.money.workProfitPaid - small.markets * 10);
  });
});

/** Welch's t statistic of mean(a) − mean(b). */
function welch(a: readonly number[], b: readonly number[]): number {
  const stats = (xs: readonly number[]) => {
    const m = xs.reduce((sum, x) => sum + x, 0) / xs.length;
    return { m, v: xs.reduce((sum, x) => sum + (x - m) ** 2, 0) / (xs.length - 1), n: xs.length };
  };
  const x = stats(a);
  const y = stats(b);
  return (x.m - y.m) / Math.sqrt(x.v / x.n + y.v / y.n);
}

describe('strategies', () => {
  it('informed traders beat noise traders on average in a large run (Welch t > 3, about p < 0.005 one-sided)', async () => {
    const report: SimulationReport = await runSimulation({ markets: 120, agents: 40, seed: 2026 });
    const profits = (strategy: string) => report.agentProfits.filter((row) => row.strategy === strategy).map((row) => row.profit);
    const informed = profits('informed');
    const noise = profits('noise');
    expect(informed.length).toBeGreaterThanOrEqual(8);
    expect(noise.length).toBeGreaterThanOrEqual(8);
    expect(welch(informed, noise)).toBeGreaterThan(3);
    expect(report.conservation.ok).toBe(true);
  });
});

describe('sweep', () => {
  it('gives, per value, exactly the report of a separate run with that setting', async () => {
    const rows = await runSweep(small, { maxDustPerSale: 2 }, 'initialMarketSubsidization', [1, 50]);
    expect(rows.map((row) => row.value)).toEqual([1, 50]);
    for (const row of rows) {
      const separate = await runSimulation({
        ...small,
        economics: economicsWith({ maxDustPerSale: 2, 'marketcreation.initialMarketSubsidization': row.value }),
      });
      expect(JSON.stringify(row.report)).toBe(JSON.stringify(separate));
      expect(row.report.economics.marketcreation.initialMarketSubsidization).toBe(row.value);
    }
    expect(rows[0]?.report.priceImpact.perCredit).toBeGreaterThan(rows[1]?.report.priceImpact.perCredit ?? Infinity);
  });
});

describe('economics settings', () => {
  it('names every numeric setting by path and overrides it by key or path', () => {
    expect(economicsPaths().get('betting.betFees.sellSharesFee')).toBe(0);
    const economics = economicsWith({ maxDustPerSale: 3, 'user.maximumDebtAllowed': 9 });
    expect(economics.betting.maxDustPerSale).toBe(3);
    expect(economics.user.maximumDebtAllowed).toBe(9);
    expect(DEFAULT_ECONOMICS.betting.maxDustPerSale).toBe(1);
  });

  it('stops a run whose economics the domain refuses, naming the reason', async () => {
    await expect(runSimulation({ ...small, economics: economicsWith({ initialMarketSubsidization: 0 }) })).rejects.toThrow(
      new RejectedSettingsError('the domain cannot price a market of these settings: seeds must satisfy 0 ≤ P0 ≤ 1, I ≥ 1, Y0 ≥ 0, N0 ≥ 0'),
    );
  });

  it('rejects an unknown setting and a non-finite value', () => {
    expect(() => economicsWith({ subsidy: 1 })).toThrow(UnknownSettingError);
    expect(() => economicsWith({ maxDustPerSale: Number.NaN })).toThrow(UnknownSettingError);
  });
});
