// The bet path's SQL as fixed text (issue 3): building these with the query builder on every trade cost more Node
// time under the market lock than the database spent on them. Rows are mapped by the schema's own column mappings,
// so the checked safe integers and epoch milliseconds are the same as everywhere else.
import { randomUUID } from 'node:crypto';
import { getTableColumns, type Table } from 'drizzle-orm';
import type {
  LedgerEntry,
  MarketRecord,
  MarketTotals,
  NewBetRow,
  StoredBetRow,
  TradeAppend,
  UserRecord,
} from '@socialpredict/domain';
import { toMarketRecord } from './market.repository.ts';
import { userChanges } from './ledger.repository.ts';
import { bets, ledgerEntries, markets, users } from './schema.ts';
import type { TransactionStatements } from './transaction-runner.ts';

type Row = Record<string, unknown>;

/** Maps a row selected with the table's column names onto the Drizzle row type, through each column's decoder. */
function rowMapper<T extends Table>(table: T): (raw: Row) => T['$inferSelect'] {
  const columns = Object.entries(getTableColumns(table));
  return (raw) => {
    const row: Row = {};
    for (const [key, column] of columns) {
      const value = raw[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as T['$inferSelect'];
  };
}

const toMarketRow = rowMapper(markets);
const toUserRow = rowMapper(users);
const toBetRow = rowMapper(bets);

/** The rows a group of trades on one market decides on, locked and read in one round trip. */
export interface LockedGroup {
  market: MarketRecord | null;
  users: Map<string, UserRecord>;
  /** the users with a row in the market (the first-bet fee rule) */
  traded: Set<string>;
}

const LOCK_MARKET = 'SELECT * FROM markets WHERE id = $1 FOR UPDATE';
const lockTraderTexts = new Map<number, string>();

function lockTradersText(count: number): string {
  const cached = lockTraderTexts.get(count);
  if (cached !== undefined) return cached;
  const names = Array.from({ length: count }, (_, i) => `$${String(i + 2)}`).join(', ');
  const text = `SELECT users.*, EXISTS (SELECT 1 FROM bets WHERE bets.market_id = $1 AND bets.username = users.username) AS has_prior_row
    FROM users WHERE username IN (${names}) ORDER BY username COLLATE "C" FOR NO KEY UPDATE`;
  lockTraderTexts.set(count, text);
  return text;
}

/**
 * Two statements sent together: the server runs them in order, so the market row is locked before the users, and
 * the users in ascending username order (DB-6); the prior-row checks run once the market lock has serialised every
 * earlier trade of the market. Lock modes as in the unit of work: FOR UPDATE on the market, FOR NO KEY UPDATE on
 * the users.
 */
export async function lockGroup(statements: TransactionStatements, marketId: number, usernames: readonly string[]): Promise<LockedGroup> {
  const [[market], traders] = await Promise.all([
    statements.query(LOCK_MARKET, [marketId]),
    statements.query(lockTradersText(usernames.length), [marketId, ...usernames]),
  ]);
  const users = new Map<string, UserRecord>();
  const traded = new Set<string>();
  for (const trader of traders) {
    const user = toUserRow(trader);
    users.set(user.username, user);
    if (trader.has_prior_row === true) traded.add(user.username);
  }
  return { market: market === undefined ? null : toMarketRecord(toMarketRow(market)), users, traded };
}

/** Statement text per shape (entries, users whose balance moves): a handful of shapes, each prepared once. */
const appendTexts = new Map<string, string>();

function appendText(entryCount: number, moverCount: number): string {
  const shape = `${String(entryCount)}:${String(moverCount)}`;
  const cached = appendTexts.get(shape);
  if (cached !== undefined) return cached;
  // $1–$7 the row, $8–$14 the totals and time, $15 the transaction id, $16 the trader count; then 4 per entry and 2
  // per mover.
  const entryValues = Array.from({ length: entryCount }, (_, i) => {
    const at = 17 + 4 * i;
    return `($15, $${String(at)}, $${String(at + 1)}, $${String(at + 2)}, $${String(at + 3)}, $1, $14)`;
  });
  const moverStart = 17 + 4 * entryCount;
  const movers = Array.from({ length: moverCount }, (_, i) => [moverStart + 2 * i, moverStart + 2 * i + 1] as const);
  const ctes = [
    `inserted AS (INSERT INTO bets (market_id, username, outcome, amount, shares, dust, placed_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *)`,
    `totalled AS (UPDATE markets SET yes_total = $8, no_total = $9, volume = $10, dust_total = $11, row_count = $12,
      trader_count = $16, last_placed_at = $13, updated_at = $14 WHERE id = $1)`,
  ];
  if (entryCount > 0) {
    ctes.push(`posted AS (INSERT INTO ledger_entries
      (transaction_id, kind, from_account, to_account, amount, market_id, occurred_at) VALUES ${entryValues.join(', ')})`);
  }
  if (moverCount > 0) {
    const cases = movers.map(([name, change]) => `WHEN $${String(name)} THEN $${String(change)}::bigint`).join(' ');
    const names = movers.map(([name]) => `$${String(name)}`).join(', ');
    ctes.push(`moved AS (UPDATE users SET account_balance = account_balance + CASE username ${cases} END
      WHERE username IN (${names}))`);
  }
  // Data-modifying CTEs run whether or not the query reads them.
  const text = `WITH ${ctes.join(',\n')}\n    SELECT * FROM inserted`;
  appendTexts.set(shape, text);
  return text;
}

function appendParams(row: NewBetRow, totals: MarketTotals, at: number, entries: readonly LedgerEntry[], movers: [string, number][]) {
  return [
    row.marketId,
    row.username,
    row.outcome,
    bets.amount.mapToDriverValue(row.amount),
    row.shares === undefined || row.shares === null ? null : bets.shares.mapToDriverValue(row.shares),
    row.dust === undefined || row.dust === null ? null : bets.dust.mapToDriverValue(row.dust),
    bets.placedAt.mapToDriverValue(row.placedAt),
    markets.yesTotal.mapToDriverValue(totals.yes),
    markets.noTotal.mapToDriverValue(totals.no),
    markets.volume.mapToDriverValue(totals.volume),
    markets.dustTotal.mapToDriverValue(totals.dust),
    markets.rowCount.mapToDriverValue(totals.rowCount),
    totals.lastPlacedAt === null ? null : markets.lastPlacedAt.mapToDriverValue(totals.lastPlacedAt),
    markets.updatedAt.mapToDriverValue(at),
    randomUUID(),
    markets.traderCount.mapToDriverValue(totals.traderCount),
    ...entries.flatMap((entry) => [entry.kind, entry.from, entry.to, ledgerEntries.amount.mapToDriverValue(entry.amount)]),
    ...movers.flat(),
  ];
}

/**
 * The row, its entries, the balances they move and the market's totals in one statement, sent at once. Nothing is
 * checked on the result, since the commit may already be on its way behind it: the foreign keys make the statement
 * fail (and so the transaction) when the market or a moved user's row is missing (bets → markets; entries → ledger
 * accounts → users).
 */
export function sendAppend(statements: TransactionStatements, trade: TradeAppend): Promise<Row[]> {
  const { row, totals, at, entries } = trade;
  const movers = userChanges(entries);
  return statements.query(appendText(entries.length, movers.length), appendParams(row, totals, at, entries, movers));
}

export function toStoredBet([stored]: Row[]): StoredBetRow {
  if (stored === undefined) throw new Error('INSERT … RETURNING returned no row');
  const { id, marketId, username, outcome, amount, shares, dust, placedAt } = toBetRow(stored);
  return { id, marketId, username, outcome, amount, shares, dust, placedAt };
}
