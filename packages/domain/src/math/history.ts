// A market's bet rows: canonical order (docs/market-model.md#canonical-order), volume and dust (docs/market-model.md#market-figures), validity (docs/market-model.md#valid-history) and the append guard (docs/market-model.md#append-guard).
// Every analysis function starts from `replayHistory`, which validates and computes the WPAM path in one pass.
import { DomainError } from './errors.ts';
import type { BetRow, Outcome, Seeds } from './types.ts';

type GuardError = 'POOL_NEGATIVE' | 'PROBABILITY_OUT_OF_RANGE';

/** A validated history in canonical order with its WPAM path (docs/market-model.md#wpam-probability) and final accumulators. */
export interface MarketReplay {
  seeds: Seeds;
  /** The caller's array itself when it was already in canonical order (never mutated), otherwise a sorted copy. */
  rows: readonly BetRow[];
  /** `rows.length + 1` points: P0, then the probability right after each row. */
  probabilities: number[];
  volume: number;
  yes: number;
  no: number;
  /** the largest row id; −Infinity without rows */
  maxId: number;
}

function byCanonicalOrder(a: BetRow, b: BetRow): number {
  return a.placedAt - b.placedAt || a.id - b.id;
}

function isCanonical(rows: readonly BetRow[]): boolean {
  for (let i = 1; i < rows.length; i += 1) if (byCanonicalOrder(rows[i - 1]!, rows[i]!) > 0) return false;
  return true;
}

export function orderRows(rows: readonly BetRow[]): BetRow[] {
  // Stored histories usually arrive in canonical order already; checking is much cheaper than sorting.
  return isCanonical(rows) ? rows.slice() : rows.slice().sort(byCanonicalOrder);
}

export function marketVolume(rows: readonly BetRow[]): number {
  let volume = 0;
  for (let i = 0; i < rows.length; i += 1) volume += rows[i]!.amount;
  return volume;
}

export function marketDust(rows: readonly BetRow[]): number {
  let dust = 0;
  for (const row of rows) if (row.amount < 0) dust += row.dust ?? 0;
  return dust;
}

/** docs/market-model.md#wpam-probability: evaluated exactly in this order so results agree to the last bit. */
export function wpamProbability(seeds: Seeds, yes: number, no: number): number {
  return (seeds.initialProbability * seeds.initialSubsidization + yes) / (seeds.initialSubsidization + yes + no);
}

function isNonNegativeSafeInteger(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** docs/market-model.md#valid-history: the seeds every computation of a market uses. */
export function assertSeeds(seeds: Seeds): void {
  const { initialProbability: p0, initialSubsidization: subsidy } = seeds;
  const valid =
    typeof p0 === 'number' &&
    p0 >= 0 &&
    p0 <= 1 &&
    Number.isSafeInteger(subsidy) &&
    subsidy >= 1 &&
    isNonNegativeSafeInteger(seeds.initialYes) &&
    isNonNegativeSafeInteger(seeds.initialNo);
  if (!valid) throw new DomainError('INVALID_SEEDS', 'seeds must satisfy 0 ≤ P0 ≤ 1, I ≥ 1, Y0 ≥ 0, N0 ≥ 0');
}

/** The docs/market-model.md#bet-rows defect of a row, or null when it has the required shape. */
function rowDefect(row: BetRow): string | null {
  if (typeof row !== 'object' || row === null) return 'is not an object';
  if (!Number.isSafeInteger(row.id)) return 'has an id that is not a safe integer';
  if (typeof row.username !== 'string' || row.username === '') return 'has no username';
  if (row.outcome !== 'YES' && row.outcome !== 'NO') return 'has an outcome other than YES or NO';
  if (!Number.isSafeInteger(row.amount) || row.amount === 0) return 'has an amount that is not a non-zero safe integer';
  if (!Number.isSafeInteger(row.placedAt)) return 'has a placedAt that is not a safe integer';
  const shares = row.shares ?? null;
  const dust = row.dust ?? null;
  if (row.amount > 0) return shares === null && dust === null ? null : 'is a buy row carrying shares or dust';
  if (!Number.isSafeInteger(shares) || (shares as number) < 1) return 'is a sale row without a share count ≥ 1';
  if (dust !== null && !(isNonNegativeSafeInteger(dust) && dust <= -row.amount)) return 'has dust outside 0..−amount';
  return null;
}

function assertRowShape(row: BetRow): void {
  const defect = rowDefect(row);
  if (defect !== null) throw new DomainError('INVALID_HISTORY', `row ${String(row?.id)} ${defect}`);
}

/**
 * docs/market-model.md#valid-history / docs/market-model.md#append-guard: the probability of a market state (after a row), or the guard error that state violates.
 * The denominator guard needs no test of its own: yes + no = Y0 + N0 + V, so with valid seeds (I ≥ 1, Y0, N0 ≥ 0)
 * a volume ≥ 0 already makes I + yes + no ≥ 1, and p is never NaN or infinite.
 */
function guardedProbability(seeds: Seeds, volume: number, yes: number, no: number): number | GuardError {
  if (volume < 0) return 'POOL_NEGATIVE';
  const p = wpamProbability(seeds, yes, no);
  return p >= 0 && p <= 1 ? p : 'PROBABILITY_OUT_OF_RANGE';
}

/** Validates seeds and history (docs/market-model.md#valid-history) and replays the WPAM accumulators (docs/market-model.md#wpam-probability) in canonical order. */
export function replayHistory(rows: readonly BetRow[], seeds: Seeds): MarketReplay {
  assertSeeds(seeds);
  // Row objects are the memory traffic of a long history, so shapes and order are checked in the same pass.
  let canonical = true;
  for (let i = 0; i < rows.length; i += 1) {
    assertRowShape(rows[i]!);
    if (canonical && i > 0 && byCanonicalOrder(rows[i - 1]!, rows[i]!) > 0) canonical = false;
  }
  const ordered = canonical ? rows : rows.slice().sort(byCanonicalOrder);
  const probabilities = new Array<number>(ordered.length + 1);
  probabilities[0] = seeds.initialProbability;
  let yes = seeds.initialYes;
  let no = seeds.initialNo;
  let volume = 0;
  // Ids that increase along canonical order are unique; only other histories pay for a Set.
  let idsIncrease = true;
  let previousId = -Infinity;
  let maxId = -Infinity;
  for (let i = 0; i < ordered.length; i += 1) {
    const row = ordered[i]!;
    if (row.outcome === 'YES') yes += row.amount;
    else no += row.amount;
    volume += row.amount;
    const p = guardedProbability(seeds, volume, yes, no);
    if (typeof p === 'string') {
      throw new DomainError('INVALID_HISTORY', `row ${row.id} leaves the market invalid (${p})`);
    }
    probabilities[i + 1] = p;
    idsIncrease &&= row.id > previousId;
    previousId = row.id;
    if (row.id > maxId) maxId = row.id;
  }
  if (!idsIncrease && new Set(ordered.map((row) => row.id)).size !== ordered.length) {
    throw new DomainError('INVALID_HISTORY', 'two rows share an id');
  }
  return { seeds, rows: ordered, probabilities, volume, yes, no, maxId };
}

/**
 * The replay of `rows` (what `replayHistory(rows, previous.seeds)` returns, or throws), reusing `previous` when it
 * replayed a prefix of `rows`, the very row objects, and the rows after that prefix follow it in canonical order
 * with ids above every earlier one: then only those rows are validated and replayed, which keeps the figures of a
 * long market that grows by a few rows at a time from costing a whole replay per row
 * (docs/performance.md#extended-replay). Any other input takes the whole replay.
 */
export function extendReplay(previous: MarketReplay, rows: readonly BetRow[]): MarketReplay {
  const before = previous.rows;
  const start = before.length;
  if (rows.length < start || !sharesPrefix(before, rows)) return replayHistory(rows, previous.seeds);
  let last = before[start - 1];
  let lastId = previous.maxId;
  for (let i = start; i < rows.length; i += 1) {
    const row = rows[i]!;
    assertRowShape(row);
    if ((last !== undefined && byCanonicalOrder(last, row) > 0) || row.id <= lastId) return replayHistory(rows, previous.seeds);
    last = row;
    lastId = row.id;
  }
  const { seeds } = previous;
  const added = new Array<number>(rows.length - start);
  let { yes, no, volume } = previous;
  for (let i = start; i < rows.length; i += 1) {
    const row = rows[i]!;
    if (row.outcome === 'YES') yes += row.amount;
    else no += row.amount;
    volume += row.amount;
    const p = guardedProbability(seeds, volume, yes, no);
    if (typeof p === 'string') throw new DomainError('INVALID_HISTORY', `row ${row.id} leaves the market invalid (${p})`);
    added[i - start] = p;
  }
  return { seeds, rows, probabilities: previous.probabilities.concat(added), volume, yes, no, maxId: lastId };
}

function sharesPrefix(prefix: readonly BetRow[], rows: readonly BetRow[]): boolean {
  for (let i = 0; i < prefix.length; i += 1) if (prefix[i] !== rows[i]) return false;
  return true;
}

export function validateHistory(rows: readonly BetRow[], seeds: Seeds): void {
  replayHistory(rows, seeds);
}

/** docs/market-model.md#append-guard on an already validated history: throws POOL_NEGATIVE or PROBABILITY_OUT_OF_RANGE. */
export function assertAppendable(replay: MarketReplay, outcome: Outcome, amount: number): void {
  const yes = outcome === 'YES' ? replay.yes + amount : replay.yes;
  const no = outcome === 'NO' ? replay.no + amount : replay.no;
  const p = guardedProbability(replay.seeds, replay.volume + amount, yes, no);
  if (typeof p === 'string') throw new DomainError(p, `appending ${amount} credits on ${outcome} is rejected`);
}

export function checkAppend(rows: readonly BetRow[], seeds: Seeds, candidate: BetRow): void {
  const replay = replayHistory(rows, seeds);
  assertRowShape(candidate);
  if (replay.rows.some((row) => row.id === candidate.id)) {
    throw new DomainError('INVALID_HISTORY', `row id ${candidate.id} is already taken`);
  }
  assertAppendable(replay, candidate.outcome, candidate.amount);
}
