import { err, ok, type ResultAsync } from 'neverthrow';
import {
  compareTags,
  uniqueViolation,
  type InfrastructureError,
  type MarketTag,
  type MarketTagChanges,
  type MarketTagRepository,
  type NewMarketTag,
} from '@socialpredict/domain';
import type { MemoryTables } from './memory-database.ts';
import { readOperation, writeOperation, type MemoryContext } from './memory-operation.ts';

/** As the Drizzle schema names it, so that both adapters report the same constraint. */
export const TAG_SLUG_UNIQUE = 'market_tags_slug_unique';

export class MemoryMarketTagRepository implements MarketTagRepository {
  readonly #context: MemoryContext;

  constructor(context: MemoryContext) {
    this.#context = context;
  }

  list(options: { readonly includeInactive: boolean }): ResultAsync<readonly MarketTag[], InfrastructureError> {
    return readOperation(this.#context, 'marketTags.list', (tables) =>
      [...tables.tags.values()].filter((tag) => options.includeInactive || tag.isActive).sort(compareTags),
    );
  }

  findBySlugs(slugs: readonly string[]): ResultAsync<readonly MarketTag[], InfrastructureError> {
    return readOperation(this.#context, 'marketTags.findBySlugs', (tables) =>
      [...new Set(slugs)].flatMap((slug) => tables.tags.get(slug) ?? []).sort(compareTags),
    );
  }

  insert(tag: NewMarketTag): ResultAsync<MarketTag, InfrastructureError> {
    return writeOperation(this.#context, 'marketTags.insert', (tables) => {
      if (tables.tags.has(tag.slug)) return err(uniqueViolation('slug', TAG_SLUG_UNIQUE));
      tables.sequences.tag += 1;
      const stored = Object.freeze({ ...tag, id: tables.sequences.tag });
      tables.tags.set(stored.slug, stored);
      return ok(stored);
    });
  }

  /** Memory transactions already run one at a time, so reading is locking. */
  lock(slug: string): ResultAsync<MarketTag | null, InfrastructureError> {
    return readOperation(this.#context, 'marketTags.lock', (tables) => tables.tags.get(slug) ?? null);
  }

  update(slug: string, changes: MarketTagChanges & { readonly updatedAt: number }): ResultAsync<MarketTag | null, InfrastructureError> {
    return writeOperation(this.#context, 'marketTags.update', (tables) => {
      const current = tables.tags.get(slug);
      if (current === undefined) return ok(null);
      const stored = Object.freeze({ ...current, ...changes });
      tables.tags.set(slug, stored);
      return ok(stored);
    });
  }

  setMarketTags(marketId: number, tagIds: readonly number[]): ResultAsync<void, InfrastructureError> {
    return writeOperation(this.#context, 'marketTags.setMarketTags', (tables) => {
      if (tagIds.length === 0) tables.marketTagIds.delete(marketId);
      else tables.marketTagIds.set(marketId, Object.freeze([...new Set(tagIds)]));
      return ok(undefined);
    });
  }

  tagsOfMarkets(marketIds: readonly number[]): ResultAsync<ReadonlyMap<number, readonly MarketTag[]>, InfrastructureError> {
    return readOperation(this.#context, 'marketTags.tagsOfMarkets', (tables) => {
      const byId = tagsById(tables);
      const result = new Map<number, readonly MarketTag[]>();
      for (const marketId of new Set(marketIds)) {
        const tags = (tables.marketTagIds.get(marketId) ?? []).flatMap((id) => byId.get(id) ?? []);
        if (tags.length > 0) result.set(marketId, tags.sort(compareTags));
      }
      return result;
    });
  }
}

function tagsById(tables: MemoryTables): ReadonlyMap<number, MarketTag> {
  return new Map([...tables.tags.values()].map((tag) => [tag.id, tag]));
}

/** Whether the market carries the tag with this slug (the `tagSlug` filter of market lists). */
export function carriesTag(tables: MemoryTables, marketId: number, slug: string): boolean {
  const tag = tables.tags.get(slug);
  return tag !== undefined && (tables.marketTagIds.get(marketId) ?? []).includes(tag.id);
}
