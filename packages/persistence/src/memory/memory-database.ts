// The state behind the in-memory adapters. Transactions are serialised by one mutex and run on a private copy of the
// tables that replaces the committed state only when the work succeeds: all-or-nothing, and readers outside the
// transaction never see uncommitted changes (READ COMMITTED, DB-6 (docs/architecture.md#db-6)).
import { err, ResultAsync, type Result } from 'neverthrow';
import {
  infrastructureError,
  type AccountKey,
  type DescriptionAmendment,
  type AnswerAddition,
  type GroupAnswer,
  type MarketGroup,
  type EntryKind,
  type GlobalReadModelKind,
  type InfrastructureError,
  type MarketRecord,
  type MarketTag,
  type DiscoveryPage,
  type HomeContent,
  type ShareImage,
  type ShareSettings,
  type Notification,
  type ReadModelSnapshot,
  type SiteSettingsKey,
  type StoredSettings,
  type StewardshipAudit,
  type StoredAuditEntry,
  type StoredBetRow,
  type StoredResponse,
  type UserRecord,
} from '@socialpredict/domain';
import { AsyncMutex } from './async-mutex.ts';

export interface StoredLedgerEntry {
  readonly id: number;
  readonly kind: EntryKind;
  readonly from: AccountKey;
  readonly to: AccountKey;
  readonly amount: number;
  readonly occurredAt: number;
  readonly marketId: number | null;
}

/** A row of `idempotency_keys`: `response` null while the claim runs. */
export interface IdempotencyRecord {
  readonly fingerprint: string;
  readonly owner: string;
  readonly leaseUntil: number;
  readonly response: StoredResponse | null;
  readonly expiresAt: number;
}

export interface MemoryTables {
  readonly users: Map<string, UserRecord>;
  readonly markets: Map<number, MarketRecord>;
  /** each market's rows in canonical order; arrays are replaced, never mutated */
  readonly betsByMarket: Map<number, readonly StoredBetRow[]>;
  readonly entries: StoredLedgerEntry[];
  readonly balances: Map<AccountKey, number>;
  readonly snapshots: Map<GlobalReadModelKind, ReadModelSnapshot>;
  /** keyed by the table's unique (kind, recipient, market) */
  readonly notifications: Map<string, Notification>;
  /** append-only, in id order */
  readonly audit: StoredAuditEntry[];
  /** keyed by JSON [username, key] */
  readonly idempotency: Map<string, IdempotencyRecord>;
  readonly settings: Map<SiteSettingsKey, StoredSettings<SiteSettingsKey>>;
  /** append-only, in id order */
  readonly stewardshipAudits: StewardshipAudit[];
  readonly amendments: Map<number, DescriptionAmendment>;
  /** keyed by slug */
  readonly tags: Map<string, MarketTag>;
  /** market id → the ids of the tags it carries; arrays are replaced, never mutated */
  readonly marketTagIds: Map<number, readonly number[]>;
  readonly marketGroups: Map<number, MarketGroup>;
  readonly groupAnswers: Map<number, GroupAnswer>;
  readonly answerAdditions: Map<number, AnswerAddition>;
  readonly sequences: {
    user: number;
    market: number;
    bet: number;
    entry: number;
    audit: number;
    stewardshipAudit: number;
    tag: number;
    amendment: number;
    marketGroup: number;
    groupAnswer: number;
    answerAddition: number;
    pin: number;
  };
  /** one-document tables keyed by a constant */
  readonly homeContent: Map<'home', HomeContent>;
  readonly shareSettings: Map<'share', ShareSettings>;
  readonly shareImage: Map<'image', ShareImage>;
  /** keyed by slug, pins included */
  readonly discoveryPages: Map<string, DiscoveryPage>;
}

/** Where a repository reads and writes: the committed state, or one transaction's draft. */
export interface TableScope {
  read(): MemoryTables;
  write<T>(change: (tables: MemoryTables) => Result<T, InfrastructureError>): ResultAsync<T, InfrastructureError>;
}

export interface MemoryDatabaseOptions {
  /** how long a transaction waits for another to finish before LOCK_TIMEOUT (DB_LOCK_TIMEOUT_MS) */
  readonly lockTimeoutMs?: number;
}

const DEFAULT_LOCK_TIMEOUT_MS = 1_000;

export class MemoryDatabase {
  readonly lockTimeoutMs: number;
  #committed: MemoryTables = emptyTables();
  readonly #mutex = new AsyncMutex();
  readonly #faults = new Map<string, InfrastructureError[]>();

  constructor(options: MemoryDatabaseOptions = {}) {
    this.lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  }

  /** Runs `work` on a copy of the tables; the copy is committed only if the work returns Ok. */
  /** `ended`: the work has already committed (a trade append), so its draft is kept whatever it returns. */
  transaction<T, E>(
    work: (draft: MemoryTables) => PromiseLike<Result<T, E>>,
    ended: () => boolean = () => false,
  ): ResultAsync<T, E | InfrastructureError> {
    const run = async (): Promise<Result<T, E | InfrastructureError>> => {
      const release = await this.#mutex.acquire(this.lockTimeoutMs);
      if (release === null) return err(infrastructureError('LOCK_TIMEOUT', 'lock wait timed out'));
      try {
        const draft = copyTables(this.#committed);
        const result = await work(draft);
        if (result.isOk() || ended()) this.#committed = draft;
        return result;
      } finally {
        release();
      }
    };
    return new ResultAsync(run());
  }

  /** Non-transactional access: reads see committed data; each write is its own transaction. */
  readonly autocommit: TableScope = {
    read: () => this.#committed,
    write: (change) => this.transaction(async (draft) => change(draft)),
  };

  /** A scope bound to one transaction's draft. */
  draftScope(draft: MemoryTables): TableScope {
    return {
      read: () => draft,
      write: (change) => new ResultAsync(Promise.resolve(change(draft))),
    };
  }

  /**
   * Makes the next call of `operation` (e.g. `bets.insert`, `ledger.post`, `users.findByUsername`) fail with
   * `error`; queued faults fire in order. Lets tests prove that a failed step leaves nothing behind (ERR-5).
   */
  injectFault(
    operation: string,
    error: InfrastructureError = infrastructureError('UNAVAILABLE', `${operation} failed`),
  ): void {
    this.#faults.set(operation, [...(this.#faults.get(operation) ?? []), error]);
  }

  /** The pending fault for `operation`, consumed. */
  takeFault(operation: string): InfrastructureError | undefined {
    const queue = this.#faults.get(operation);
    const fault = queue?.shift();
    if (queue?.length === 0) this.#faults.delete(operation);
    return fault;
  }

  /** Committed ledger entries in posting order, for assertions. */
  ledgerEntries(): readonly StoredLedgerEntry[] {
    return [...this.#committed.entries];
  }

  /** Committed balance of every account that has entries, for assertions. */
  accountBalances(): ReadonlyMap<AccountKey, number> {
    return new Map(this.#committed.balances);
  }
}

function emptyTables(): MemoryTables {
  return {
    users: new Map(),
    markets: new Map(),
    betsByMarket: new Map(),
    entries: [],
    balances: new Map(),
    snapshots: new Map(),
    notifications: new Map(),
    audit: [],
    idempotency: new Map(),
    settings: new Map(),
    stewardshipAudits: [],
    tags: new Map(),
    amendments: new Map(),
    marketTagIds: new Map(),
    marketGroups: new Map(),
    groupAnswers: new Map(),
    answerAdditions: new Map(),
    sequences: {
      user: 0,
      market: 0,
      bet: 0,
      entry: 0,
      audit: 0,
      stewardshipAudit: 0,
      tag: 0,
      amendment: 0,
      marketGroup: 0,
      groupAnswer: 0,
      answerAddition: 0,
      pin: 0,
    },
    homeContent: new Map(),
    shareSettings: new Map(),
    shareImage: new Map(),
    discoveryPages: new Map(),
  };
}

/** Containers are copied; records are immutable and shared. */
function copyTables(tables: MemoryTables): MemoryTables {
  return {
    users: new Map(tables.users),
    markets: new Map(tables.markets),
    betsByMarket: new Map(tables.betsByMarket),
    entries: [...tables.entries],
    balances: new Map(tables.balances),
    snapshots: new Map(tables.snapshots),
    notifications: new Map(tables.notifications),
    audit: [...tables.audit],
    idempotency: new Map(tables.idempotency),
    settings: new Map(tables.settings),
    stewardshipAudits: [...tables.stewardshipAudits],
    tags: new Map(tables.tags),
    marketTagIds: new Map(tables.marketTagIds),
    amendments: new Map(tables.amendments),
    marketGroups: new Map(tables.marketGroups),
    groupAnswers: new Map(tables.groupAnswers),
    answerAdditions: new Map(tables.answerAdditions),
    homeContent: new Map(tables.homeContent),
    shareSettings: new Map(tables.shareSettings),
    shareImage: new Map(tables.shareImage),
    discoveryPages: new Map(tables.discoveryPages),
    sequences: { ...tables.sequences },
  };
}
