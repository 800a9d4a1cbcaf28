// MarketRepository on Drizzle. The record's nested seeds and totals are flat columns; a market's pool account is
// created with the market row.
import type { ResultAsync } from 'neverthrow';
import { and, count, desc, eq, exists, gt, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import {
  poolAccount,
  type InfrastructureError,
  type MarketPage,
  type MarketPatch,
  type MarketQuery,
  type MarketRecord,
  type MarketRepository,
  type MarketTotals,
  type NewMarket,
  type PublicMarketStatus,
} from '@socialpredict/domain';
import type { Executor } from './database.factory.ts';
import { dbOperation } from './drizzle-operation.ts';
import { anyOf, preparedQuery } from './prepared-query.ts';
import type { OperationScope } from './operation.monitor.ts';
import { ledgerAccounts, marketTagLinks, marketTags, markets } from './schema.ts';

type MarketRow = typeof markets.$inferSelect;
type MarketColumns = typeof markets.$inferInsert;

/** A short number per list shape for the prepared statements' names (the shape itself is too long for one). */
const listShapeIds = new Map<string, number>();

export function toMarketRecord(row: MarketRow): MarketRecord {
  const { initialProbability, initialSubsidization, initialYes, initialNo } = row;
  const { yesTotal, noTotal, volume, dustTotal, rowCount, traderCount, lastPlacedAt } = row;
  return {
    id: row.id,
    questionTitle: row.questionTitle,
    description: row.description,
    outcomeType: row.outcomeType,
    yesLabel: row.yesLabel,
    noLabel: row.noLabel,
    creatorUsername: row.creatorUsername,
    stewardUsername: row.stewardUsername,
    lifecycleStatus: row.lifecycleStatus,
    resolutionDateTime: row.resolutionDateTime,
    finalResolutionDateTime: row.finalResolutionDateTime,
    resolutionResult: row.resolutionResult,
    utcOffset: row.utcOffset,
    seeds: { initialProbability, initialSubsidization, initialYes, initialNo },
    creationCost: row.creationCost,
    totals: { yes: yesTotal, no: noTotal, volume, dust: dustTotal, rowCount, traderCount, lastPlacedAt },
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt,
    rejectedBy: row.rejectedBy,
    rejectedAt: row.rejectedAt,
    rejectionReason: row.rejectionReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function totalsColumns(totals: MarketTotals) {
  return {
    yesTotal: totals.yes,
    noTotal: totals.no,
    volume: totals.volume,
    dustTotal: totals.dust,
    rowCount: totals.rowCount,
    traderCount: totals.traderCount,
    lastPlacedAt: totals.lastPlacedAt,
  };
}

function toColumns(market: NewMarket): MarketColumns {
  const { seeds, totals, ...rest } = market;
  return { ...rest, ...seeds, ...totalsColumns(totals) };
}

function patchColumns(patch: MarketPatch): Partial<MarketColumns> {
  const { totals, ...rest } = patch;
  return totals === undefined ? rest : { ...rest, ...totalsColumns(totals) };
}

/** The derived public status of docs/api.md#market-state as a condition on the stored columns at time `now`. */
function statusCondition(status: PublicMarketStatus, now: SQL): SQL | undefined {
  switch (status) {
    case 'active':
      return and(eq(markets.lifecycleStatus, 'published'), gt(markets.resolutionDateTime, now));
    case 'closed':
      return or(
        eq(markets.lifecycleStatus, 'closed'),
        and(eq(markets.lifecycleStatus, 'published'), lte(markets.resolutionDateTime, now)),
      );
    default:
      return eq(markets.lifecycleStatus, status);
  }
}

/** Literal, case-insensitive substring match: strpos has no wildcards to escape. */
function containsText(text: SQL): SQL | undefined {
  const needle = sql`lower(${text})`;
  return or(
    sql`strpos(lower(${markets.questionTitle}), ${needle}) > 0`,
    sql`strpos(lower(${markets.description}), ${needle}) > 0`,
  );
}

/** The market carries the tag with this slug (through the links' tag index). */
function carriesTag(db: Executor, slug: SQL): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(marketTagLinks)
      .innerJoin(marketTags, eq(marketTags.id, marketTagLinks.tagId))
      .where(and(eq(marketTagLinks.marketId, markets.id), eq(marketTags.slug, slug))),
  );
}

const hasExclusions = (query: MarketQuery) => query.excludeIds !== undefined && query.excludeIds.length > 0;

/**
 * The filters a query uses, which decide its statement's text: each shape is prepared once, its values go as
 * parameters (docs/performance.md#prepared-reads).
 */
function listShape(query: MarketQuery): string {
  const present = (name: string, value: unknown) => (value === undefined ? '' : name);
  return [
    query.status ?? '',
    present('lifecycle', query.lifecycleIn),
    present('creator', query.createdBy),
    present('steward', query.stewardedBy),
    present('text', query.text),
    present('tag', query.tagSlug),
    hasExclusions(query) ? 'exclude' : '',
  ].join('|');
}

function listCondition(db: Executor, query: MarketQuery): SQL | undefined {
  return and(
    query.status === undefined ? undefined : statusCondition(query.status, sql`${sql.placeholder('now')}::timestamptz`),
    query.lifecycleIn === undefined ? undefined : anyOf(markets.lifecycleStatus, 'lifecycleIn'),
    query.createdBy === undefined ? undefined : eq(markets.creatorUsername, sql.placeholder('createdBy')),
    query.stewardedBy === undefined ? undefined : eq(markets.stewardUsername, sql.placeholder('stewardedBy')),
    query.text === undefined ? undefined : containsText(sql`${sql.placeholder('text')}::text`),
    query.tagSlug === undefined ? undefined : carriesTag(db, sql`${sql.placeholder('tagSlug')}::text`),
    hasExclusions(query) ? sql`NOT (${anyOf(markets.id, 'excludeIds')})` : undefined,
  );
}

function listParameters(query: MarketQuery): Record<string, unknown> {
  return {
    now: new Date(query.now).toISOString(),
    lifecycleIn: query.lifecycleIn === undefined ? undefined : [...query.lifecycleIn],
    createdBy: query.createdBy,
    stewardedBy: query.stewardedBy,
    text: query.text,
    tagSlug: query.tagSlug,
    excludeIds: query.excludeIds === undefined ? undefined : [...query.excludeIds],
    limit: query.limit,
    offset: query.offset,
  };
}

export class DrizzleMarketRepository implements MarketRepository {
  readonly #db: Executor;
  readonly #scope: OperationScope;

  constructor(db: Executor, scope: OperationScope) {
    this.#db = db;
    this.#scope = scope;
  }

  findById(id: number): ResultAsync<MarketRecord | null, InfrastructureError> {
    return dbOperation(this.#scope, 'markets.findById', async () => {
      const byId = preparedQuery(this.#db, 'markets.findById', (db) =>
        db.select().from(markets).where(eq(markets.id, sql.placeholder('id'))).limit(1).prepare('markets_find_by_id'),
      );
      const [row] = await byId.execute({ id });
      return row === undefined ? null : toMarketRecord(row);
    });
  }

  findByIds(ids: readonly number[]): ResultAsync<readonly MarketRecord[], InfrastructureError> {
    return dbOperation(this.#scope, 'markets.findByIds', async () => {
      if (ids.length === 0) return [];
      const rows = await this.#db.select().from(markets).where(inArray(markets.id, [...ids])).orderBy(markets.id);
      return rows.map(toMarketRecord);
    });
  }

  findInvolving(username: string): ResultAsync<readonly MarketRecord[], InfrastructureError> {
    return dbOperation(this.#scope, 'markets.findInvolving', async () => {
      const rows = await this.#db
        .select()
        .from(markets)
        .where(or(eq(markets.creatorUsername, username), eq(markets.stewardUsername, username)))
        .orderBy(markets.id);
      return rows.map(toMarketRecord);
    });
  }

  list(query: MarketQuery): ResultAsync<MarketPage, InfrastructureError> {
    return dbOperation(this.#scope, 'markets.list', async () => {
      const shape = listShape(query);
      const statements = preparedQuery(this.#db, `markets.list|${shape}`, (db) => {
        const condition = listCondition(db, query);
        const shapeId = listShapeIds.get(shape) ?? listShapeIds.size;
        listShapeIds.set(shape, shapeId);
        return {
          page: db
            .select()
            .from(markets)
            .where(condition)
            .orderBy(desc(markets.createdAt), desc(markets.id))
            .limit(sql.placeholder('limit'))
            .offset(sql.placeholder('offset'))
            .prepare(`markets_list_${String(shapeId)}`),
          total: db.select({ total: count() }).from(markets).where(condition).prepare(`markets_count_${String(shapeId)}`),
        };
      });
      const parameters = listParameters(query);
      const [rows, [counted]] = await Promise.all([statements.page.execute(parameters), statements.total.execute(parameters)]);
      return { markets: rows.map(toMarketRecord), total: counted?.total ?? 0 };
    });
  }

  insert(market: NewMarket): ResultAsync<MarketRecord, InfrastructureError> {
    return dbOperation(this.#scope, 'markets.insert', () =>
      this.#db.transaction(async (tx) => {
        const [row] = await tx.insert(markets).values(toColumns(market)).returning();
        if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
        await tx.insert(ledgerAccounts).values({ account: poolAccount(row.id), type: 'pool', marketId: row.id });
        return toMarketRecord(row);
      }),
    );
  }

  update(id: number, patch: MarketPatch): ResultAsync<MarketRecord | null, InfrastructureError> {
    return dbOperation(this.#scope, 'markets.update', async () => {
      const [row] = await this.#db.update(markets).set(patchColumns(patch)).where(eq(markets.id, id)).returning();
      return row === undefined ? null : toMarketRecord(row);
    });
  }
}
