// Double-entry ledger model (docs/market-model.md#ledger): every credit moves from one account to another,
// so no entry can change the sum of all balances.
import { DomainError } from '../math/errors.ts';
import type { HouseIncome } from '../math/types.ts';

export const ENTRY_KINDS = [
  'INITIAL_BALANCE',
  'ADMIN_GRANT',
  'MARKET_CREATION',
  'PROPOSAL_REFUND',
  'ADD_ANSWER_FEE',
  'BUY',
  'INITIAL_BET_FEE',
  'BUY_FEE',
  'SALE',
  'SALE_DUST',
  'SELL_FEE',
  'WIN',
  'REFUND',
  'POOL_REMAINDER',
  'WORK_PROFIT',
] as const;

export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Account identifiers as stored: `user:<username>`, `pool:<marketId>`, `house`, `mint`. */
export type AccountKey = `user:${string}` | `pool:${number}` | 'house' | 'mint';

export const HOUSE: AccountKey = 'house';
export const MINT: AccountKey = 'mint';

export function userAccount(username: string): AccountKey {
  return `user:${username}`;
}

export function poolAccount(marketId: number): AccountKey {
  return `pool:${marketId}`;
}

export type AccountRef =
  | { type: 'user'; username: string }
  | { type: 'pool'; marketId: number }
  | { type: 'house' }
  | { type: 'mint' };

export function parseAccount(key: AccountKey): AccountRef {
  if (key === 'house' || key === 'mint') return { type: key };
  if (key.startsWith('user:')) return { type: 'user', username: key.slice('user:'.length) };
  return { type: 'pool', marketId: Number(key.slice('pool:'.length)) };
}

/** One posting: a positive safe-integer amount moving `from` → `to`. */
export interface LedgerEntry {
  kind: EntryKind;
  from: AccountKey;
  to: AccountKey;
  amount: number;
}

/**
 * The entries for moving `amount` of `kind` from `from` to `to`.
 * A negative amount moves the other way (an N/A debit, a negative admin adjustment); zero posts nothing.
 * Every amount is checked to be a safe integer right before it can reach a balance (docs/market-model.md#integers, policy 5).
 */
export function transfer(kind: EntryKind, from: AccountKey, to: AccountKey, amount: number): LedgerEntry[] {
  if (!Number.isFinite(amount)) throw new DomainError('NON_FINITE_NUMBER', `${kind} amount is not finite`);
  if (!Number.isSafeInteger(amount)) throw new DomainError('INVALID_AMOUNT', `${kind} amount is not a safe integer`);
  if (from === to) throw new DomainError('INVALID_AMOUNT', `${kind} moves money from an account to itself`);
  if (amount === 0) return [];
  return amount > 0 ? [{ kind, from, to, amount }] : [{ kind, from: to, to: from, amount: -amount }];
}

/** Balances after applying `entries`, without mutating the input map. */
export function applyEntries(
  balances: ReadonlyMap<AccountKey, number>,
  entries: readonly LedgerEntry[],
): Map<AccountKey, number> {
  const next = new Map(balances);
  for (const entry of entries) {
    next.set(entry.from, (next.get(entry.from) ?? 0) - entry.amount);
    next.set(entry.to, (next.get(entry.to) ?? 0) + entry.amount);
  }
  return next;
}

/** Net change per account of a set of entries; every transaction's changes sum to 0. */
export function netChanges(entries: readonly LedgerEntry[]): Map<AccountKey, number> {
  return applyEntries(new Map(), entries);
}

/** The docs/market-model.md#system-metrics category of house income an entry kind belongs to. */
function houseIncomeCategory(kind: EntryKind): keyof HouseIncome {
  if (kind === 'MARKET_CREATION' || kind === 'PROPOSAL_REFUND') return 'creationFees';
  if (kind === 'INITIAL_BET_FEE' || kind === 'WORK_PROFIT') return 'participationFees';
  return 'otherIncome';
}

/**
 * The house balance split by origin (docs/market-model.md#system-metrics). Each entry counts with its signed effect on the house, so refunds and
 * work profit reduce their category and the three parts always sum to the house balance.
 */
export function splitHouseIncome(entries: readonly LedgerEntry[]): HouseIncome {
  const income: HouseIncome = { creationFees: 0, participationFees: 0, otherIncome: 0 };
  for (const entry of entries) {
    const effect = (entry.to === HOUSE ? entry.amount : 0) - (entry.from === HOUSE ? entry.amount : 0);
    income[houseIncomeCategory(entry.kind)] += effect;
  }
  return income;
}
