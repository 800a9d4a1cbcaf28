// The fixture loader's write path (docs/performance.md#fixture-loader): trades the caller has already decided with the
// domain's own math (buyCost, guardAppend, totalsAfter, betPostings — the same functions placeBet runs), written a
// batch at a time instead of one transaction per bet. A batch is one transaction of four statements, each carrying
// its rows as one JSON parameter (parameterised, with no parameter-count limit): the markets' final running totals,
// the bet rows, their ledger entries (one transaction id per trade, as appendTrade posts them) and the users' cached
// balances moved by the net of the entries. Rows carry their position `n` so ids follow posting order. The result is
// row for row what the trades would have left one by one, so the integrity check (VAL-4) holds afterwards.
import { randomUUID } from 'node:crypto';
import type { TradeAppend } from '@socialpredict/domain';
import type { Database, SqlRunner } from './database.factory.ts';
import { userChanges } from './ledger.repository.ts';
import { bets, ledgerEntries, markets } from './schema.ts';

const INSERT_BETS = `INSERT INTO bets (market_id, username, outcome, amount, shares, dust, placed_at)
  SELECT r.market_id, r.username, r.outcome, r.amount, r.shares, r.dust, r.placed_at
  FROM json_to_recordset($1::json)
    AS r(market_id bigint, username text, outcome text, amount bigint, shares bigint, dust bigint, placed_at timestamptz, n bigint)
  ORDER BY n`;

const INSERT_ENTRIES = `INSERT INTO ledger_entries (transaction_id, kind, from_account, to_account, amount, market_id, occurred_at)
  SELECT e.transaction_id, e.kind, e.from_account, e.to_account, e.amount, e.market_id, e.occurred_at
  FROM json_to_recordset($1::json)
    AS e(transaction_id uuid, kind text, from_account text, to_account text, amount bigint, market_id bigint, occurred_at timestamptz, n bigint)
  ORDER BY n`;

// The totals are absolute values: the batch fails unless each market still has the row count the caller decided on,
// so a trade that slipped in meanwhile cannot be overwritten.
const SET_TOTALS = `UPDATE markets AS m SET yes_total = t.yes, no_total = t.no, volume = t.volume, dust_total = t.dust,
    row_count = t.row_count, trader_count = t.trader_count, last_placed_at = t.last_placed_at, updated_at = t.at
  FROM json_to_recordset($1::json)
    AS t(id bigint, yes bigint, no bigint, volume bigint, dust bigint, row_count bigint, trader_count bigint, last_placed_at timestamptz, at timestamptz, before bigint)
  WHERE m.id = t.id AND m.row_count = t.before
  RETURNING m.id`;

const MOVE_BALANCES = `UPDATE users AS u SET account_balance = u.account_balance + c.change
  FROM json_to_recordset($1::json) AS c(username text, change bigint)
  WHERE u.username = c.username
  RETURNING u.username`;

/** Cached balances of `usernames` (absent names are left out), for the caller's debt-rule decisions. */
export async function readBalances(database: Database, usernames: readonly string[]): Promise<Map<string, number>> {
  const session = await database.reserve();
  try {
    const rows = await session.query<{ username: string; account_balance: string | number }>(
      'SELECT username, account_balance FROM users WHERE username IN (SELECT json_array_elements_text($1::json))',
      [JSON.stringify(usernames)],
    );
    return new Map(rows.map((row) => [row.username, Number(row.account_balance)]));
  } finally {
    await session.release();
  }
}

async function writeBatch(tx: SqlRunner, trades: readonly TradeAppend[]): Promise<void> {
  const rows = [];
  const entries = [];
  const totals = new Map<number, { trade: TradeAppend; before: number }>();
  const balances = new Map<string, number>();
  for (const trade of trades) {
    const { row } = trade;
    rows.push({
      market_id: row.marketId,
      username: row.username,
      outcome: row.outcome,
      amount: row.amount,
      shares: row.shares ?? null,
      dust: row.dust ?? null,
      placed_at: bets.placedAt.mapToDriverValue(row.placedAt),
      n: rows.length,
    });
    const transactionId = randomUUID();
    for (const entry of trade.entries) {
      entries.push({
        transaction_id: transactionId,
        kind: entry.kind,
        from_account: entry.from,
        to_account: entry.to,
        amount: entry.amount,
        market_id: row.marketId,
        occurred_at: ledgerEntries.occurredAt.mapToDriverValue(trade.at),
        n: entries.length,
      });
    }
    const before = totals.get(row.marketId)?.before ?? trade.totals.rowCount - 1;
    totals.set(row.marketId, { trade, before });
    for (const [username, change] of userChanges(trade.entries)) balances.set(username, (balances.get(username) ?? 0) + change);
  }
  const marketTotals = [...totals.entries()].map(([id, { trade, before }]) => ({
    id,
    yes: trade.totals.yes,
    no: trade.totals.no,
    volume: trade.totals.volume,
    dust: trade.totals.dust,
    row_count: trade.totals.rowCount,
    trader_count: trade.totals.traderCount,
    last_placed_at: trade.totals.lastPlacedAt === null ? null : markets.lastPlacedAt.mapToDriverValue(trade.totals.lastPlacedAt),
    at: markets.updatedAt.mapToDriverValue(trade.at),
    before,
  }));
  const updated = await tx.query(SET_TOTALS, [JSON.stringify(marketTotals)]);
  if (updated.length !== marketTotals.length) throw new Error('a market changed while its fixture batch was written');
  await tx.query(INSERT_BETS, [JSON.stringify(rows)]);
  if (entries.length > 0) await tx.query(INSERT_ENTRIES, [JSON.stringify(entries)]);
  const changes = [...balances.entries()].filter(([, change]) => change !== 0).map(([username, change]) => ({ username, change }));
  if (changes.length > 0) {
    const moved = await tx.query(MOVE_BALANCES, [JSON.stringify(changes)]);
    if (moved.length !== changes.length) throw new Error('a trader of the fixture batch does not exist');
  }
}

/**
 * Writes `trades` (in order; each one's totals follow the previous trade of its market) in one transaction: all of
 * them or none. The markets are updated first, so their row locks serialise the batch against any concurrent trade.
 */
export async function appendTradesInBulk(database: Database, trades: readonly TradeAppend[]): Promise<void> {
  if (trades.length === 0) return;
  const session = await database.reserve();
  try {
    await session.transaction((tx) => writeBatch(tx, trades));
  } finally {
    await session.release();
  }
}
