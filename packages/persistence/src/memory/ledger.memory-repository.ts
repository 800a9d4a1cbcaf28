import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import {
  ENTRY_KINDS,
  infrastructureError,
  parseAccount,
  type AccountKey,
  type EntryKind,
  type InfrastructureError,
  type LedgerEntry,
  type LedgerRepository,
  type PostingMeta,
  type UserBalance,
} from '@socialpredict/domain';
import type { MemoryTables } from './memory-database.ts';
import { readOperation, writeOperation, type MemoryContext } from './memory-operation.ts';

export class MemoryLedgerRepository implements LedgerRepository {
  readonly #context: MemoryContext;

  constructor(context: MemoryContext) {
    this.#context = context;
  }

  post(entries: readonly LedgerEntry[], meta: PostingMeta): ResultAsync<void, InfrastructureError> {
    return writeOperation(this.#context, 'ledger.post', (tables) => postEntries(tables, entries, meta));
  }

  balanceOf(account: AccountKey): ResultAsync<number, InfrastructureError> {
    return readOperation(this.#context, 'ledger.balanceOf', (tables) => tables.balances.get(account) ?? 0);
  }

  userBalances(): ResultAsync<readonly UserBalance[], InfrastructureError> {
    return readOperation(this.#context, 'ledger.userBalances', (tables) =>
      [...tables.users.values()]
        .map((user) => ({ username: user.username, balance: user.accountBalance }))
        .sort((a, b) => (a.username < b.username ? -1 : 1)),
    );
  }

  poolBalances(): ResultAsync<ReadonlyMap<number, number>, InfrastructureError> {
    return readOperation(
      this.#context,
      'ledger.poolBalances',
      (tables) =>
        new Map(
          [...tables.balances].flatMap(([key, balance]) => {
            const account = parseAccount(key);
            return account.type === 'pool' ? [[account.marketId, balance] as const] : [];
          }),
        ),
    );
  }

  sumsByKind(): ResultAsync<Readonly<Record<EntryKind, number>>, InfrastructureError> {
    return readOperation(this.#context, 'ledger.sumsByKind', (tables) => {
      const sums = Object.fromEntries(ENTRY_KINDS.map((kind) => [kind, 0])) as Record<EntryKind, number>;
      for (const entry of tables.entries) sums[entry.kind] += entry.amount;
      return sums;
    });
  }
}

export function postEntries(
  tables: MemoryTables,
  entries: readonly LedgerEntry[],
  meta: PostingMeta,
): Result<void, InfrastructureError> {
  // The checks a database enforces with CHECK and FOREIGN KEY constraints.
  const invalid = entries.find((entry) => !isWellFormed(tables, entry));
  if (invalid !== undefined) {
    const { kind, from, to, amount } = invalid;
    return err(infrastructureError('UNEXPECTED', `rejected ledger entry ${kind} ${from} → ${to} ${amount}`));
  }
  for (const entry of entries) {
    tables.sequences.entry += 1;
    tables.entries.push(Object.freeze({ ...entry, id: tables.sequences.entry, ...meta }));
    move(tables, entry.from, -entry.amount);
    move(tables, entry.to, entry.amount);
  }
  return ok(undefined);
}

function isWellFormed(tables: MemoryTables, entry: LedgerEntry): boolean {
  const userExists = (key: AccountKey): boolean => {
    const account = parseAccount(key);
    return account.type !== 'user' || tables.users.has(account.username);
  };
  const positive = Number.isSafeInteger(entry.amount) && entry.amount > 0;
  return positive && entry.from !== entry.to && userExists(entry.from) && userExists(entry.to);
}

/** Applies a signed change to an account and to the cached balance of a user account (DB-7). */
function move(tables: MemoryTables, key: AccountKey, change: number): void {
  tables.balances.set(key, (tables.balances.get(key) ?? 0) + change);
  const account = parseAccount(key);
  if (account.type !== 'user') return;
  const user = tables.users.get(account.username);
  if (user === undefined) return;
  tables.users.set(user.username, Object.freeze({ ...user, accountBalance: user.accountBalance + change }));
}
