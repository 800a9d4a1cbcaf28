import type { ResultAsync } from 'neverthrow';
import type { AccountKey, EntryKind, LedgerEntry } from '../ledger/ledger.ts';
import type { InfrastructureError } from './infrastructure.error.ts';

export interface UserBalance {
  readonly username: string;
  readonly balance: number;
}

/** Context stored with the entries of one business operation. */
export interface PostingMeta {
  readonly occurredAt: number;
  readonly marketId: number | null;
}

/** Reads of the double-entry ledger (docs/market-model.md#system-metrics, docs/market-model.md#ledger). */
export interface LedgerReader {
  /** 0 for an account without entries. */
  balanceOf(account: AccountKey): ResultAsync<number, InfrastructureError>;
  /** Every user's cached balance, users without entries included, in ascending username order. */
  userBalances(): ResultAsync<readonly UserBalance[], InfrastructureError>;
  /** Balance per market pool that has entries. */
  poolBalances(): ResultAsync<ReadonlyMap<number, number>, InfrastructureError>;
  /** Σ amount of the entries of each kind; kinds without entries are 0. */
  sumsByKind(): ResultAsync<Readonly<Record<EntryKind, number>>, InfrastructureError>;
}

/** Only handed out inside a unit of work: money moves in the transaction of its business operation (DB-7). */
export interface LedgerRepository extends LedgerReader {
  /**
   * Appends the entries (each a positive safe integer, from `transfer`) and applies them to the cached
   * `accountBalance` of every user account involved. The user rows must exist.
   */
  post(entries: readonly LedgerEntry[], meta: PostingMeta): ResultAsync<void, InfrastructureError>;
}
