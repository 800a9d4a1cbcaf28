import type { ResultAsync } from 'neverthrow';
import type { MarketTag, MarketTagChanges, NewMarketTag } from '../model/market-tag.model.ts';
import type { InfrastructureError } from './infrastructure.error.ts';

/**
 * The tag vocabulary and which markets carry which tags (docs/api.md#market-tags). Lists are in the public order:
 * `sortOrder`, `displayName`, `slug` (code-point order).
 */
export interface MarketTagRepository {
  /** active tags only unless `includeInactive` */
  list(options: { readonly includeInactive: boolean }): ResultAsync<readonly MarketTag[], InfrastructureError>;
  /** the existing tags among `slugs`, active or not, in the public order */
  findBySlugs(slugs: readonly string[]): ResultAsync<readonly MarketTag[], InfrastructureError>;
  /** a taken slug is UNIQUE_VIOLATION on field `slug` */
  insert(tag: NewMarketTag): ResultAsync<MarketTag, InfrastructureError>;
  /** inside a transaction: the tag, locked against other writers until the transaction ends; `null` when unknown */
  lock(slug: string): ResultAsync<MarketTag | null, InfrastructureError>;
  /** `null` when no tag has that slug */
  update(slug: string, changes: MarketTagChanges & { readonly updatedAt: number }): ResultAsync<MarketTag | null, InfrastructureError>;
  /** replaces the tags of a market by `tagIds` (existing tags) */
  setMarketTags(marketId: number, tagIds: readonly number[]): ResultAsync<void, InfrastructureError>;
  /** the tags each of `marketIds` carries, active or not, in the public order; a market without tags is absent */
  tagsOfMarkets(marketIds: readonly number[]): ResultAsync<ReadonlyMap<number, readonly MarketTag[]>, InfrastructureError>;
}
