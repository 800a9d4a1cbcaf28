// Public types of the market-math module; names and shapes are binding (docs/market-model.md#math-api).
import type { DomainErrorCode } from './errors.ts';

export type Outcome = 'YES' | 'NO';
export type Resolution = 'YES' | 'NO' | 'N/A';

export interface Seeds {
  /** P0, 0 ≤ P0 ≤ 1 */
  initialProbability: number;
  /** I, integer ≥ 1: weights the seed probability, never money */
  initialSubsidization: number;
  /** Y0, integer ≥ 0 */
  initialYes: number;
  /** N0, integer ≥ 0 */
  initialNo: number;
}

export interface BetRow {
  /** unique, insertion order; breaks placedAt ties */
  id: number;
  username: string;
  outcome: Outcome;
  /** signed credits: > 0 buy, < 0 sale (= −saleValue) */
  amount: number;
  /** sale rows: shares sold (≥ 1); buy rows: absent or null */
  shares?: number | null;
  /** sale rows: dust withheld (0 ≤ dust ≤ −amount); buy rows: absent or null */
  dust?: number | null;
  /** epoch milliseconds */
  placedAt: number;
}

export interface Pools { yes: number; no: number }
export interface Factors { yes: number; no: number }
export interface NetPosition { username: string; yesShares: number; noShares: number }
export interface Holding extends NetPosition { earliestPlacedAt: number }
export interface ValueEntry { username: string; value: number; earliestPlacedAt: number }
export interface UserValue { username: string; value: number }

export interface Position {
  username: string;
  yesShares: number;
  noShares: number;
  value: number;
  totalSpent: number;
  totalSpentInPlay: number;
  earliestPlacedAt: number;
}

export interface Sellable { shares: number; value: number; currentShares: number; currentValue: number }
export interface SaleConfig { maxDustPerSale: number; sellSharesFee: number }

export interface SaleQuote {
  requestedCredits: number;
  sharesSold: number;
  saleValue: number;
  dust: number;
  sellFee: number;
  netProceeds: number;
  maxDust: number;
  valuePerShare: number;
  dustCapCoverage: number;
  allowed: boolean;
  suggestedAmounts: number[];
  message: string;
  dustCapExceeded: boolean;
  dustCapExceededBy: number;
}

export interface SaleRow { username: string; outcome: Outcome; amount: number; shares: number; dust: number }

export interface SalePlan {
  quote: SaleQuote;
  /** id and placedAt are added on insert */
  row: SaleRow;
  /** netProceeds */
  toUser: number;
  /** saleValue − netProceeds */
  toHouse: number;
}

export interface BuyFees { initialBetFee: number; buySharesFee: number }
export interface BuyCost { amount: number; initialFee: number; transactionFee: number; totalCost: number }

/** REFUND may be negative: a debit of a user who took more out through sales than they put in. */
export interface SettlementCredit { username: string; amount: number; kind: 'WIN' | 'REFUND' }

export interface Settlement {
  resolution: Resolution;
  volume: number;
  /** sorted by username */
  credits: SettlementCredit[];
  poolToHouse: number;
  workProfit: { username: string; amount: number } | null;
}

export type PositionType = 'YES' | 'NO' | 'NEUTRAL' | 'NONE';

export interface LeaderRow {
  username: string;
  profit: number;
  currentValue: number;
  totalSpent: number;
  position: PositionType;
  yesShares: number;
  noShares: number;
  earliestPlacedAt: number;
  rank: number;
}

export interface GlobalLeaderRow {
  username: string;
  totalProfit: number;
  totalCurrentValue: number;
  totalSpent: number;
  activeMarkets: number;
  resolvedMarkets: number;
  earliestPlacedAt: number;
  rank: number;
}

/** A market's rows with its recorded seeds (policy 1). */
export interface MarketRows { rows: BetRow[]; resolution: Resolution | null; seeds: Seeds }

/** One market's valued positions (`valuePositions`) and whether it is resolved: its share of the global leaderboard. */
export interface ValuedMarket { positions: readonly Position[]; resolved: boolean }

export interface FinancialMarket extends MarketRows {
  steward: string;
  creator: string;
  creationCost: number;
  rejected?: boolean;
}

export interface FinancialMap {
  accountBalance: number;
  maximumDebtAllowed: number;
  amountInPlay: number;
  amountBorrowed: number;
  retainedEarnings: number;
  equity: number;
  tradingProfits: number;
  workProfits: number;
  unrealizedWorkIncome: number;
  unrealizedWorkProfits: number;
  totalProfits: number;
  amountInPlayActive: number;
  totalSpent: number;
  totalSpentInPlay: number;
  realizedProfits: number;
  potentialProfits: number;
  realizedValue: number;
  potentialValue: number;
}

export interface HouseIncome { creationFees: number; participationFees: number; otherIncome: number }

export interface SystemMetricsInput {
  balances: number[];
  maximumDebtAllowed: number;
  openPoolTotal: number;
  houseIncome: HouseIncome;
  minted: number;
}

export interface SystemMetrics {
  numUsers: number;
  userDebtCapacity: number;
  minted: number;
  unusedDebt: number;
  activeBetVolume: number;
  marketCreationFees: number;
  participationFees: number;
  otherHouseIncome: number;
  bonusesPaid: number;
  totalUtilized: number;
  surplus: number;
  balanced: boolean;
}

export interface EconomicsForSimulation extends BuyFees, SaleConfig {
  maximumDebtAllowed: number;
  createMarketCost: number;
  initialAccountBalance: number;
}

export type SimulationStep =
  | { kind: 'buy'; username: string; outcome: Outcome; amount: number }
  | { kind: 'sell'; username: string; outcome: Outcome; credits: number }
  | { kind: 'resolve'; resolution: Resolution };

export interface SimulationInput {
  seeds: Seeds;
  config: EconomicsForSimulation;
  users: string[];
  creator: string;
  steps: SimulationStep[];
}

export type StepResult =
  | { ok: true; kind: 'buy'; rowId: number; initialFee: number; transactionFee: number; totalCost: number }
  | {
      ok: true;
      kind: 'sell';
      rowId: number;
      sharesSold: number;
      saleValue: number;
      dust: number;
      sellFee: number;
      netProceeds: number;
    }
  | { ok: true; kind: 'resolve'; settlement: Settlement }
  | { ok: false; kind: 'buy' | 'sell' | 'resolve'; error: DomainErrorCode };

export interface SimulationResult {
  steps: StepResult[];
  rows: BetRow[];
  resolution: Resolution | null;
  /** keys in ascending username order */
  balances: Record<string, number>;
  pool: number;
  house: number;
  mint: number;
  houseIncome: HouseIncome;
  /** both 0 when correct */
  invariants: { sumOfAllAccounts: number; poolMinusOpenVolume: number };
}
