import type { ResultAsync } from 'neverthrow';
import type {
  InfrastructureError,
  MarketRecord,
  Repositories,
  TransactionContext,
  UnitOfWork,
  UserRecord,
} from '@socialpredict/domain';
import { MemoryBetRepository } from './bet.memory-repository.ts';
import { MemoryLedgerRepository } from './ledger.memory-repository.ts';
import { MemoryMarketRepository } from './market.memory-repository.ts';
import type { MemoryDatabase, TableScope } from './memory-database.ts';
import { readOperation, type MemoryContext } from './memory-operation.ts';
import { MemoryUserRepository } from './user.memory-repository.ts';

/** The repositories over one scope: the committed state (autocommit) or a transaction's draft. */
export function memoryRepositories(database: MemoryDatabase, scope: TableScope = database.autocommit) {
  const context: MemoryContext = { database, scope };
  return {
    users: new MemoryUserRepository(context),
    markets: new MemoryMarketRepository(context),
    bets: new MemoryBetRepository(context),
    ledger: new MemoryLedgerRepository(context),
  } satisfies Repositories;
}

/**
 * Transactions are serialised by the database's mutex, so holding it is holding every row lock; `lockMarket` and
 * `lockUsers` only read through the draft (and honour injected faults, e.g. a LOCK_TIMEOUT).
 */
export class MemoryUnitOfWork implements UnitOfWork {
  readonly #database: MemoryDatabase;

  constructor(database: MemoryDatabase) {
    this.#database = database;
  }

  run<T, E>(work: (tx: TransactionContext) => ResultAsync<T, E>): ResultAsync<T, E | InfrastructureError> {
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
      return work(tx);
    });
  }
}
