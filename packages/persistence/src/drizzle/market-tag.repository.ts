// MarketTagRepository on Drizzle: tables `market_tags` and `market_tag_links`. Text is ordered with COLLATE "C"
// (code-point order), as the memory fake and the domain's `compareTags` order it, whatever the database's collation.
import type { ResultAsync } from 'neverthrow';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { InfrastructureError, MarketTag, MarketTagChanges, MarketTagRepository, NewMarketTag } from '@socialpredict/domain';
import type { Executor } from './database.factory.ts';
import { dbOperation } from './drizzle-operation.ts';
import { anyOf, preparedQuery } from './prepared-query.ts';
import type { OperationScope } from './operation.monitor.ts';
import { marketTagLinks, marketTags } from './schema.ts';

const PUBLIC_ORDER = [asc(marketTags.sortOrder), sql`${marketTags.displayName} COLLATE "C"`, sql`${marketTags.slug} COLLATE "C"`];

export class DrizzleMarketTagRepository implements MarketTagRepository {
  readonly #db: Executor;
  readonly #scope: OperationScope;

  constructor(db: Executor, scope: OperationScope) {
    this.#db = db;
    this.#scope = scope;
  }

  list(options: { readonly includeInactive: boolean }): ResultAsync<readonly MarketTag[], InfrastructureError> {
    return dbOperation(this.#scope, 'marketTags.list', () =>
      this.#db
        .select()
        .from(marketTags)
        .where(options.includeInactive ? undefined : eq(marketTags.isActive, true))
        .orderBy(...PUBLIC_ORDER),
    );
  }

  findBySlugs(slugs: readonly string[]): ResultAsync<readonly MarketTag[], InfrastructureError> {
    return dbOperation(this.#scope, 'marketTags.findBySlugs', async () => {
      if (slugs.length === 0) return [];
      return this.#db
        .select()
        .from(marketTags)
        .where(inArray(marketTags.slug, [...new Set(slugs)]))
        .orderBy(...PUBLIC_ORDER);
    });
  }

  insert(tag: NewMarketTag): ResultAsync<MarketTag, InfrastructureError> {
    return dbOperation(this.#scope, 'marketTags.insert', async () => {
      const [row] = await this.#db.insert(marketTags).values(tag).returning();
      if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
      return row;
    });
  }

  lock(slug: string): ResultAsync<MarketTag | null, InfrastructureError> {
    return dbOperation(this.#scope, 'marketTags.lock', async () => {
      const [row] = await this.#db.select().from(marketTags).where(eq(marketTags.slug, slug)).for('update');
      return row ?? null;
    });
  }

  update(slug: string, changes: MarketTagChanges & { readonly updatedAt: number }): ResultAsync<MarketTag | null, InfrastructureError> {
    return dbOperation(this.#scope, 'marketTags.update', async () => {
      const [row] = await this.#db.update(marketTags).set(changes).where(eq(marketTags.slug, slug)).returning();
      return row ?? null;
    });
  }

  setMarketTags(marketId: number, tagIds: readonly number[]): ResultAsync<void, InfrastructureError> {
    return dbOperation(this.#scope, 'marketTags.setMarketTags', async () => {
      await this.#db.delete(marketTagLinks).where(eq(marketTagLinks.marketId, marketId));
      const ids = [...new Set(tagIds)];
      if (ids.length > 0) await this.#db.insert(marketTagLinks).values(ids.map((tagId) => ({ marketId, tagId })));
    });
  }

  tagsOfMarkets(marketIds: readonly number[]): ResultAsync<ReadonlyMap<number, readonly MarketTag[]>, InfrastructureError> {
    return dbOperation(this.#scope, 'marketTags.tagsOfMarkets', async () => {
      const result = new Map<number, MarketTag[]>();
      if (marketIds.length === 0) return result;
      const ofMarkets = preparedQuery(this.#db, 'marketTags.tagsOfMarkets', (db) =>
        db
          .select({ marketId: marketTagLinks.marketId, tag: marketTags })
          .from(marketTagLinks)
          .innerJoin(marketTags, eq(marketTags.id, marketTagLinks.tagId))
          .where(anyOf(marketTagLinks.marketId, 'marketIds'))
          .orderBy(...PUBLIC_ORDER)
          .prepare('market_tags_of_markets'),
      );
      const rows = await ofMarkets.execute({ marketIds: [...new Set(marketIds)] });
      for (const { marketId, tag } of rows) result.set(marketId, [...(result.get(marketId) ?? []), tag]);
      return result;
    });
  }
}
