// simulateMarket (docs/market-model.md#math-api): one market end to end against an in-memory double-entry ledger (docs/market-model.md#ledger), composed only of the
// public math functions and the posting recipes the use cases post, so it is the reference for a buy, a sale and a
// resolution.
import {
  applyEntries,
  HOUSE,
  MINT,
  poolAccount,
  splitHouseIncome,
  userAccount,
  type AccountKey,
  type LedgerEntry,
} from '../ledger/ledger.ts';
import {
  betPostings,
  initialBalancePostings,
  marketCreationPostings,
  resolutionPostings,
  salePostings,
} from '../ledger/postings.ts';
import { buyCost, withinDebtLimit } from './buying.ts';
import { assertOutcome, assertPositiveAmount, assertResolution } from './checks.ts';
import { DomainError, isDomainError } from './errors.ts';
import { assertSeeds, checkAppend, marketVolume } from './history.ts';
import { resolvePayouts } from './resolution.ts';
import { planSale } from './selling.ts';
import type {
  BetRow,
  EconomicsForSimulation,
  Resolution,
  Seeds,
  SimulationInput,
  SimulationResult,
  SimulationStep,
  StepResult,
} from './types.ts';

const MARKET_ID = 1;
const POOL = poolAccount(MARKET_ID);

interface Market {
  seeds: Seeds;
  config: EconomicsForSimulation;
  users: ReadonlySet<string>;
  creator: string;
  rows: BetRow[];
  resolution: Resolution | null;
  balances: Map<AccountKey, number>;
}

/** What an accepted step commits: its result, its ledger transaction and the row or resolution it records. */
interface Commit {
  result: StepResult;
  entries: LedgerEntry[];
  row?: BetRow;
  resolution?: Resolution;
}

function balanceOf(market: Market, account: AccountKey): number {
  return market.balances.get(account) ?? 0;
}

/** The checks every trade runs after validating its own arguments: open market, then known user (docs/market-model.md#math-api). */
function assertCanTrade(market: Market, username: string): void {
  if (market.resolution !== null) throw new DomainError('MARKET_CLOSED', 'the market is resolved');
  if (!market.users.has(username)) throw new DomainError('UNKNOWN_USER', `unknown user ${username}`);
}

function buy(market: Market, step: Extract<SimulationStep, { kind: 'buy' }>, placedAt: number): Commit {
  const { username, outcome, amount } = step;
  assertOutcome(outcome);
  assertPositiveAmount(amount);
  assertCanTrade(market, username);
  const hasPriorRow = market.rows.some((row) => row.username === username);
  const cost = buyCost(hasPriorRow, amount, market.config);
  if (!withinDebtLimit(balanceOf(market, userAccount(username)), cost.totalCost, market.config.maximumDebtAllowed)) {
    throw new DomainError('INSUFFICIENT_BALANCE', `${username} cannot afford ${cost.totalCost} credits`);
  }
  const row: BetRow = { id: market.rows.length + 1, username, outcome, amount, placedAt };
  checkAppend(market.rows, market.seeds, row);
  return {
    result: {
      ok: true,
      kind: 'buy',
      rowId: row.id,
      initialFee: cost.initialFee,
      transactionFee: cost.transactionFee,
      totalCost: cost.totalCost,
    },
    entries: betPostings(MARKET_ID, username, cost),
    row,
  };
}

function sell(market: Market, step: Extract<SimulationStep, { kind: 'sell' }>, placedAt: number): Commit {
  assertOutcome(step.outcome);
  assertPositiveAmount(step.credits);
  assertCanTrade(market, step.username);
  const plan = planSale(market.rows, market.seeds, step.username, step.outcome, step.credits, market.config);
  const { quote } = plan;
  const row: BetRow = { id: market.rows.length + 1, ...plan.row, placedAt };
  return {
    result: {
      ok: true,
      kind: 'sell',
      rowId: row.id,
      sharesSold: quote.sharesSold,
      saleValue: quote.saleValue,
      dust: quote.dust,
      sellFee: quote.sellFee,
      netProceeds: quote.netProceeds,
    },
    entries: salePostings(MARKET_ID, step.username, plan),
    row,
  };
}

function resolve(market: Market, step: Extract<SimulationStep, { kind: 'resolve' }>): Commit {
  assertResolution(step.resolution);
  if (market.resolution !== null) throw new DomainError('ALREADY_RESOLVED', 'the market is already resolved');
  const settlement = resolvePayouts(market.rows, market.seeds, step.resolution, market.config, market.creator);
  return {
    result: { ok: true, kind: 'resolve', settlement },
    entries: resolutionPostings(MARKET_ID, settlement),
    resolution: step.resolution,
  };
}

function runStep(market: Market, step: SimulationStep, placedAt: number): Commit {
  switch (step.kind) {
    case 'buy':
      return buy(market, step, placedAt);
    case 'sell':
      return sell(market, step, placedAt);
    default:
      return resolve(market, step);
  }
}

export function simulateMarket(input: SimulationInput): SimulationResult {
  const { seeds, config, creator } = input;
  assertSeeds(seeds);
  const users = new Set(input.users);
  if (!users.has(creator)) throw new DomainError('UNKNOWN_USER', `the creator ${creator} is not a user`);
  const journal = [...users].flatMap((username) => initialBalancePostings(username, config.initialAccountBalance));
  const balances = applyEntries(new Map(), journal);
  const market: Market = { seeds, config, users, creator, rows: [], resolution: null, balances };
  if (!withinDebtLimit(balanceOf(market, userAccount(creator)), config.createMarketCost, config.maximumDebtAllowed)) {
    throw new DomainError('INSUFFICIENT_BALANCE', `${creator} cannot afford the market creation cost`);
  }
  const creation = marketCreationPostings(creator, config.createMarketCost);
  market.balances = applyEntries(market.balances, creation);
  journal.push(...creation);

  const steps = input.steps.map((step, k): StepResult => {
    if (step.kind !== 'buy' && step.kind !== 'sell' && step.kind !== 'resolve') {
      throw new DomainError('INVALID_STEP', `step ${k} has an unknown kind`);
    }
    let commit: Commit;
    try {
      commit = runStep(market, step, k + 1);
    } catch (error) {
      // A rejected step changes nothing: nothing has been applied yet.
      if (!isDomainError(error)) throw error;
      return { ok: false, kind: step.kind, error: error.code };
    }
    market.balances = applyEntries(market.balances, commit.entries);
    journal.push(...commit.entries);
    if (commit.row !== undefined) market.rows.push(commit.row);
    if (commit.resolution !== undefined) market.resolution = commit.resolution;
    return commit.result;
  });

  let sumOfAllAccounts = 0;
  for (const balance of market.balances.values()) sumOfAllAccounts += balance;
  const pool = balanceOf(market, POOL);
  return {
    steps,
    rows: market.rows,
    resolution: market.resolution,
    balances: Object.fromEntries(
      [...users].sort().map((username) => [username, balanceOf(market, userAccount(username))]),
    ),
    pool,
    house: balanceOf(market, HOUSE),
    mint: balanceOf(market, MINT),
    houseIncome: splitHouseIncome(journal),
    invariants: {
      sumOfAllAccounts,
      poolMinusOpenVolume: pool - (market.resolution === null ? marketVolume(market.rows) : 0),
    },
  };
}
