// Books integrity check (VAL-4 (docs/operations.md#val-4) over docs/market-model.md#ledger). Pure: it reads a snapshot of the books and
// reports every violation it finds; it never fixes anything. Used by the hourly job and `cli integrity-check`.
import { isDomainError, type DomainErrorCode } from '../math/errors.ts';
import { marketVolume, validateHistory } from '../math/history.ts';
import type { BetRow, Seeds } from '../math/types.ts';
import { HOUSE, MINT, poolAccount, userAccount, type AccountKey, type EntryKind, type LedgerEntry } from './ledger.ts';

export type TransactionId = string | number;

/**
 * One signed line of the journal: the storage form "one row per account and transaction" of docs/market-model.md#ledger. A from → to
 * entry is two lines (see `journalLines`); the lines of one transaction sum to 0.
 */
export interface JournalLine {
  txId: TransactionId;
  account: AccountKey;
  kind: EntryKind;
  /** Signed credits: positive credits the account, negative debits it. */
  amount: number;
}

export interface IntegrityMarket {
  id: number;
  resolved: boolean;
  /** The seeds recorded on the market (policy 1). */
  seeds: Seeds;
  createdAt: number;
  resolvedAt: number | null;
}

export interface StoredBet extends BetRow {
  marketId: number;
}

export interface BooksSnapshot {
  users: readonly string[];
  markets: readonly IntegrityMarket[];
  bets: readonly StoredBet[];
  /** Every journal line, in posting order. */
  journal: readonly JournalLine[];
  /** Cached balances as stored (for example `users.balance`); accounts absent here are not compared. */
  storedBalances: ReadonlyMap<AccountKey, number>;
  maximumDebtAllowed: number;
}

export type IntegrityViolation =
  | { kind: 'BOOKS_UNBALANCED'; txId: TransactionId; sum: number }
  | { kind: 'MINT_MISMATCH'; issued: number; mintBalance: number }
  | { kind: 'OPEN_POOL_MISMATCH'; marketId: number; pool: number; volume: number }
  | { kind: 'NEGATIVE_POOL'; marketId: number; pool: number }
  | { kind: 'RESOLVED_POOL_NOT_EMPTY'; marketId: number; pool: number }
  | { kind: 'STORED_BALANCE_MISMATCH'; account: AccountKey; stored: number; replayed: number }
  | { kind: 'INVALID_HISTORY'; marketId: number; code: DomainErrorCode; message: string }
  | { kind: 'ORPHAN_ROW'; source: 'bet'; betId: number; marketId: number; username: string }
  | { kind: 'ORPHAN_ROW'; source: 'journal'; txId: TransactionId; account: AccountKey }
  | { kind: 'RESOLVED_BEFORE_CREATED'; marketId: number; createdAt: number; resolvedAt: number }
  | { kind: 'DEBT_LIMIT_EXCEEDED'; username: string; txId: TransactionId; balance: number };

export type IntegrityViolationKind = IntegrityViolation['kind'];

/** The only kinds that may move credits out of or into the mint (docs/market-model.md#ledger). */
const MINTING_KINDS: ReadonlySet<EntryKind> = new Set<EntryKind>(['INITIAL_BALANCE', 'ADMIN_GRANT']);

/** Debits the user chose. Forced ones (N/A refund debits, negative admin grants) may exceed the debt limit. */
const VOLUNTARY_DEBITS: ReadonlySet<EntryKind> = new Set<EntryKind>([
  'BUY',
  'INITIAL_BET_FEE',
  'BUY_FEE',
  'MARKET_CREATION',
  'ADD_ANSWER_FEE',
]);

/** The journal form of from → to entries posted in one transaction. */
export function journalLines(txId: TransactionId, entries: readonly LedgerEntry[]): JournalLine[] {
  return entries.flatMap(({ kind, from, to, amount }) => [
    { txId, account: from, kind, amount: -amount },
    { txId, account: to, kind, amount },
  ]);
}

/** Balance of every account the journal touches. */
export function journalBalances(journal: readonly JournalLine[]): Map<AccountKey, number> {
  const balances = new Map<AccountKey, number>();
  for (const line of journal) balances.set(line.account, (balances.get(line.account) ?? 0) + line.amount);
  return balances;
}

/** docs/market-model.md#ledger invariant 1: every transaction sums to 0, hence so do all accounts. */
function unbalancedTransactions(journal: readonly JournalLine[]): IntegrityViolation[] {
  const sums = new Map<TransactionId, number>();
  for (const line of journal) sums.set(line.txId, (sums.get(line.txId) ?? 0) + line.amount);
  return [...sums]
    .filter(([, sum]) => sum !== 0)
    .map(([txId, sum]) => ({ kind: 'BOOKS_UNBALANCED', txId, sum }));
}

/**
 * docs/market-model.md#ledger invariant 2, users + open pools + house = minted total. With balanced transactions, empty resolved pools and
 * no orphan accounts it reduces to: what the minting entries credited to users is exactly what left the mint.
 * Checking that identity directly names the root cause instead of repeating the other violations.
 */
function mintMismatch(journal: readonly JournalLine[], balances: ReadonlyMap<AccountKey, number>) {
  let issued = 0;
  for (const line of journal) {
    if (MINTING_KINDS.has(line.kind) && line.account.startsWith('user:')) issued += line.amount;
  }
  const mintBalance = balances.get(MINT) ?? 0;
  return issued === -mintBalance ? [] : [{ kind: 'MINT_MISMATCH', issued, mintBalance } as const];
}

function storedBalanceMismatches(
  stored: ReadonlyMap<AccountKey, number>,
  balances: ReadonlyMap<AccountKey, number>,
): IntegrityViolation[] {
  return [...stored]
    .filter(([account, balance]) => balance !== (balances.get(account) ?? 0))
    .map(([account, balance]) => ({
      kind: 'STORED_BALANCE_MISMATCH',
      account,
      stored: balance,
      replayed: balances.get(account) ?? 0,
    }));
}

function orphans(books: BooksSnapshot): IntegrityViolation[] {
  const users = new Set(books.users);
  const marketIds = new Set(books.markets.map((market) => market.id));
  const accounts = new Set<AccountKey>([HOUSE, MINT, ...books.users.map(userAccount)]);
  for (const id of marketIds) accounts.add(poolAccount(id));
  const violations: IntegrityViolation[] = [];
  for (const bet of books.bets) {
    if (!marketIds.has(bet.marketId) || !users.has(bet.username)) {
      const { id: betId, marketId, username } = bet;
      violations.push({ kind: 'ORPHAN_ROW', source: 'bet', betId, marketId, username });
    }
  }
  for (const line of books.journal) {
    if (!accounts.has(line.account)) {
      violations.push({ kind: 'ORPHAN_ROW', source: 'journal', txId: line.txId, account: line.account });
    }
  }
  return violations;
}

/** docs/market-model.md#valid-history validity, pool balances (docs/market-model.md#ledger invariants 3 and 4) and the market's own dates. */
function marketViolations(
  market: IntegrityMarket,
  rows: readonly BetRow[],
  balances: ReadonlyMap<AccountKey, number>,
): IntegrityViolation[] {
  const violations: IntegrityViolation[] = [];
  let validHistory = true;
  try {
    validateHistory(rows, market.seeds);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    validHistory = false;
    violations.push({ kind: 'INVALID_HISTORY', marketId: market.id, code: error.code, message: error.message });
  }
  const pool = balances.get(poolAccount(market.id)) ?? 0;
  const volume = marketVolume(rows);
  if (pool < 0) violations.push({ kind: 'NEGATIVE_POOL', marketId: market.id, pool });
  else if (market.resolved && pool !== 0) {
    violations.push({ kind: 'RESOLVED_POOL_NOT_EMPTY', marketId: market.id, pool });
  }
  // V of an invalid history means nothing, and INVALID_HISTORY already reports the market.
  else if (!market.resolved && validHistory && pool !== volume) {
    violations.push({ kind: 'OPEN_POOL_MISMATCH', marketId: market.id, pool, volume });
  }
  if (market.resolvedAt !== null && market.resolvedAt < market.createdAt) {
    const { createdAt, resolvedAt } = market;
    violations.push({ kind: 'RESOLVED_BEFORE_CREATED', marketId: market.id, createdAt, resolvedAt });
  }
  return violations;
}

/**
 * docs/market-model.md#ledger invariant 5: replays each user's lines in posting order and flags a transaction whose voluntary debit leaves
 * the balance below −maximumDebtAllowed. Forced debits may go lower and are not flagged.
 */
function debtLimitViolations(journal: readonly JournalLine[], maximumDebtAllowed: number): IntegrityViolation[] {
  const running = new Map<AccountKey, number>();
  const flagged = new Set<string>();
  const violations: IntegrityViolation[] = [];
  for (const line of journal) {
    const balance = (running.get(line.account) ?? 0) + line.amount;
    running.set(line.account, balance);
    const voluntaryDebit = line.amount < 0 && VOLUNTARY_DEBITS.has(line.kind) && line.account.startsWith('user:');
    if (!voluntaryDebit || balance >= -maximumDebtAllowed) continue;
    // A buy debits the amount and its fees on separate lines of one transaction: report it once.
    const key = `${line.account} ${String(line.txId)}`;
    if (flagged.has(key)) continue;
    flagged.add(key);
    const username = line.account.slice('user:'.length);
    violations.push({ kind: 'DEBT_LIMIT_EXCEEDED', username, txId: line.txId, balance });
  }
  return violations;
}

export function checkIntegrity(books: BooksSnapshot): IntegrityViolation[] {
  const balances = journalBalances(books.journal);
  const rowsByMarket = new Map<number, StoredBet[]>();
  for (const bet of books.bets) {
    const rows = rowsByMarket.get(bet.marketId);
    if (rows === undefined) rowsByMarket.set(bet.marketId, [bet]);
    else rows.push(bet);
  }
  return [
    ...unbalancedTransactions(books.journal),
    ...mintMismatch(books.journal, balances),
    ...storedBalanceMismatches(books.storedBalances, balances),
    ...orphans(books),
    ...books.markets.flatMap((market) => marketViolations(market, rowsByMarket.get(market.id) ?? [], balances)),
    ...debtLimitViolations(books.journal, books.maximumDebtAllowed),
  ];
}
