// The measurements of a run (docs/simulation.md#outputs). Everything here is computed from the run's records and the
// final books, with no clock or randomness, so the same run always yields the same report.
import type { AccountKey, EconomicsConfig, EntryKind, IntegrityViolation } from '@socialpredict/domain';
import { STRATEGIES, type Agent, type Strategy } from './agents.ts';

export interface MarketOutcome {
  readonly marketId: number;
  /** the hidden true probability of YES */
  readonly truth: number;
  readonly resolvedYes: boolean;
  /** probability at creation and after each accepted trade */
  readonly path: readonly number[];
}

export interface TradeRecord {
  readonly strategy: Strategy;
  readonly kind: 'buy' | 'sell';
  readonly amount: number;
  readonly accepted: boolean;
  /** |probability after − before| of an accepted trade */
  readonly impact: number;
  /** the use case's error code of a refused action */
  readonly refusal: string | null;
}

export interface CalibrationBucket {
  /** forecasts in [low, high) (the last bucket includes 1) */
  readonly low: number;
  readonly high: number;
  readonly markets: number;
  readonly meanForecast: number | null;
  /** share of the bucket's markets that resolved YES */
  readonly observedYes: number | null;
}

export interface StrategyResult {
  readonly strategy: Strategy;
  readonly agents: number;
  readonly trades: number;
  readonly refused: number;
  readonly creditsTraded: number;
  readonly totalProfit: number;
  readonly meanProfit: number;
}

export interface SimulationReport {
  readonly settings: { readonly markets: number; readonly agents: number; readonly seed: number; readonly turnsPerMarket: number };
  readonly economics: EconomicsConfig;
  readonly calibration: {
    /** mean (p − outcome)² of the final probabilities; 0.25 is a coin, lower is better */
    readonly brier: number;
    /** mean ln(probability given to what happened); 0 is perfect, ln ½ ≈ −0.693 is a coin */
    readonly logScore: number;
    /** the Brier score of the hidden truths themselves: the best any market could do on these questions */
    readonly truthBrier: number;
    /** mean |final probability − hidden truth| */
    readonly meanAbsoluteError: number;
    readonly deciles: readonly CalibrationBucket[];
  };
  readonly priceImpact: {
    /** mean probability move per credit of accepted buys */
    readonly perCredit: number;
    readonly acceptedTrades: number;
    readonly refusedTrades: number;
    /** refused actions by the use case's error code, codes in alphabetical order */
    readonly refusals: Readonly<Record<string, number>>;
  };
  readonly strategies: readonly StrategyResult[];
  /** every agent's final balance minus its grant */
  readonly agentProfits: readonly { readonly username: string; readonly strategy: Strategy; readonly profit: number }[];
  readonly money: {
    readonly feesCollected: number;
    readonly dustCollected: number;
    readonly creatorIncome: number;
    readonly houseIncome: number;
    readonly workProfitPaid: number;
  };
  readonly conservation: {
    /** every run ends with the ledger integrity check of the final books: ok means no violation */
    readonly ok: boolean;
    readonly sumOfBalances: number;
    readonly violations: readonly IntegrityViolation[];
  };
  readonly markets: readonly MarketOutcome[];
}

export interface RunRecords {
  readonly agents: readonly Agent[];
  readonly grants: ReadonlyMap<string, number>;
  readonly creator: string;
  readonly balances: ReadonlyMap<AccountKey, number>;
  readonly entries: readonly { readonly kind: EntryKind; readonly amount: number }[];
  readonly outcomes: readonly MarketOutcome[];
  readonly trades: readonly TradeRecord[];
  readonly violations: readonly IntegrityViolation[];
  readonly settings: SimulationReport['settings'];
  readonly economics: EconomicsConfig;
}

const FEE_KINDS: ReadonlySet<EntryKind> = new Set<EntryKind>(['INITIAL_BET_FEE', 'BUY_FEE', 'SELL_FEE']);

const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);
const finalOf = (outcome: MarketOutcome) => outcome.path.at(-1) as number;
const profitOf = (records: RunRecords, username: string) =>
  (records.balances.get(`user:${username}`) ?? 0) - (records.grants.get(username) ?? 0);

export function measure(records: RunRecords): SimulationReport {
  const { outcomes, trades } = records;
  const squared = (p: number, yes: boolean) => (p - (yes ? 1 : 0)) ** 2;
  const accepted = trades.filter((trade) => trade.accepted);
  const buys = accepted.filter((trade) => trade.kind === 'buy');
  const sumOf = (kinds: (kind: EntryKind) => boolean) =>
    records.entries.filter((entry) => kinds(entry.kind)).reduce((sum, entry) => sum + entry.amount, 0);

  return {
    settings: records.settings,
    economics: records.economics,
    calibration: {
      brier: mean(outcomes.map((outcome) => squared(finalOf(outcome), outcome.resolvedYes))),
      logScore: mean(outcomes.map((outcome) => Math.log(outcome.resolvedYes ? finalOf(outcome) : 1 - finalOf(outcome)))),
      truthBrier: mean(outcomes.map((outcome) => squared(outcome.truth, outcome.resolvedYes))),
      meanAbsoluteError: mean(outcomes.map((outcome) => Math.abs(finalOf(outcome) - outcome.truth))),
      deciles: deciles(outcomes),
    },
    priceImpact: {
      perCredit: mean(buys.map((trade) => trade.impact / trade.amount)),
      acceptedTrades: accepted.length,
      refusedTrades: trades.length - accepted.length,
      refusals: refusalCounts(trades),
    },
    strategies: STRATEGIES.map((strategy) => {
      const members = records.agents.filter((agent) => agent.strategy === strategy);
      const own = trades.filter((trade) => trade.strategy === strategy);
      const totalProfit = members.reduce((sum, agent) => sum + profitOf(records, agent.username), 0);
      return {
        strategy,
        agents: members.length,
        trades: own.filter((trade) => trade.accepted).length,
        refused: own.filter((trade) => !trade.accepted).length,
        creditsTraded: own.filter((trade) => trade.accepted).reduce((sum, trade) => sum + trade.amount, 0),
        totalProfit,
        meanProfit: members.length === 0 ? 0 : totalProfit / members.length,
      };
    }),
    agentProfits: records.agents.map((agent) => ({
      username: agent.username,
      strategy: agent.strategy,
      profit: profitOf(records, agent.username),
    })),
    money: {
      feesCollected: sumOf((kind) => FEE_KINDS.has(kind)),
      dustCollected: sumOf((kind) => kind === 'SALE_DUST'),
      creatorIncome: profitOf(records, records.creator),
      houseIncome: records.balances.get('house') ?? 0,
      workProfitPaid: sumOf((kind) => kind === 'WORK_PROFIT'),
    },
    conservation: {
      ok: records.violations.length === 0 && [...records.balances.values()].reduce((sum, value) => sum + value, 0) === 0,
      sumOfBalances: [...records.balances.values()].reduce((sum, value) => sum + value, 0),
      violations: records.violations,
    },
    markets: outcomes,
  };
}

function refusalCounts(trades: readonly TradeRecord[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const trade of trades) if (trade.refusal !== null) counts.set(trade.refusal, (counts.get(trade.refusal) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function deciles(outcomes: readonly MarketOutcome[]): CalibrationBucket[] {
  return Array.from({ length: 10 }, (_, index) => {
    const low = index / 10;
    const high = (index + 1) / 10;
    const inside = outcomes.filter((outcome) => {
      const p = finalOf(outcome);
      return p >= low && (index === 9 ? p <= high : p < high);
    });
    return {
      low,
      high,
      markets: inside.length,
      meanForecast: inside.length === 0 ? null : mean(inside.map(finalOf)),
      observedYes: inside.length === 0 ? null : inside.filter((outcome) => outcome.resolvedYes).length / inside.length,
    };
  });
}
