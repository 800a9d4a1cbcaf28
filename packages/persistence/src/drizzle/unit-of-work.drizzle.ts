// UnitOfWork on Drizzle (DB-6, ERR-5): one READ COMMITTED transaction per call, explicit row locks, commit on Ok and
// rollback on Err or throw. Never retried: a lock timeout or deadlock comes back as LOCK_TIMEOUT / DEADLOCK with
// nothing committed, and the caller decides (the HTTP layer answers 503 + Retry-After).
import { err, ResultAsync, type Result } from 'neverthrow';
import { and, eq, exists, inArray, sql } from 'drizzle-orm';
import type {
  InfrastructureError,
  LockedTrade,
  MarketRecord,
  Repositories,
  StoredBetRow,
  TransactionContext,
  UnitOfWork,
  UserRecord,
} from '@socialpredict/domain';
import type { AppDatabase, Database, Executor } from './database.factory.ts';
import { betColumns, DrizzleBetRepository } from './bet.repository.ts';
import { dbOperation } from './drizzle-operation.ts';
import {
  DrizzleLedgerReader,
  DrizzleLedgerRepository,
  MISSING_USER_ROW,
  postingStatements,
} from './ledger.repository.ts';
import { DrizzleMarketRepository, toMarketRecord, totalsColumns } from './market.repository.ts';
import type { OperationScope } from './operation.monitor.ts';
import { toInfrastructureError } from './pg-error.mapper.ts';
import { bets, ledgerEntries, markets, users } from './schema.ts';
import { DrizzleUserRepository, usernameOrder } from './user.repository.ts';

/** The repositories outside a transaction: each call runs on its own pooled connection. */
export function drizzleRepositories({ db, scope }: Database): Repositories {
  return {
    users: new DrizzleUserRepository(db, scope),
    markets: new DrizzleMarketRepository(db, scope),
    bets: new DrizzleBetRepository(db, scope),
    ledger: new DrizzleLedgerReader(db, scope),
  };
}

function transactionContext(tx: Executor, scope: OperationScope): TransactionContext {
  return {
    users: new DrizzleUserRepository(tx, scope),
    markets: new DrizzleMarketRepository(tx, scope),
    bets: new DrizzleBetRepository(tx, scope),
    ledger: new DrizzleLedgerRepository(tx, scope),
    lockMarket: (id) =>
      dbOperation(scope, 'lockMarket', async (): Promise<MarketRecord | null> => {
        const [row] = await tx.select().from(markets).where(eq(markets.id, id)).for('update');
        return row === undefined ? null : toMarketRecord(row);
      }),
    // Rows are locked in the order the sort returns them, so every caller takes user locks in the same order.
    lockUsers: (usernames) =>
      dbOperation(scope, 'lockUsers', async (): Promise<ReadonlyMap<string, UserRecord>> => {
        if (usernames.length === 0) return new Map();
        const rows = await tx
          .select()
          .from(users)
          .where(inArray(users.username, [...new Set(usernames)]))
          .orderBy(usernameOrder)
          .for('update');
        return new Map(rows.map((row) => [row.username, row]));
      }),
    // Both statements go out without waiting for each other, so postgres.js pipelines them: one round trip. The
    // server runs them in order, so the market row is locked before the user row (DB-6), and the prior-row check
    // runs once the market lock has serialised every earlier trade of the market. The trade statements are
    // prepared: postgres.js sends an unprepared parameterised query only after a Describe round trip of its own, and
    // never pipelines it.
    lockTrade: (marketId, username) =>
      dbOperation(scope, 'lockTrade', async (): Promise<LockedTrade | null> => {
        const priorRow = tx
          .select({ id: bets.id })
          .from(bets)
          .where(and(eq(bets.marketId, marketId), eq(bets.username, username)));
        const [[market], [user]] = await Promise.all([
          tx.select().from(markets).where(eq(markets.id, marketId)).for('update').prepare('lock_trade_market').execute(),
          tx
            .select({ user: users, hasPriorRow: exists(priorRow).mapWith(Boolean) })
            .from(users)
            .where(eq(users.username, username))
            .for('update')
            .prepare('lock_trade_user')
            .execute(),
        ]);
        if (market === undefined) return null;
        return { market: toMarketRecord(market), user: user?.user ?? null, hasPriorRow: user?.hasPriorRow ?? false };
      }),
    // One statement of data-modifying CTEs: the bet row, the entries, the cached balances and the market's totals.
    appendTrade: (trade) =>
      dbOperation(scope, 'appendTrade', async (): Promise<StoredBetRow> => {
        const { row, totals, at } = trade;
        const { insert, move, moves } = postingStatements(tx, trade.entries, { occurredAt: at, marketId: row.marketId });
        const inserted = tx
          .$with('inserted')
          .as(tx.insert(bets).values({ ...row, shares: row.shares ?? null, dust: row.dust ?? null }).returning(betColumns));
        const totalled = tx
          .$with('totalled')
          .as(
            tx
              .update(markets)
              .set({ ...totalsColumns(totals), updatedAt: at })
              .where(eq(markets.id, row.marketId))
              .returning({ id: markets.id }),
          );
        const posted = insert === null ? [] : [tx.$with('posted').as(insert.returning({ id: ledgerEntries.id }))];
        const moved = move === null ? null : tx.$with('moved').as(move);
        const [stored] = await tx
          .with(inserted, totalled, ...posted, ...(moved === null ? [] : [moved]))
          .select({
            id: inserted.id,
            marketId: inserted.marketId,
            username: inserted.username,
            outcome: inserted.outcome,
            amount: inserted.amount,
            shares: inserted.shares,
            dust: inserted.dust,
            placedAt: inserted.placedAt,
            markets: sql<number>`(SELECT count(*) FROM ${totalled})`.mapWith(Number),
            moved: moved === null ? sql<number>`0` : sql<number>`(SELECT count(*) FROM ${moved})`.mapWith(Number),
          })
          .from(inserted)
          .prepare('append_trade')
          .execute();
        if (stored === undefined) throw new Error('INSERT … RETURNING returned no row');
        const { markets: updatedMarkets, moved: movedUsers, ...bet } = stored;
        if (updatedMarkets !== 1) throw new Error(`market ${row.marketId} does not exist`);
        if (movedUsers !== moves) throw new Error(MISSING_USER_ROW);
        return bet;
      }),
  };
}

/** Thrown inside Drizzle's transaction callback to roll back when the work returned Err. */
class Rollback extends Error {
  readonly result: Result<never, unknown>;

  constructor(result: Result<never, unknown>) {
    super('rollback');
    this.result = result;
  }
}

export class DrizzleUnitOfWork implements UnitOfWork {
  readonly #db: AppDatabase;
  readonly #scope: OperationScope;

  constructor({ db, scope }: Database) {
    this.#db = db;
    this.#scope = scope;
  }

  run<T, E>(work: (tx: TransactionContext) => ResultAsync<T, E>): ResultAsync<T, E | InfrastructureError> {
    const attempt = async (): Promise<Result<T, E | InfrastructureError>> => {
      try {
        return await this.#db.transaction(async (tx) => {
          const result = await work(transactionContext(tx, this.#scope.inTransaction));
          if (result.isErr()) throw new Rollback(err(result.error));
          return result;
        });
      } catch (error) {
        if (error instanceof Rollback) return error.result as Result<never, E>;
        return err(toInfrastructureError(error, 'transaction'));
      }
    };
    return new ResultAsync(this.#scope.hold(attempt));
  }
}
