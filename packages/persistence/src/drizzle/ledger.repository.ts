// The double-entry ledger on Drizzle (market-math §15, DB-7). Entries are append-only rows `from → to` sharing one
// transaction id per business operation; each user account's balance is also cached on its user row and moved in the
// same statement sequence as the entries, inside the caller's transaction.
import { randomUUID } from 'node:crypto';
import type { ResultAsync } from 'neverthrow';
import { eq, inArray, like, sql } from 'drizzle-orm';
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
import { ledgerEntries, toSafeInteger, users } from './schema.ts';
import { usernameOrder } from './user.repository.ts';

const total = sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)`.mapWith(toSafeInteger);

export class DrizzleLedgerReader implements LedgerReader {
  protected readonly db: Executor;

  constructor(db: Executor) {
    this.db = db;
  }

  balanceOf(account: AccountKey): ResultAsync<number, InfrastructureError> {
    return dbOperation('ledger.balanceOf', async () => {
      const [credits] = await this.db.select({ total }).from(ledgerEntries).where(eq(ledgerEntries.toAccount, account));
      const [debits] = await this.db.select({ total }).from(ledgerEntries).where(eq(ledgerEntries.fromAccount, account));
      return (credits?.total ?? 0) - (debits?.total ?? 0);
    });
  }

  userBalances(): ResultAsync<readonly UserBalance[], InfrastructureError> {
    return dbOperation('ledger.userBalances', () =>
      this.db.select({ username: users.username, balance: users.accountBalance }).from(users).orderBy(usernameOrder),
    );
  }

  poolBalances(): ResultAsync<ReadonlyMap<number, number>, InfrastructureError> {
    return dbOperation('ledger.poolBalances', async () => {
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
    return dbOperation('ledger.sumsByKind', async () => {
      const rows = await this.db.select({ kind: ledgerEntries.kind, total }).from(ledgerEntries).groupBy(ledgerEntries.kind);
      const sums = Object.fromEntries(ENTRY_KINDS.map((kind) => [kind, 0])) as Record<EntryKind, number>;
      for (const row of rows) sums[row.kind] = row.total;
      return sums;
    });
  }
}

/** Net change of each user account in `entries`, zero changes dropped. */
function userChanges(entries: readonly LedgerEntry[]): [string, number][] {
  const changes: [string, number][] = [];
  for (const [account, change] of netChanges(entries)) {
    const ref = parseAccount(account);
    if (ref.type !== 'user' || change === 0) continue;
    if (!Number.isSafeInteger(change)) throw new RangeError(`balance change of ${account} is not a safe integer`);
    changes.push([ref.username, change]);
  }
  return changes;
}

export class DrizzleLedgerRepository extends DrizzleLedgerReader implements LedgerRepository {
  post(entries: readonly LedgerEntry[], meta: PostingMeta): ResultAsync<void, InfrastructureError> {
    return dbOperation('ledger.post', async () => {
      if (entries.length === 0) return;
      const transactionId = randomUUID();
      // Amounts are re-checked by the column mapping (safe integers) and by CHECK (amount > 0, from <> to).
      const insert = this.db.insert(ledgerEntries).values(
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
      if (changes.length === 0) {
        await insert;
        return;
      }
      // One statement (one round trip) inserts the entries and moves every cached balance they touch, a resolution's
      // many payees included; the callers hold the user row locks.
      const posted = this.db.$with('posted').as(insert.returning({ id: ledgerEntries.id }));
      const delta = sql.join(
        changes.map(([username, change]) => sql`WHEN ${username} THEN ${change}::bigint`),
        sql` `,
      );
      const updated = await this.db
        .with(posted)
        .update(users)
        .set({ accountBalance: sql`${users.accountBalance} + CASE ${users.username} ${delta} END` })
        .where(inArray(users.username, changes.map(([username]) => username)))
        .returning({ username: users.username });
      if (updated.length !== changes.length) throw new Error('a posting names a user account without a user row');
    });
  }
}
