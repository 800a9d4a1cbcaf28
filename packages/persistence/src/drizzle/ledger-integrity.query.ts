// The books integrity check of VAL-4 on a live database: a consistent snapshot (one REPEATABLE READ, read-only
// transaction) loaded from SQL and handed to the domain's pure `checkIntegrity`, plus the one check that belongs to
// this adapter: the running totals it caches on each market row (PERF-3) equal an SQL aggregate over the market's rows.
import type { ResultAsync } from 'neverthrow';
import { asc, count, countDistinct, eq, max, sql } from 'drizzle-orm';
import {
  checkIntegrity,
  journalLines,
  userAccount,
  type AccountKey,
  type BooksSnapshot,
  type InfrastructureError,
  type IntegrityViolation,
  type JournalLine,
  type MarketTotals,
} from '@socialpredict/domain';
import type { Database, Executor } from './database.factory.ts';
import { betColumns } from './bet.repository.ts';
import { dbOperation } from './drizzle-operation.ts';
import { bets, ledgerEntries, markets, toSafeInteger, users } from './schema.ts';

/** The cached totals of a market row disagree with its trade rows. */
export interface MarketTotalsMismatch {
  kind: 'MARKET_TOTALS_MISMATCH';
  marketId: number;
  stored: MarketTotals;
  replayed: MarketTotals;
}

export type IntegrityFinding = IntegrityViolation | MarketTotalsMismatch;

export interface IntegrityReport {
  /** Empty when the books are sound. */
  findings: IntegrityFinding[];
  counts: { users: number; markets: number; bets: number; entries: number };
}

export interface IntegrityOptions {
  maximumDebtAllowed: number;
}

async function loadJournal(tx: Executor): Promise<{ journal: JournalLine[]; entries: number }> {
  const rows = await tx
    .select({
      txId: ledgerEntries.transactionId,
      kind: ledgerEntries.kind,
      from: ledgerEntries.fromAccount,
      to: ledgerEntries.toAccount,
      amount: ledgerEntries.amount,
    })
    .from(ledgerEntries)
    .orderBy(asc(ledgerEntries.id));
  // Posting order is id order; the domain turns each from → to entry into its two signed lines.
  const journal = rows.flatMap(({ txId, kind, from, to, amount }) =>
    journalLines(txId, [{ kind, from: from as AccountKey, to: to as AccountKey, amount }]),
  );
  return { journal, entries: rows.length };
}

async function loadBooks(tx: Executor, options: IntegrityOptions): Promise<{ books: BooksSnapshot; entries: number }> {
  const userRows = await tx.select({ username: users.username, balance: users.accountBalance }).from(users);
  const marketRows = await tx.select().from(markets).orderBy(asc(markets.id));
  const betRows = await tx.select(betColumns).from(bets).orderBy(asc(bets.marketId), asc(bets.placedAt), asc(bets.id));
  const { journal, entries } = await loadJournal(tx);
  const books: BooksSnapshot = {
    users: userRows.map((row) => row.username),
    markets: marketRows.map((row) => ({
      id: row.id,
      resolved: row.lifecycleStatus === 'resolved',
      seeds: {
        initialProbability: row.initialProbability,
        initialSubsidization: row.initialSubsidization,
        initialYes: row.initialYes,
        initialNo: row.initialNo,
      },
      createdAt: row.createdAt,
      resolvedAt: row.finalResolutionDateTime,
    })),
    bets: betRows,
    journal,
    storedBalances: new Map(userRows.map((row) => [userAccount(row.username), row.balance])),
    maximumDebtAllowed: options.maximumDebtAllowed,
  };
  return { books, entries };
}

const amountOn = (outcome: 'YES' | 'NO') =>
  sql<number>`coalesce(sum(${bets.amount}) FILTER (WHERE ${bets.outcome} = ${outcome}), 0)`.mapWith(toSafeInteger);

async function totalsMismatches(tx: Executor): Promise<MarketTotalsMismatch[]> {
  const rows = await tx
    .select({
      market: markets,
      yes: amountOn('YES'),
      no: amountOn('NO'),
      volume: sql<number>`coalesce(sum(${bets.amount}), 0)`.mapWith(toSafeInteger),
      dust: sql<number>`coalesce(sum(${bets.dust}), 0)`.mapWith(toSafeInteger),
      rowCount: count(bets.id),
      traderCount: countDistinct(bets.username),
      lastPlacedAt: max(bets.placedAt),
    })
    .from(markets)
    .leftJoin(bets, eq(bets.marketId, markets.id))
    .groupBy(markets.id)
    .orderBy(asc(markets.id));
  return rows.flatMap(({ market, ...replayed }) => {
    const stored: MarketTotals = {
      yes: market.yesTotal,
      no: market.noTotal,
      volume: market.volume,
      dust: market.dustTotal,
      rowCount: market.rowCount,
      traderCount: market.traderCount,
      lastPlacedAt: market.lastPlacedAt,
    };
    const same = (Object.keys(stored) as (keyof MarketTotals)[]).every((key) => stored[key] === replayed[key]);
    return same ? [] : [{ kind: 'MARKET_TOTALS_MISMATCH' as const, marketId: market.id, stored, replayed }];
  });
}

/** Reads the whole books in one consistent snapshot and reports every violation; never fixes anything. */
export function checkLedgerIntegrity(database: Database, options: IntegrityOptions): ResultAsync<IntegrityReport, InfrastructureError> {
  return dbOperation(database.scope, 'integrity.check', () =>
    database.db.transaction(
      async (tx) => {
        const { books, entries } = await loadBooks(tx, options);
        const findings: IntegrityFinding[] = [...checkIntegrity(books), ...(await totalsMismatches(tx))];
        const counts = { users: books.users.length, markets: books.markets.length, bets: books.bets.length, entries };
        return { findings, counts };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    ),
  );
}
