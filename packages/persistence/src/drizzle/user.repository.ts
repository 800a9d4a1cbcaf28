// UserRepository on Drizzle. A user's ledger account is created with the user row, so that postings to it satisfy the
// ledger's foreign keys from the first one on.
import type { ResultAsync } from 'neverthrow';
import { and, count, eq, ne, or, sql } from 'drizzle-orm';
import { userAccount, type InfrastructureError, type NewUser, type UserListQuery, type UserPage, type UserPatch, type UserRecord, type UserRepository, type UserRole } from '@socialpredict/domain';
import type { Executor } from './database.factory.ts';
import { dbOperation } from './drizzle-operation.ts';
import { anyOf, preparedQuery } from './prepared-query.ts';
import type { OperationScope } from './operation.monitor.ts';
import { ledgerAccounts, users } from './schema.ts';

/** Code-unit order of usernames, the order of the domain (docs/market-model.md#string-order) and of row locks (DB-6). */
export const usernameOrder = sql`${users.username} COLLATE "C"`;

export class DrizzleUserRepository implements UserRepository {
  readonly #db: Executor;
  readonly #scope: OperationScope;

  constructor(db: Executor, scope: OperationScope) {
    this.#db = db;
    this.#scope = scope;
  }

  findByUsername(username: string): ResultAsync<UserRecord | null, InfrastructureError> {
    return dbOperation(this.#scope, 'users.findByUsername', async () => {
      const byUsername = preparedQuery(this.#db, 'users.findByUsername', (db) =>
        db.select().from(users).where(eq(users.username, sql.placeholder('username'))).limit(1).prepare('users_find_by_username'),
      );
      const [row] = await byUsername.execute({ username });
      return row ?? null;
    });
  }

  findByUsernames(usernames: readonly string[]): ResultAsync<readonly UserRecord[], InfrastructureError> {
    return dbOperation(this.#scope, 'users.findByUsernames', async () =>
      usernames.length === 0
        ? []
        : preparedQuery(this.#db, 'users.findByUsernames', (db) =>
            db.select().from(users).where(anyOf(users.username, 'usernames')).orderBy(usernameOrder).prepare('users_find_by_usernames'),
          ).execute({ usernames: [...usernames] }),
    );
  }

  /**
   * The domain's `displayNameKey` (NFKC + case folding) in SQL: NFKC by `normalize`, case by `lower`, which folds
   * beyond ASCII under a UTF-8 locale of the database (C.UTF-8, en_US.UTF-8), but only ASCII under the plain C locale.
   * No index serves it: a stored key with a unique index would, at the price of a schema change.
   */
  isDisplayNameTaken(displayName: string, exceptUsername?: string): ResultAsync<boolean, InfrastructureError> {
    return dbOperation(this.#scope, 'users.isDisplayNameTaken', async () => {
      const holders = await this.#db
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            sql`lower(normalize(${users.displayName}, NFKC)) = lower(normalize(${displayName}, NFKC))`,
            exceptUsername === undefined ? undefined : ne(users.username, exceptUsername),
          ),
        )
        .limit(1);
      return holders.length > 0;
    });
  }

  insert(user: NewUser): ResultAsync<UserRecord, InfrastructureError> {
    return dbOperation(this.#scope, 'users.insert', () =>
      // A savepoint inside a unit of work, a transaction of its own outside one.
      this.#db.transaction(async (tx) => {
        const [row] = await tx.insert(users).values(user).returning();
        await tx.insert(ledgerAccounts).values({ account: userAccount(user.username), type: 'user', username: user.username });
        if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
        return row;
      }),
    );
  }

  update(username: string, patch: UserPatch): ResultAsync<UserRecord | null, InfrastructureError> {
    return dbOperation(this.#scope, 'users.update', async () => {
      const [row] = await this.#db.update(users).set(patch).where(eq(users.username, username)).returning();
      return row ?? null;
    });
  }

  count(role?: UserRole): ResultAsync<number, InfrastructureError> {
    return dbOperation(this.#scope, 'users.count', async () => {
      const [row] = await this.#db
        .select({ total: count() })
        .from(users)
        .where(role === undefined ? undefined : eq(users.role, role));
      return row?.total ?? 0;
    });
  }

  list(query: UserListQuery): ResultAsync<UserPage, InfrastructureError> {
    // `strpos` of the lower-cased text, not LIKE, so `%` and `_` in a query are plain characters.
    const needle = query.query?.toLowerCase();
    const where = and(
      query.role === undefined ? undefined : eq(users.role, query.role),
      needle === undefined
        ? undefined
        : or(sql`strpos(lower(${users.username}), ${needle}) > 0`, sql`strpos(lower(${users.displayName}), ${needle}) > 0`),
    );
    return dbOperation(this.#scope, 'users.list', async () => {
      const [page, [counted]] = await Promise.all([
        this.#db.select().from(users).where(where).orderBy(usernameOrder).limit(query.limit).offset(query.offset),
        this.#db.select({ total: count() }).from(users).where(where),
      ]);
      return { users: page, total: counted?.total ?? 0 };
    });
  }
}
