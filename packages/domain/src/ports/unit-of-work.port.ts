import type { ResultAsync } from 'neverthrow';
import type { BetRepository } from './bet.port.ts';
import type { InfrastructureError } from './infrastructure.error.ts';
import type { LedgerReader, LedgerRepository } from './ledger.port.ts';
import type { MarketRecord, MarketRepository } from './market.port.ts';
import type { UserRecord, UserRepository } from './user.port.ts';

/** Repositories outside a transaction: every call is its own statement; the ledger is read-only. */
export interface Repositories {
  readonly users: UserRepository;
  readonly markets: MarketRepository;
  readonly bets: BetRepository;
  readonly ledger: LedgerReader;
}

/**
 * The repositories bound to one transaction, plus row locks (production.md DB-6). Lock order is fixed: the market
 * row first, then user rows in ascending username order; a lock is held until the transaction ends.
 */
export interface TransactionContext {
  readonly users: UserRepository;
  readonly markets: MarketRepository;
  readonly bets: BetRepository;
  readonly ledger: LedgerRepository;
  /** `SELECT … FOR UPDATE` on the market row; `null` when it does not exist. */
  lockMarket(id: number): ResultAsync<MarketRecord | null, InfrastructureError>;
  /** Locks the existing users among `usernames` in ascending username order; missing users are absent. */
  lockUsers(usernames: readonly string[]): ResultAsync<ReadonlyMap<string, UserRecord>, InfrastructureError>;
}

/**
 * Runs `work` in one database transaction: committed when it returns Ok, rolled back when it returns Err (or
 * throws). A lock wait that times out yields LOCK_TIMEOUT and nothing is committed. Never retried (ERR-5).
 */
export interface UnitOfWork {
  run<T, E>(work: (tx: TransactionContext) => ResultAsync<T, E>): ResultAsync<T, E | InfrastructureError>;
}
