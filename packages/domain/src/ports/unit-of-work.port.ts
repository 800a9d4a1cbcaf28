import type { ResultAsync } from 'neverthrow';
import type { LedgerEntry } from '../ledger/ledger.ts';
import type { NewBetRow, StoredBetRow } from '../model/bet.model.ts';
import type { MarketRecord, MarketTotals } from '../model/market.model.ts';
import type { UserRecord } from '../model/user.model.ts';
import type { BetRepository } from './bet.port.ts';
import type { InfrastructureError } from './infrastructure.error.ts';
import type { LedgerReader, LedgerRepository } from './ledger.port.ts';
import type { MarketRepository } from './market.port.ts';
import type { UserRepository } from './user.port.ts';
import type { AuditLogRepository } from './audit-log.port.ts';
import type { DescriptionAmendmentRepository } from './description-amendment.port.ts';
import type { SiteSettingsRepository } from './site-settings.port.ts';
import type { StewardshipAuditRepository } from './stewardship-audit.port.ts';
import type { MarketTagRepository } from './market-tag.port.ts';
import type { SiteContentRepository } from './site-content.port.ts';
import type { CommitHook } from './write-records.port.ts';
import type { MarketGroupRepository } from './market-group.port.ts';

/** Repositories outside a transaction: every call is its own statement; the ledger is read-only. */
export interface Repositories {
  readonly users: UserRepository;
  readonly markets: MarketRepository;
  readonly bets: BetRepository;
  readonly ledger: LedgerReader;
  readonly audit: AuditLogRepository;
  readonly settings: SiteSettingsRepository;
  readonly stewardshipAudits: StewardshipAuditRepository;
  readonly marketTags: MarketTagRepository;
  readonly amendments: DescriptionAmendmentRepository;
  readonly marketGroups: MarketGroupRepository;
  readonly siteContent: SiteContentRepository;
}

/** The state a trade is decided on, read under its row locks. */
export interface LockedTrade {
  readonly market: MarketRecord;
  /** `null` when the user does not exist */
  readonly user: UserRecord | null;
  /** Whether the user has any row (sale rows included) in the market: the first-bet fee rule (docs/market-model.md#buying). */
  readonly hasPriorRow: boolean;
}

/** The writes of one trade, all decided by the use case. */
export interface TradeAppend {
  readonly row: NewBetRow;
  /** posted as one business operation of the row's market; the user rows they name must exist */
  readonly entries: readonly LedgerEntry[];
  /** the market's running totals once the row is appended */
  readonly totals: MarketTotals;
  /** `occurredAt` of the entries and `updatedAt` of the market */
  readonly at: number;
}

/**
 * The repositories bound to one transaction, plus row locks (DB-6 (docs/architecture.md#db-6)). Lock order is fixed: the market
 * row first, then user rows in ascending username order; a lock is held until the transaction ends.
 */
export interface TransactionContext {
  readonly users: UserRepository;
  readonly markets: MarketRepository;
  readonly bets: BetRepository;
  readonly ledger: LedgerRepository;
  readonly settings: SiteSettingsRepository;
  readonly stewardshipAudits: StewardshipAuditRepository;
  readonly marketTags: MarketTagRepository;
  readonly amendments: DescriptionAmendmentRepository;
  readonly marketGroups: MarketGroupRepository;
  readonly siteContent: SiteContentRepository;
  /** Locks the market row against every other writer and locker; `null` when it does not exist. */
  lockMarket(id: number): ResultAsync<MarketRecord | null, InfrastructureError>;
  /** Locks the existing users among `usernames` in ascending username order; missing users are absent. */
  lockUsers(usernames: readonly string[]): ResultAsync<ReadonlyMap<string, UserRecord>, InfrastructureError>;
}

/** What a trade's work may do once its rows are locked. */
export interface TradeContext {
  /**
   * The trade's writes: inserts the row, posts the entries (moving the cached user balances, as
   * `LedgerRepository.post`) and stores the totals on the market. Resolves once they are committed, with the row and
   * its id. At most once per trade, as the work's last step. `commit` computes, from the stored row, the records
   * committed with it (write-records.port.ts).
   */
  appendTrade(trade: TradeAppend, commit?: CommitHook<StoredBetRow>): ResultAsync<StoredBetRow, InfrastructureError>;
}

export type TradeWork<T, E> = (locked: LockedTrade | null, tx: TradeContext) => ResultAsync<T, E>;

/**
 * Runs `work` in one database transaction: committed when it returns Ok, rolled back when it returns Err (or
 * throws). A lock wait that times out yields LOCK_TIMEOUT and nothing is committed. Never retried (ERR-5). `commit`
 * is called with the work's value before COMMIT, and the records it returns are stored in the same transaction.
 */
export interface UnitOfWork {
  run<T, E>(work: (tx: TransactionContext) => ResultAsync<T, E>, commit?: CommitHook<T>): ResultAsync<T, E | InfrastructureError>;
  /**
   * A trade on one market: locks the market row, then the user row (DB-6), and hands `work` what it decides on —
   * `null` when the market does not exist; `user: null` when the user does not. A work that returns without
   * appending writes nothing. Every bet on a market waits for the market lock, so an adapter may commit the trades
   * queued on one market together (group commit): each work still sees every trade before it, and a failure of the
   * shared transaction fails every trade in it (nothing of any of them is committed). Never retried (ERR-5).
   */
  trade<T, E>(marketId: number, username: string, work: TradeWork<T, E>): ResultAsync<T, E | InfrastructureError>;
}
