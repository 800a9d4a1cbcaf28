// UnitOfWork on Drizzle (DB-6, ERR-5): one READ COMMITTED transaction per call, explicit row locks, commit on Ok and
// rollback on Err or throw. The market row is locked FOR UPDATE (DB-6). User rows are locked FOR NO KEY UPDATE: it
// excludes every other writer and locker as FOR UPDATE would, but not the foreign-key checks (FOR KEY SHARE) of
// inserts referencing the user, which under FOR UPDATE deadlocked a transaction's own bet inserts against another
// transaction queued for the same user (seen in the concurrency test). Never retried: a lock timeout or deadlock comes back as LOCK_TIMEOUT / DEADLOCK with
// nothing committed, and the caller decides (the HTTP layer answers 503 + Retry-After).
import { err, ResultAsync, type Result } from 'neverthrow';
import { eq, inArray } from 'drizzle-orm';
import type {
  CommitHook,
  InfrastructureError,
  MarketRecord,
  Repositories,
  TradeWork,
  TransactionContext,
  UnitOfWork,
  UserRecord,
} from '@socialpredict/domain';
import type { Database } from './database.factory.ts';
import { DrizzleAuditLogRepository } from './audit-log.repository.ts';
import { DrizzleDescriptionAmendmentRepository } from './description-amendment.repository.ts';
import { DrizzleBetRepository } from './bet.repository.ts';
import { storeCommitRecords } from './commit-records.statements.ts';
import { dbOperation } from './drizzle-operation.ts';
import { DrizzleLedgerReader, DrizzleLedgerRepository } from './ledger.repository.ts';
import { DrizzleMarketRepository, toMarketRecord } from './market.repository.ts';
import type { OperationScope } from './operation.monitor.ts';
import { toInfrastructureError } from './pg-error.mapper.ts';
import { markets, users } from './schema.ts';
import { DrizzleSiteSettingsRepository } from './site-settings.repository.ts';
import { DrizzleStewardshipAuditRepository } from './stewardship-audit.repository.ts';
import { DrizzleMarketTagRepository } from './market-tag.repository.ts';
import { DrizzleMarketGroupRepository } from './market-group.repository.ts';
import { DrizzleSiteContentRepository } from './site-content.repository.ts';
import { TradeLanes } from './trade-lanes.ts';
import type { OpenTransaction, TransactionRunner } from './transaction-runner.ts';
import { DrizzleUserRepository, usernameOrder } from './user.repository.ts';

/** The repositories outside a transaction: each call runs on its own pooled connection. */
export function drizzleRepositories({ db, scope }: Database): Repositories {
  return {
    users: new DrizzleUserRepository(db, scope),
    markets: new DrizzleMarketRepository(db, scope),
    bets: new DrizzleBetRepository(db, scope),
    ledger: new DrizzleLedgerReader(db, scope),
    audit: new DrizzleAuditLogRepository(db, scope),
    settings: new DrizzleSiteSettingsRepository(db, scope),
    stewardshipAudits: new DrizzleStewardshipAuditRepository(db, scope),
    marketTags: new DrizzleMarketTagRepository(db, scope),
    amendments: new DrizzleDescriptionAmendmentRepository(db, scope),
    marketGroups: new DrizzleMarketGroupRepository(db, scope),
    siteContent: new DrizzleSiteContentRepository(db, scope),
  };
}

function transactionContext({ db: tx }: OpenTransaction, scope: OperationScope): TransactionContext {
  return {
    users: new DrizzleUserRepository(tx, scope),
    markets: new DrizzleMarketRepository(tx, scope),
    bets: new DrizzleBetRepository(tx, scope),
    ledger: new DrizzleLedgerRepository(tx, scope),
    settings: new DrizzleSiteSettingsRepository(tx, scope),
    stewardshipAudits: new DrizzleStewardshipAuditRepository(tx, scope),
    marketTags: new DrizzleMarketTagRepository(tx, scope),
    amendments: new DrizzleDescriptionAmendmentRepository(tx, scope),
    marketGroups: new DrizzleMarketGroupRepository(tx, scope),
    siteContent: new DrizzleSiteContentRepository(tx, scope),
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
          .for('no key update');
        return new Map(rows.map((row) => [row.username, row]));
      }),
  };
}

/** Thrown inside the transaction callback to roll back when the work returned Err. */
class Rollback extends Error {
  readonly result: Result<never, unknown>;

  constructor(result: Result<never, unknown>) {
    super('rollback');
    this.result = result;
  }
}

/** Most trades one group commit takes: enough for every client of a full pool, small enough to keep latency flat. */
export const MAX_TRADE_GROUP = 32;

export class DrizzleUnitOfWork implements UnitOfWork {
  readonly #transaction: TransactionRunner;
  readonly #scope: OperationScope;
  readonly #trades: TradeLanes;

  constructor(database: Pick<Database, 'transaction' | 'scope'>, onTradeGroup?: (size: number) => void) {
    this.#transaction = database.transaction;
    this.#scope = database.scope;
    this.#trades = new TradeLanes(database.transaction, database.scope, {
      maxGroup: MAX_TRADE_GROUP,
      ...(onTradeGroup === undefined ? {} : { onGroup: onTradeGroup }),
    });
  }

  trade<T, E>(marketId: number, username: string, work: TradeWork<T, E>): ResultAsync<T, E | InfrastructureError> {
    return this.#trades.trade(marketId, username, work);
  }

  run<T, E>(work: (tx: TransactionContext) => ResultAsync<T, E>, commit?: CommitHook<T>): ResultAsync<T, E | InfrastructureError> {
    const attempt = async (): Promise<Result<T, E | InfrastructureError>> => {
      try {
        return await this.#transaction(async (tx) => {
          const result = await work(transactionContext(tx, this.#scope.inTransaction));
          if (result.isErr()) throw new Rollback(err(result.error));
          if (commit !== undefined) await storeCommitRecords(tx.statements, commit(result.value));
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
