// The double-entry ledger on Drizzle (docs/market-model.md#ledger, DB-7). Entries are append-only rows `from → to` sharing one
// transaction id per business operation; each user account's balance is also cached on its user row and moved in the
// same statement sequence as the entries, inside the caller's transaction.
import { randomUUID } from 'node:crypto';
import type { ResultAsync } from 'neverthrow';
import { count, eq, inArray, like, sql } from 'drizzle-orm';
import {
  ENTRY_KINDS,
  netChanges,
  parseAccount,
  type AccountKey,
  type EntryKind,
  type InfrastructureError,
  type LedgerEntry,
  type LedgerReader,
  type LedgerRepository,
  type PostingMeta,
  type UserBalance,
} from '@socialpredict/domain';
import type { Executor } from './database.factory.ts';
import { dbOperation } from './drizzle-operation.ts';
import type { OperationScope } from './operation.monitor.ts';
import { ledgerEntries, toSafeInteger, users } from './schema.ts';
import { usernameOrder } from './user.repository.ts';

const total = sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)`.mapWith(toSafeInteger);

export class DrizzleLedgerReader implements LedgerReader {
  protected readonly db: Executor;
  protected readonly scope: OperationScope;

  constructor(db: Executor, scope: OperationScope) {
    this.db = db;
    this.scope = scope;
  }

  balanceOf(account: AccountKey): ResultAsync<number, InfrastructureError> {
    return dbOperation(this.scope, 'ledger.balanceOf', async () => {
      const [credits] = await this.db.select({ total }).from(ledgerEntries).where(eq(ledgerEntries.toAccount, account));
      const [debits] = await this.db.select({ total }).from(ledgerEntries).where(eq(ledgerEntries.fromAccount, account));
      return (credits?.total ?? 0) - (debits?.total ?? 0);
    });
  }

  userBalances(): ResultAsync<readonly UserBalance[], InfrastructureError> {
    return dbOperation(this.scope, 'ledger.userBalances', () =>
      this.db.select({ username: users.username, balance: users.accountBalance }).from(users).orderBy(usernameOrder),
    );
  }

  poolBalances(): ResultAsync<ReadonlyMap<number, number>, InfrastructureError> {
    return dbOperation(this.scope, 'ledger.poolBalances', async () => {
      const credits = await this.db
        .select({ account: ledgerEntries.toAccount, total })
        .from(ledgerEntries)
        .where(like(ledgerEntries.toAccount, 'pool:%'))
        .groupBy(ledgerEntries.toAccount);
      const debits = await this.db
        .select({ account: ledgerEntries.fromAccount, total })
        .from(ledgerEntries)
        .where(like(ledgerEntries.fromAccount, 'pool:%'))
        .groupBy(ledgerEntries.fromAccount);
      const balances = new Map<number, number>();
      const add = (account: string, change: number) => {
        const ref = parseAccount(account as AccountKey);
        if (ref.type === 'pool') balances.set(ref.marketId, (balances.get(ref.marketId) ?? 0) + change);
      };
      for (const row of credits) add(row.account, row.total);
      for (const row of debits) add(row.account, -row.total);
      return balances;
    });
  }

  sumsByKind(): ResultAsync<Readonly<Record<EntryKind, number>>, InfrastructureError> {
    return dbOperation(this.scope, 'ledger.sumsByKind', async () => {
      const rows = await this.db.select({ kind: ledgerEntries.kind, total }).from(ledgerEntries).groupBy(ledgerEntries.kind);
      const sums = Object.fromEntries(ENTRY_KINDS.map((kind) => [kind, 0])) as Record<EntryKind, number>;
      for (const row of rows) sums[row.kind] = row.total;
      return sums;
    });
  }
}

/** Net change of each user account in `entries`, zero changes dropped. */
export function userChanges(entries: readonly LedgerEntry[]): [string, number][] {
  const changes: [string, number][] = [];
  for (const [account, change] of netChanges(entries)) {
    const ref = parseAccount(account);
    if (ref.type !== 'user' || change === 0) continue;
    if (!Number.isSafeInteger(change)) throw new RangeError(`balance change of ${account} is not a safe integer`);
    changes.push([ref.username, change]);
  }
  return changes;
}

/**
 * The statements of one posting, for the caller to run as CTEs of a single statement: the insert of the entries
 * (`null` without entries) and the move of every cached balance they touch (`null` when none changes), which returns
 * one row per user moved. Amounts are re-checked by the column mapping (safe integers) and by CHECK (amount > 0,
 * from <> to); the callers hold the user row locks.
 */
export function postingStatements(db: Executor, entries: readonly LedgerEntry[], meta: PostingMeta) {
  const transactionId = randomUUID();
  const insert =
    entries.length === 0
      ? null
      : db.insert(ledgerEntries).values(
          entries.map((entry) => ({
            transactionId,
            kind: entry.kind,
            fromAccount: entry.from,
            toAccount: entry.to,
            amount: entry.amount,
            marketId: meta.marketId,
            occurredAt: meta.occurredAt,
          })),
        );
  const changes = userChanges(entries);
  if (changes.length === 0) return { insert, move: null, moves: 0 };
  const delta = sql.join(
    changes.map(([username, change]) => sql`WHEN ${username} THEN ${change}::bigint`),
    sql` `,
  );
  const move = db
    .update(users)
    .set({ accountBalance: sql`${users.accountBalance} + CASE ${users.username} ${delta} END` })
    .where(inArray(users.username, changes.map(([username]) => username)))
    .returning({ username: users.username });
  return { insert, move, moves: changes.length };
}

export const MISSING_USER_ROW = 'a posting names a user account without a user row';

export class DrizzleLedgerRepository extends DrizzleLedgerReader implements LedgerRepository {
  post(entries: readonly LedgerEntry[], meta: PostingMeta): ResultAsync<void, InfrastructureError> {
    return dbOperation(this.scope, 'ledger.post', async () => {
      const { insert, move, moves } = postingStatements(this.db, entries, meta);
      if (insert === null) return;
      if (move === null) {
        await insert;
        return;
      }
      // One statement (one round trip), however many payees a resolution has.
      const posted = this.db.$with('posted').as(insert.returning({ id: ledgerEntries.id }));
      const moved = this.db.$with('moved').as(move);
      const [row] = await this.db.with(posted, moved).select({ moved: count() }).from(moved);
      if (row?.moved !== moves) throw new Error(MISSING_USER_ROW);
    });
  }
}
