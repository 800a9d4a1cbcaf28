// The bet path's SQL as fixed text (issue 3): building these with the query builder on every trade cost more Node
// time under the market lock than the database spent on them. Rows are mapped by the schema's own column mappings,
// so the checked safe integers and epoch milliseconds are the same as everywhere else.
import { randomUUID } from 'node:crypto';
import { getTableColumns, type Table } from 'drizzle-orm';
import type { MarketRecord, StoredBetRow, TradeAppend, UserRecord } from '@socialpredict/domain';
import { toMarketRecord } from './market.repository.ts';
import { userChanges } from './ledger.repository.ts';
import { bets, ledgerEntries, markets, toSafeInteger, users } from './schema.ts';
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

/** The rows a group of trades on one market decides on, locked and read in one round trip. */
export interface LockedGroup {
  market: MarketRecord | null;
  users: Map<string, UserRecord>;
  /** the users with a row in the market (the first-bet fee rule) */
  traded: Set<string>;
  /** bet ids drawn for the group's rows, one per trade, ascending: drawn under the market lock (see `lockGroup`) */
  ids: number[];
}

const LOCK_MARKET = 'SELECT * FROM markets WHERE id = $1 FOR UPDATE';
// The bets' identity sequence by its name, resolved once when the statement is prepared (pg_get_serial_sequence per
// call cost ~50 µs of PostgreSQL CPU per bet). Renamed, every trade fails at once: the trade tests draw from it. The
// API's role needs USAGE on it (docs/operations.md#bet-ids).
const DRAW_BET_IDS = "SELECT nextval('bets_id_seq') AS id FROM generate_series(1, $1::int)";
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
 * Three statements sent together: the server runs them in order, so the market row is locked before the users, and
 * the users in ascending username order (DB-6); the prior-row checks run once the market lock has serialised every
 * earlier trade of the market. Lock modes as in the unit of work: FOR UPDATE on the market, FOR NO KEY UPDATE on
 * the users. The group's bet ids are drawn last, under the market lock, so they exceed the id of every row the market
 * has committed, as ids drawn at insert time would: a reader that extends a history by the rows after its last id
 * misses none. Knowing its ids, the group can compute its commit records before its rows are written, and send
 * rows, records and COMMIT together.
 */
export async function lockGroup(statements: TransactionStatements, marketId: number, usernames: readonly string[]): Promise<LockedGroup> {
  const [[market], traders, drawn] = await Promise.all([
    statements.query(LOCK_MARKET, [marketId]),
    statements.query(lockTradersText(usernames.length), [marketId, ...usernames]),
    statements.query(DRAW_BET_IDS, [usernames.length]),
  ]);
  const users = new Map<string, UserRecord>();
  const traded = new Set<string>();
  for (const trader of traders) {
    const user = toUserRow(trader);
    users.set(user.username, user);
    if (trader.has_prior_row === true) traded.add(user.username);
  }
  const ids = drawn.map((row) => toSafeInteger(row.id as string | number)).sort((a, b) => a - b);
  return { market: market === undefined ? null : toMarketRecord(toMarketRow(market)), users, traded, ids };
}

/**
 * The appends of a group in one statement: the bet rows, their ledger entries (one transaction id per trade), the
 * cached balances they move (netted per user over the group) and the market's final totals, so the locked market
 * row gets one new version per group rather than one per trade (docs/performance.md#one-statement-per-group). Each
 * section is one JSON parameter, so the text is fixed and prepared once whatever the group's size; bet rows carry the
 * ids drawn for them in arrival order, entries their position `n`. Data-modifying CTEs run whether or not the query
 * reads them.
 */
const APPEND_GROUP = `WITH inserted AS (
    INSERT INTO bets (id, market_id, username, outcome, amount, shares, dust, placed_at) OVERRIDING SYSTEM VALUE
    SELECT r.id, $1, r.username, r.outcome, r.amount, r.shares, r.dust, r.placed_at
    FROM json_to_recordset($2::json)
      AS r(id bigint, username text, outcome text, amount bigint, shares bigint, dust bigint, placed_at timestamptz)
    RETURNING id),
  posted AS (
    INSERT INTO ledger_entries (transaction_id, kind, from_account, to_account, amount, market_id, occurred_at)
    SELECT e.transaction_id, e.kind, e.from_account, e.to_account, e.amount, $1, e.occurred_at
    FROM json_to_recordset($3::json)
      AS e(transaction_id uuid, kind text, from_account text, to_account text, amount bigint, occurred_at timestamptz, n int)
    ORDER BY e.n),
  moved AS (
    UPDATE users AS u SET account_balance = u.account_balance + c.change
    FROM json_to_recordset($4::json) AS c(username text, change bigint)
    WHERE u.username = c.username),
  totalled AS (
    UPDATE markets SET yes_total = $5, no_total = $6, volume = $7, dust_total = $8, row_count = $9, trader_count = $10,
      last_placed_at = $11, updated_at = $12
    WHERE id = $1)
  SELECT count(*) AS rows FROM inserted`;

/** The rows of a group's appends so far, in the shape the statement reads them. */
export interface GroupAppends {
  readonly bets: object[];
  readonly entries: object[];
  readonly changes: Map<string, number>;
  last: TradeAppend | null;
}

export function emptyGroupAppends(): GroupAppends {
  return { bets: [], entries: [], changes: new Map(), last: null };
}

/** The row `append` stores under `id`, as the bets table will hold it. */
export function storedRowOf(id: number, { row }: TradeAppend): StoredBetRow {
  return {
    id,
    marketId: row.marketId,
    username: row.username,
    outcome: row.outcome,
    amount: row.amount,
    shares: row.shares ?? null,
    dust: row.dust ?? null,
    placedAt: row.placedAt,
  };
}

/**
 * Adds one append, stored as `stored` (`storedRowOf`), or nothing when a value fails its column's check (a safe
 * integer, an epoch time): then the error is the caller's alone and the group's other trades go on.
 */
export function addAppend(group: GroupAppends, stored: StoredBetRow, append: TradeAppend): void {
  const { row, at, entries } = append;
  const { id } = stored;
  const bet = {
    id,
    username: row.username,
    outcome: row.outcome,
    amount: bets.amount.mapToDriverValue(row.amount),
    shares: stored.shares === null ? null : bets.shares.mapToDriverValue(stored.shares),
    dust: stored.dust === null ? null : bets.dust.mapToDriverValue(stored.dust),
    placed_at: bets.placedAt.mapToDriverValue(row.placedAt),
  };
  const transactionId = randomUUID();
  const occurredAt = ledgerEntries.occurredAt.mapToDriverValue(at);
  const posted = entries.map((entry, index) => ({
    transaction_id: transactionId,
    kind: entry.kind,
    from_account: entry.from,
    to_account: entry.to,
    amount: ledgerEntries.amount.mapToDriverValue(entry.amount),
    occurred_at: occurredAt,
    n: group.entries.length + index,
  }));
  const moves = userChanges(entries);
  group.bets.push(bet);
  group.entries.push(...posted);
  for (const [username, change] of moves) group.changes.set(username, (group.changes.get(username) ?? 0) + change);
  group.last = append;
}

/**
 * Sends the group's appends with the totals the last one left. Nothing is checked on the result, since the commit
 * is on its way behind it: the foreign keys make the statement fail (and so the transaction) when a moved user's row
 * is missing (entries → ledger accounts → users); the market row is locked.
 */
export function sendGroupAppends(statements: TransactionStatements, marketId: number, group: GroupAppends): Promise<Row[]> {
  if (group.last === null) throw new Error('a group without appends has nothing to send');
  const { totals, at } = group.last;
  const changes = [...group.changes].filter(([, change]) => change !== 0).map(([username, change]) => ({ username, change }));
  return statements.query(APPEND_GROUP, [
    marketId,
    JSON.stringify(group.bets),
    JSON.stringify(group.entries),
    JSON.stringify(changes),
    markets.yesTotal.mapToDriverValue(totals.yes),
    markets.noTotal.mapToDriverValue(totals.no),
    markets.volume.mapToDriverValue(totals.volume),
    markets.dustTotal.mapToDriverValue(totals.dust),
    markets.rowCount.mapToDriverValue(totals.rowCount),
    markets.traderCount.mapToDriverValue(totals.traderCount),
    totals.lastPlacedAt === null ? null : markets.lastPlacedAt.mapToDriverValue(totals.lastPlacedAt),
    markets.updatedAt.mapToDriverValue(at),
  ]);
}
