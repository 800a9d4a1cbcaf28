// The Drizzle schema: the one source of the SQL migrations in /drizzle (drizzle-kit generate) and of the adapters'
// typed queries. Kept free of relative imports so drizzle-kit can load it on its own.
// Money and share counts are `bigint` columns surfaced as numbers that must be safe integers (docs/market-model.md#integers):
// a value outside ±(2^53 − 1) is refused in both directions instead of being rounded silently.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

/** Thrown when the database holds (or is asked to store) an integer JavaScript cannot represent exactly. */
export class UnsafeIntegerError extends Error {
  constructor(value: unknown) {
    super(`integer ${String(value)} is outside the safe range of ±(2^53 − 1)`);
    this.name = 'UnsafeIntegerError';
  }
}

/** Up to 15 digits: always below 2^53, so Number() reads it exactly. */
const SHORT_INTEGER = /^-?\d{1,15}$/;

/** Converts an int8/numeric value as a driver returns it (string, number or bigint) into a safe integer. */
export function toSafeInteger(value: string | number | bigint): number {
  // The common case without the two BigInts of the exactness check below (docs/performance.md#row-decoding).
  if (typeof value === 'string' && SHORT_INTEGER.test(value)) return Number(value);
  const result = typeof value === 'number' ? value : Number(value);
  // Number('1.5') is not an integer and Number('9007199254740993') is not safe: both are refused.
  if (!Number.isSafeInteger(result) || (typeof value === 'string' && BigInt(value) !== BigInt(result))) {
    throw new UnsafeIntegerError(value);
  }
  return result;
}

/** `bigint` column mapped to a checked safe integer. */
export const safeBigint = customType<{ data: number; driverData: string | number | bigint }>({
  dataType: () => 'bigint',
  toDriver: (value) => {
    if (!Number.isSafeInteger(value)) throw new UnsafeIntegerError(value);
    return value;
  },
  fromDriver: toSafeInteger,
});

/**
 * `timestamp(3) with time zone` surfaced as epoch milliseconds, the unit of every domain record. postgres.js hands
 * Drizzle the text form (e.g. `2026-01-01 00:00:00.123+00`), PGlite a Date.
 */
export const epochMillis = customType<{ data: number; driverData: string | Date }>({
  dataType: () => 'timestamp (3) with time zone',
  toDriver: (value) => {
    if (!Number.isSafeInteger(value)) throw new UnsafeIntegerError(value);
    return new Date(value).toISOString();
  },
  fromDriver: (value) => {
    const millis = value instanceof Date ? value.getTime() : new Date(value).getTime();
    if (!Number.isSafeInteger(millis)) throw new UnsafeIntegerError(value);
    return millis;
  },
});

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();

export const USER_TYPES = ['ADMIN', 'MODERATOR', 'REGULAR'] as const;
export const MODERATOR_STATUSES = ['none', 'active', 'suspended'] as const;
export const LIFECYCLE_STATUSES = ['proposed', 'published', 'rejected', 'closed', 'resolved', 'cancelled'] as const;
export const RESOLUTION_RESULTS = ['YES', 'NO', 'N/A'] as const;
export const OUTCOMES = ['YES', 'NO'] as const;
export const ACCOUNT_TYPES = ['user', 'pool', 'house', 'mint'] as const;
export const NOTIFICATION_KINDS = ['resolution_due', 'market_resolved'] as const;
/** docs/market-model.md#ledger; mirrors ENTRY_KINDS of the domain's ledger model (a test keeps the two equal). */
export const LEDGER_ENTRY_KINDS = [
  'INITIAL_BALANCE',
  'ADMIN_GRANT',
  'MARKET_CREATION',
  'PROPOSAL_REFUND',
  'ADD_ANSWER_FEE',
  'BUY',
  'INITIAL_BET_FEE',
  'BUY_FEE',
  'SALE',
  'SALE_DUST',
  'SELL_FEE',
  'WIN',
  'REFUND',
  'POOL_REMAINDER',
  'WORK_PROFIT',
] as const;

export const users = pgTable(
  'users',
  {
    id: id(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('user_type', { enum: USER_TYPES }).notNull(),
    moderatorStatus: text('moderator_status', { enum: MODERATOR_STATUSES }).notNull(),
    personalEmoji: text('personal_emoji').notNull(),
    description: text('description').notNull(),
    personalLink1: text('personal_link_1').notNull(),
    personalLink2: text('personal_link_2').notNull(),
    personalLink3: text('personal_link_3').notNull(),
    personalLink4: text('personal_link_4').notNull(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** JWT `pwv`: incremented by every password change so older tokens stop working. */
    passwordVersion: integer('password_version').notNull(),
    mustChangePassword: boolean('must_change_password').notNull(),
    /** Cached balance of the ledger account `user:<username>`, updated in the transaction of every posting (DB-7). */
    accountBalance: safeBigint('account_balance').notNull().default(0),
    /** Set while the moderator is suspended, cleared when reinstated (docs/api.md#user-governance). */
    moderatorSuspensionReason: text('moderator_suspension_reason'),
    moderatorSuspendedBy: text('moderator_suspended_by'),
    moderatorSuspendedAt: epochMillis('moderator_suspended_at'),
    createdAt: epochMillis('created_at').notNull(),
    updatedAt: epochMillis('updated_at').notNull(),
  },
  (t) => [
    unique('users_username_unique').on(t.username),
    unique('users_display_name_unique').on(t.displayName),
    check('users_user_type_check', sql`${t.role} IN ('ADMIN', 'MODERATOR', 'REGULAR')`),
    check('users_moderator_status_check', sql`${t.moderatorStatus} IN ('none', 'active', 'suspended')`),
  ],
);

export const markets = pgTable(
  'markets',
  {
    id: id(),
    questionTitle: text('question_title').notNull(),
    description: text('description').notNull(),
    outcomeType: text('outcome_type', { enum: ['BINARY'] }).notNull(),
    yesLabel: text('yes_label').notNull(),
    noLabel: text('no_label').notNull(),
    creatorUsername: text('creator_username')
      .notNull()
      .references(() => users.username),
    stewardUsername: text('steward_username')
      .notNull()
      .references(() => users.username),
    lifecycleStatus: text('lifecycle_status', { enum: LIFECYCLE_STATUSES }).notNull(),
    resolutionDateTime: epochMillis('resolution_date_time').notNull(),
    finalResolutionDateTime: epochMillis('final_resolution_date_time'),
    resolutionResult: text('resolution_result', { enum: RESOLUTION_RESULTS }),
    utcOffset: integer('utc_offset').notNull(),
    // The WPAM seeds in force at creation (docs/market-model.md#economics, policy 1).
    initialProbability: doublePrecision('initial_probability').notNull(),
    initialSubsidization: safeBigint('initial_subsidization').notNull(),
    initialYes: safeBigint('initial_yes').notNull(),
    initialNo: safeBigint('initial_no').notNull(),
    /** createMarketCost charged at creation (reported as proposalCost, refunded if a proposal is rejected). */
    creationCost: safeBigint('creation_cost').notNull(),
    // Running totals over the market's rows, updated with every appended row (PERF-3): the append guard and V never
    // aggregate the history. yes/no are Σ amount per outcome (seeds excluded); volume = V = Σ amount.
    yesTotal: safeBigint('yes_total').notNull().default(0),
    noTotal: safeBigint('no_total').notNull().default(0),
    volume: safeBigint('volume').notNull().default(0),
    dustTotal: safeBigint('dust_total').notNull().default(0),
    rowCount: safeBigint('row_count').notNull().default(0),
    /** distinct users with a row in the market: the market lists' trader count without a scan of the history */
    traderCount: safeBigint('trader_count').notNull().default(0),
    /** placedAt of the newest row; a new row gets max(now, this) so rows never sort before older ones (DB-6). */
    lastPlacedAt: epochMillis('last_placed_at'),
    approvedBy: text('approved_by'),
    approvedAt: epochMillis('approved_at'),
    rejectedBy: text('rejected_by'),
    rejectedAt: epochMillis('rejected_at'),
    rejectionReason: text('rejection_reason'),
    createdAt: epochMillis('created_at').notNull(),
    updatedAt: epochMillis('updated_at').notNull(),
  },
  (t) => [
    index('markets_lifecycle_status_created_at_idx').on(t.lifecycleStatus, t.createdAt),
    index('markets_creator_username_idx').on(t.creatorUsername),
    index('markets_steward_username_idx').on(t.stewardUsername),
    check(
      'markets_lifecycle_status_check',
      sql`${t.lifecycleStatus} IN ('proposed', 'published', 'rejected', 'closed', 'resolved', 'cancelled')`,
    ),
    check(
      'markets_resolution_check',
      sql`(${t.lifecycleStatus} = 'resolved') = (${t.resolutionResult} IS NOT NULL)
        AND (${t.resolutionResult} IS NULL OR ${t.resolutionResult} IN ('YES', 'NO', 'N/A'))
        AND (${t.resolutionResult} IS NULL) = (${t.finalResolutionDateTime} IS NULL)`,
    ),
    check(
      'markets_seeds_check',
      sql`${t.initialProbability} >= 0 AND ${t.initialProbability} <= 1 AND ${t.initialSubsidization} >= 1
        AND ${t.initialYes} >= 0 AND ${t.initialNo} >= 0`,
    ),
    check('markets_outcome_type_check', sql`${t.outcomeType} = 'BINARY'`),
    check(
      'markets_totals_check',
      sql`${t.volume} = ${t.yesTotal} + ${t.noTotal} AND ${t.volume} >= 0 AND ${t.dustTotal} >= 0
        AND ${t.rowCount} >= 0 AND ${t.creationCost} >= 0 AND ${t.traderCount} >= 0 AND ${t.traderCount} <= ${t.rowCount}`,
    ),
  ],
);

export const bets = pgTable(
  'bets',
  {
    id: id(),
    marketId: bigint('market_id', { mode: 'number' })
      .notNull()
      .references(() => markets.id),
    username: text('username')
      .notNull()
      .references(() => users.username),
    outcome: text('outcome', { enum: OUTCOMES }).notNull(),
    /** Signed credits (docs/market-model.md#bet-rows): > 0 a buy, fees excluded; < 0 a sale, −saleValue. */
    amount: safeBigint('amount').notNull(),
    /** Sale rows: shares sold. Buy rows: null. */
    shares: safeBigint('shares'),
    /** Sale rows: credits withheld as dust. Buy rows: null. */
    dust: safeBigint('dust'),
    placedAt: epochMillis('placed_at').notNull(),
  },
  (t) => [
    index('bets_market_id_username_idx').on(t.marketId, t.username),
    index('bets_market_id_placed_at_id_idx').on(t.marketId, t.placedAt, t.id),
    index('bets_username_placed_at_idx').on(t.username, t.placedAt),
    check('bets_outcome_check', sql`${t.outcome} IN ('YES', 'NO')`),
    check(
      'bets_shape_check',
      sql`(${t.amount} > 0 AND ${t.shares} IS NULL AND ${t.dust} IS NULL)
        OR (${t.amount} < 0 AND ${t.shares} >= 1 AND (${t.dust} IS NULL OR (${t.dust} >= 0 AND ${t.dust} <= -${t.amount})))`,
    ),
  ],
);

/** One row per ledger account: `user:<username>`, `pool:<marketId>`, `house`, `mint` (docs/market-model.md#ledger). */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    account: text('account').primaryKey(),
    type: text('type', { enum: ACCOUNT_TYPES }).notNull(),
    username: text('username').references(() => users.username),
    marketId: bigint('market_id', { mode: 'number' }).references(() => markets.id),
    createdAt: epochMillis('created_at').notNull().default(sql`now()`),
  },
  (t) => [
    check('ledger_accounts_type_check', sql`${t.type} IN ('user', 'pool', 'house', 'mint')`),
    check(
      'ledger_accounts_key_check',
      sql`CASE ${t.type}
        WHEN 'user' THEN ${t.account} = 'user:' || ${t.username} AND ${t.marketId} IS NULL
        WHEN 'pool' THEN ${t.account} = 'pool:' || ${t.marketId} AND ${t.username} IS NULL
        ELSE ${t.account} = ${t.type} AND ${t.username} IS NULL AND ${t.marketId} IS NULL END`,
    ),
  ],
);

/**
 * Append-only double-entry postings: each row moves a positive amount from one account to another, so no row can
 * change the sum of all balances. All entries of one money movement share `transaction_id`.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: id(),
    transactionId: uuid('transaction_id').notNull(),
    kind: text('kind', { enum: LEDGER_ENTRY_KINDS }).notNull(),
    fromAccount: text('from_account').notNull(),
    toAccount: text('to_account').notNull(),
    amount: safeBigint('amount').notNull(),
    /** The market the business operation concerns (fees included), null for user-level postings. */
    marketId: bigint('market_id', { mode: 'number' }).references(() => markets.id),
    /** When the business operation happened (the use case's clock). */
    occurredAt: epochMillis('occurred_at').notNull(),
  },
  (t) => [
    foreignKey({ name: 'ledger_entries_from_account_fk', columns: [t.fromAccount], foreignColumns: [ledgerAccounts.account] }),
    foreignKey({ name: 'ledger_entries_to_account_fk', columns: [t.toAccount], foreignColumns: [ledgerAccounts.account] }),
    // DB-8's ledger_entries(account, id): an entry names two accounts, so each side has its own index.
    index('ledger_entries_from_account_id_idx').on(t.fromAccount, t.id),
    index('ledger_entries_to_account_id_idx').on(t.toAccount, t.id),
    check(
      'ledger_entries_kind_check',
      sql`${t.kind} IN ('INITIAL_BALANCE', 'ADMIN_GRANT', 'MARKET_CREATION', 'PROPOSAL_REFUND', 'ADD_ANSWER_FEE',
        'BUY', 'INITIAL_BET_FEE', 'BUY_FEE', 'SALE', 'SALE_DUST', 'SELL_FEE', 'WIN', 'REFUND', 'POOL_REMAINDER',
        'WORK_PROFIT')`,
    ),
    check('ledger_entries_amount_check', sql`${t.amount} > 0 AND ${t.fromAccount} <> ${t.toAccount}`),
  ],
);

/**
 * Display read models (PERF-2 (docs/performance.md#perf-2), docs/api.md#read-model-freshness): one payload per kind and key (a market id for
 * market-scoped models, '' for global ones) with its freshness. Never read by money paths.
 */
export const readModelSnapshots = pgTable(
  'read_model_snapshots',
  {
    kind: text('kind').notNull(),
    key: text('key').notNull().default(''),
    payload: jsonb('payload'),
    generatedAt: epochMillis('generated_at'),
    /** Set by a write that makes the payload outdated; cleared by the rebuild that started after it. */
    staleSince: epochMillis('stale_since'),
  },
  (t) => [primaryKey({ name: 'read_model_snapshots_pkey', columns: [t.kind, t.key] })],
);

/** Notification records (JOB-3 (docs/operations.md#job-3)): delivery channels are future work, the records are the contract. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    recipientUsername: text('recipient_username')
      .notNull()
      .references(() => users.username),
    marketId: bigint('market_id', { mode: 'number' })
      .notNull()
      .references(() => markets.id),
    createdAt: epochMillis('created_at').notNull().default(sql`now()`),
    readAt: epochMillis('read_at'),
  },
  (t) => [
    unique('notifications_kind_recipient_market_unique').on(t.kind, t.recipientUsername, t.marketId),
    index('notifications_market_id_idx').on(t.marketId),
    check('notifications_kind_check', sql`${t.kind} IN ('resolution_due', 'market_resolved')`),
  ],
);

/**
 * The append-only audit log (docs/api.md#audit-log): one row per write that reached a use case. No adapter updates
 * or deletes it, and a trigger of migration 0004 refuses UPDATE, DELETE and TRUNCATE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    at: epochMillis('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    requestId: text('request_id'),
    outcome: text('outcome').notNull(),
    inputs: jsonb('inputs').notNull(),
  },
  (t) => [
    index('audit_log_actor_id_idx').on(t.actor, t.id),
    index('audit_log_action_id_idx').on(t.action, t.id),
    index('audit_log_target_id_idx').on(t.target, t.id),
  ],
);

/**
 * `Idempotency-Key` records (docs/api.md#idempotency), per user and key: a running claim (owner, lease) until the
 * answer is stored with the write, then the answer until `expires_at`.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    username: text('username').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    owner: text('owner').notNull(),
    leaseUntil: epochMillis('lease_until').notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    createdAt: epochMillis('created_at').notNull(),
    expiresAt: epochMillis('expires_at').notNull(),
  },
  (t) => [
    primaryKey({ name: 'idempotency_keys_pkey', columns: [t.username, t.key] }),
    index('idempotency_keys_expires_at_idx').on(t.expiresAt),
    check('idempotency_keys_response_check', sql`(${t.responseStatus} IS NULL) = (${t.responseBody} IS NULL)`),
  ],
);

/**
 * Settings edited at run time (docs/api.md#site-settings): one JSON value per key with its optimistic-concurrency
 * version. A missing row reads as the domain's defaults at version 1.
 */
export const siteSettings = pgTable('site_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  version: integer('version').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: epochMillis('updated_at'),
});

/**
 * Steward reassignments by administrators (docs/api.md#proposal-review), oldest first by id. `actor_username` is not a
 * foreign key: the operator CLI acts without a user row.
 */
export const marketStewardshipAudits = pgTable(
  'market_stewardship_audits',
  {
    id: id(),
    marketId: bigint('market_id', { mode: 'number' })
      .notNull()
      .references(() => markets.id),
    fromStewardUsername: text('from_steward_username')
      .notNull()
      .references(() => users.username),
    toStewardUsername: text('to_steward_username')
      .notNull()
      .references(() => users.username),
    actorUsername: text('actor_username').notNull(),
    reason: text('reason').notNull(),
    createdAt: epochMillis('created_at').notNull(),
  },
  (t) => [index('market_stewardship_audits_market_id_id_idx').on(t.marketId, t.id)],
);

/** The tag vocabulary (docs/api.md#market-tags); a deactivated tag stays, and so do its links. */
export const marketTags = pgTable(
  'market_tags',
  {
    id: id(),
    slug: text('slug').notNull(),
    displayName: text('display_name').notNull(),
    description: text('description').notNull(),
    colorKey: text('color_key').notNull(),
    sortOrder: integer('sort_order').notNull(),
    isActive: boolean('is_active').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: epochMillis('created_at').notNull(),
    updatedAt: epochMillis('updated_at').notNull(),
  },
  (t) => [unique('market_tags_slug_unique').on(t.slug)],
);

/** Which market carries which tag; the tag index serves the `tagSlug` filter of market lists. */
export const marketTagLinks = pgTable(
  'market_tag_links',
  {
    marketId: bigint('market_id', { mode: 'number' })
      .notNull()
      .references(() => markets.id),
    tagId: bigint('tag_id', { mode: 'number' })
      .notNull()
      .references(() => marketTags.id),
  },
  (t) => [
    primaryKey({ name: 'market_tag_links_pkey', columns: [t.marketId, t.tagId] }),
    index('market_tag_links_tag_id_idx').on(t.tagId, t.marketId),
  ],
);

/**
 * Description amendments (docs/api.md#amendments): append-only text under a market's description. `version` counts
 * per market from 2 (the description is 1); the proposer locks the market row, so versions never collide.
 */
export const descriptionAmendments = pgTable(
  'description_amendments',
  {
    id: id(),
    marketId: bigint('market_id', { mode: 'number' })
      .notNull()
      .references(() => markets.id),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    bodyFormat: text('body_format', { enum: ['markdown_lite'] }).notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.username),
    createdAt: epochMillis('created_at').notNull(),
    updatedAt: epochMillis('updated_at').notNull(),
    approvedBy: text('approved_by'),
    approvedAt: epochMillis('approved_at'),
    rejectedBy: text('rejected_by'),
    rejectedAt: epochMillis('rejected_at'),
    rejectionReason: text('rejection_reason'),
    submitReason: text('submit_reason'),
  },
  (t) => [
    unique('description_amendments_market_version_key').on(t.marketId, t.version),
    index('description_amendments_status_id_idx').on(t.status, t.id),
    index('description_amendments_created_by_id_idx').on(t.createdBy, t.id),
    check('description_amendments_version_check', sql`${t.version} >= 2`),
  ],
);

/**
 * Multiple-choice market groups (docs/api.md#market-groups): the children are ordinary rows of `markets`, tied to the
 * group by `market_group_answers`. A group resolution locks the group row, then its children in ascending id (DB-6).
 */
export const marketGroups = pgTable(
  'market_groups',
  {
    id: id(),
    questionTitle: text('question_title').notNull(),
    description: text('description').notNull(),
    creatorUsername: text('creator_username')
      .notNull()
      .references(() => users.username),
    stewardUsername: text('steward_username')
      .notNull()
      .references(() => users.username),
    lifecycleStatus: text('lifecycle_status', { enum: LIFECYCLE_STATUSES }).notNull(),
    resolutionDateTime: epochMillis('resolution_date_time').notNull(),
    /** createMarketCost charged once for the group, refunded if the proposal is rejected. */
    proposalCost: safeBigint('proposal_cost').notNull(),
    autoApproveAnswerAdditions: boolean('auto_approve_answer_additions').notNull(),
    approvedBy: text('approved_by'),
    approvedAt: epochMillis('approved_at'),
    rejectedBy: text('rejected_by'),
    rejectedAt: epochMillis('rejected_at'),
    rejectionReason: text('rejection_reason'),
    createdAt: epochMillis('created_at').notNull(),
    updatedAt: epochMillis('updated_at').notNull(),
  },
  (t) => [
    index('market_groups_lifecycle_status_id_idx').on(t.lifecycleStatus, t.id),
    index('market_groups_steward_username_idx').on(t.stewardUsername),
    check(
      'market_groups_lifecycle_status_check',
      sql`${t.lifecycleStatus} IN ('proposed', 'published', 'rejected', 'closed', 'resolved', 'cancelled')`,
    ),
    check('market_groups_proposal_cost_check', sql`${t.proposalCost} >= 0`),
  ],
);

export const marketGroupAnswers = pgTable(
  'market_group_answers',
  {
    id: id(),
    groupId: bigint('group_id', { mode: 'number' })
      .notNull()
      .references(() => marketGroups.id),
    marketId: bigint('market_id', { mode: 'number' })
      .notNull()
      .references(() => markets.id),
    answerLabel: text('answer_label').notNull(),
    displayOrder: integer('display_order').notNull(),
  },
  (t) => [
    unique('market_group_answers_market_id_key').on(t.marketId),
    unique('market_group_answers_group_order_key').on(t.groupId, t.displayOrder),
    check('market_group_answers_display_order_check', sql`${t.displayOrder} >= 1`),
  ],
);

export const marketGroupAnswerAdditions = pgTable(
  'market_group_answer_additions',
  {
    id: id(),
    groupId: bigint('group_id', { mode: 'number' })
      .notNull()
      .references(() => marketGroups.id),
    marketId: bigint('market_id', { mode: 'number' }).references(() => markets.id),
    answerLabel: text('answer_label').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
    proposedBy: text('proposed_by')
      .notNull()
      .references(() => users.username),
    reviewedBy: text('reviewed_by'),
    reviewedAt: epochMillis('reviewed_at'),
    rejectionReason: text('rejection_reason'),
    additionCost: safeBigint('addition_cost').notNull(),
    createdAt: epochMillis('created_at').notNull(),
    updatedAt: epochMillis('updated_at').notNull(),
  },
  (t) => [
    index('market_group_answer_additions_group_id_idx').on(t.groupId, t.id),
    index('market_group_answer_additions_status_id_idx').on(t.status, t.id),
    check('market_group_answer_additions_status_check', sql`${t.status} IN ('pending', 'approved', 'rejected')`),
    check('market_group_answer_additions_cost_check', sql`${t.additionCost} >= 0`),
    check('market_group_answer_additions_market_check', sql`(${t.status} = 'approved') = (${t.marketId} IS NOT NULL)`),
  ],
);

/** Raw bytes (the share image); postgres.js and PGlite both hand back a Uint8Array (a Buffer is one). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** One-row tables hold a single document: the key is always true. */
const singleton = () => boolean('singleton').primaryKey().default(true);

/** The edited home page (docs/api.md#site-content); no row means the seeded default. */
export const homeContent = pgTable(
  'home_content',
  {
    singleton: singleton(),
    title: text('title').notNull(),
    format: text('format', { enum: ['markdown', 'html'] }).notNull(),
    markdown: text('markdown').notNull(),
    html: text('html').notNull(),
    version: integer('version').notNull(),
    updatedBy: text('updated_by'),
    updatedAt: epochMillis('updated_at'),
  },
  (t) => [check('home_content_singleton_check', sql`${t.singleton}`)],
);

/** Edited market-discovery layouts by slug (docs/api.md#site-content); a slug without a row has the default layout. */
export const discoveryPages = pgTable('discovery_pages', {
  slug: text('slug').primaryKey(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  pageType: text('page_type', { enum: ['top', 'secondary'] }).notNull(),
  primaryTagSlug: text('primary_tag_slug').notNull(),
  searchScope: text('search_scope', { enum: ['all', 'tag'] }).notNull(),
  featuredTopicsEnabled: boolean('featured_topics_enabled').notNull(),
  featuredMarketsEnabled: boolean('featured_markets_enabled').notNull(),
  defaultRecommendationLimit: integer('default_recommendation_limit').notNull(),
  curatedRecommendationLimit: integer('curated_recommendation_limit').notNull(),
  version: integer('version').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: epochMillis('updated_at'),
});

/** The pins of a discovery page, replaced as a whole on each save; a market pin names an existing market. */
export const discoveryPins = pgTable(
  'discovery_pins',
  {
    id: id(),
    pageSlug: text('page_slug')
      .notNull()
      .references(() => discoveryPages.slug, { onDelete: 'cascade' }),
    pinType: text('pin_type', { enum: ['market', 'discovery_page'] }).notNull(),
    marketId: bigint('market_id', { mode: 'number' }).references(() => markets.id),
    targetPageSlug: text('target_page_slug'),
    label: text('label').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [
    index('discovery_pins_page_slug_idx').on(t.pageSlug, t.sortOrder, t.id),
    check(
      'discovery_pins_target_check',
      sql`(${t.pinType} = 'market' AND ${t.marketId} IS NOT NULL AND ${t.targetPageSlug} IS NULL) OR (${t.pinType} = 'discovery_page' AND ${t.marketId} IS NULL AND ${t.targetPageSlug} IS NOT NULL)`,
    ),
  ],
);

/** The social-sharing card (docs/api.md#social-sharing); no row means the defaults. */
export const shareSettings = pgTable(
  'share_settings',
  {
    singleton: singleton(),
    siteName: text('site_name').notNull(),
    defaultDescription: text('default_description').notNull(),
    defaultImageUrl: text('default_image_url').notNull(),
    imageEnabled: boolean('image_enabled').notNull(),
    imageAlt: text('image_alt').notNull(),
    version: integer('version').notNull(),
    updatedBy: text('updated_by'),
    updatedAt: epochMillis('updated_at'),
  },
  (t) => [check('share_settings_singleton_check', sql`${t.singleton}`)],
);

/** The uploaded share image, served by every instance from here (docs/api.md#social-sharing). */
export const shareImage = pgTable(
  'share_image',
  {
    singleton: singleton(),
    contentType: text('content_type', { enum: ['image/png', 'image/jpeg', 'image/webp'] }).notNull(),
    bytes: bytea('bytes').notNull(),
    updatedAt: epochMillis('updated_at').notNull(),
  },
  (t) => [check('share_image_singleton_check', sql`${t.singleton}`)],
);

export const schema = {
  users,
  markets,
  bets,
  ledgerAccounts,
  ledgerEntries,
  readModelSnapshots,
  notifications,
  auditLog,
  idempotencyKeys,
  siteSettings,
  marketStewardshipAudits,
  marketTags,
  marketTagLinks,
  descriptionAmendments,
  marketGroups,
  marketGroupAnswers,
  marketGroupAnswerAdditions,
  homeContent,
  discoveryPages,
  discoveryPins,
  shareSettings,
  shareImage,
};
export type Schema = typeof schema;
