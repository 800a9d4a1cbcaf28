import { err, errAsync, ok, type Result, type ResultAsync } from 'neverthrow';
import {
  infrastructureError,
  type CommitHook,
  type CommitRecords,
  type InfrastructureError,
  type LockedTrade,
  type MarketRecord,
  type Repositories,
  type StoredBetRow,
  type TradeContext,
  type TradeWork,
  type TransactionContext,
  type UnitOfWork,
  type UserRecord,
} from '@socialpredict/domain';
import { appendAudit, MemoryAuditLogRepository } from './audit-log.memory-repository.ts';
import { MemoryDescriptionAmendmentRepository } from './description-amendment.memory-repository.ts';
import { hasRow, insertBet, MemoryBetRepository } from './bet.memory-repository.ts';
import { MemoryLedgerRepository, postEntries } from './ledger.memory-repository.ts';
import { MemoryMarketRepository, updateMarket } from './market.memory-repository.ts';
import { completeClaim } from './idempotency.memory-repository.ts';
import type { MemoryDatabase, MemoryTables, TableScope } from './memory-database.ts';
import { readOperation, writeOperation, type MemoryContext } from './memory-operation.ts';
import { MemorySiteSettingsRepository } from './site-settings.memory-repository.ts';
import { MemoryStewardshipAuditRepository } from './stewardship-audit.memory-repository.ts';
import { MemoryMarketTagRepository } from './market-tag.memory-repository.ts';
import { MemorySiteContentRepository } from './site-content.memory-repository.ts';
import { MemoryUserRepository } from './user.memory-repository.ts';
import { MemoryMarketGroupRepository } from './market-group.memory-repository.ts';

/** The repositories over one scope: the committed state (autocommit) or a transaction's draft. */
export function memoryRepositories(database: MemoryDatabase, scope: TableScope = database.autocommit) {
  const context: MemoryContext = { database, scope };
  return {
    users: new MemoryUserRepository(context),
    markets: new MemoryMarketRepository(context),
    bets: new MemoryBetRepository(context),
    ledger: new MemoryLedgerRepository(context),
    audit: new MemoryAuditLogRepository(context),
    settings: new MemorySiteSettingsRepository(context),
    stewardshipAudits: new MemoryStewardshipAuditRepository(context),
    marketTags: new MemoryMarketTagRepository(context),
    amendments: new MemoryDescriptionAmendmentRepository(context),
    marketGroups: new MemoryMarketGroupRepository(context),
    siteContent: new MemorySiteContentRepository(context),
  } satisfies Repositories;
}

/** The commit records of a write, stored in its draft as the Drizzle adapter stores them before COMMIT. */
function storeCommitRecords(tables: MemoryTables, records: CommitRecords): Result<void, InfrastructureError> {
  const audited = records.audit === undefined ? ok(undefined) : appendAudit(tables, records.audit);
  return audited.andThen(() => (records.idempotency === undefined ? ok(undefined) : completeClaim(tables, records.idempotency)));
}

/**
 * Transactions are serialised by the database's mutex, so holding it is holding every row lock; `lockMarket`,
 * `lockUsers` and a trade's `lockTrade` only read through the draft (and honour injected faults, e.g. a LOCK_TIMEOUT).
 */
export class MemoryUnitOfWork implements UnitOfWork {
  readonly #database: MemoryDatabase;

  constructor(database: MemoryDatabase) {
    this.#database = database;
  }

  run<T, E>(work: (tx: TransactionContext) => ResultAsync<T, E>, commit?: CommitHook<T>): ResultAsync<T, E | InfrastructureError> {
    const database = this.#database;
    return database.transaction((draft) => {
      const scope = database.draftScope(draft);
      const context: MemoryContext = { database, scope };
      const tx: TransactionContext = {
        ...memoryRepositories(database, scope),
        lockMarket: (id): ResultAsync<MarketRecord | null, InfrastructureError> =>
          readOperation(context, 'lockMarket', (tables) => tables.markets.get(id) ?? null),
        lockUsers: (usernames): ResultAsync<ReadonlyMap<string, UserRecord>, InfrastructureError> =>
          readOperation(context, 'lockUsers', (tables) => {
            const locked = new Map<string, UserRecord>();
            for (const username of [...new Set(usernames)].sort()) {
              const user = tables.users.get(username);
              if (user !== undefined) locked.set(username, user);
            }
            return locked;
          }),
      };
      return work(tx).andThen((value) =>
        commit === undefined
          ? ok(value)
          : writeOperation(context, 'commitRecords', (tables) => storeCommitRecords(tables, commit(value))).map(() => value),
      );
    });
  }

  trade<T, E>(marketId: number, username: string, work: TradeWork<T, E>): ResultAsync<T, E | InfrastructureError> {
    const database = this.#database;
    let appended = false;
    return database.transaction(
      (draft) => {
        const context: MemoryContext = { database, scope: database.draftScope(draft) };
        const tx: TradeContext = {
          // Checked before anything changes, as the single statement of the Drizzle adapter fails as a whole.
          appendTrade: ({ row, entries, totals, at }, commit?: CommitHook<StoredBetRow>): ResultAsync<StoredBetRow, InfrastructureError> => {
            if (appended) return errAsync(infrastructureError('UNEXPECTED', 'a trade appends once'));
            return writeOperation(context, 'appendTrade', (tables) => {
              if (!tables.markets.has(row.marketId)) {
                return err(infrastructureError('UNEXPECTED', `market ${row.marketId} does not exist`));
              }
              return postEntries(tables, entries, { occurredAt: at, marketId: row.marketId }).map(() => {
                updateMarket(tables, row.marketId, { totals, updatedAt: at });
                return insertBet(tables, row);
              }).andThen((stored) => (commit === undefined ? ok(stored) : storeCommitRecords(tables, commit(stored)).map(() => stored)));
            }).andTee(() => {
              appended = true;
            });
          },
        };
        return readOperation(context, 'lockTrade', (tables): LockedTrade | null => {
          const market = tables.markets.get(marketId);
          if (market === undefined) return null;
          return { market, user: tables.users.get(username) ?? null, hasPriorRow: hasRow(tables, marketId, username) };
        }).andThen((locked) => work(locked, tx));
      },
      // An append is committed once made, whatever the work returns after it, as in the Drizzle adapter.
      () => appended,
    );
  }
}
