// Market tags (docs/api.md#market-tags): a vocabulary administrators keep, attached to markets (at most five each)
// and used for topic pages and list filters. Deactivating a tag hides it from pickers and the public list; markets
// that carry it keep it.
import type { MarketRecord } from './market.model.ts';

/** Each slug: lower-case words of letters and digits joined by single hyphens (docs/api.md#validation). */
export const TAG_SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const TAG_SLUG_MAX = 64;
/** The most tags one market carries (docs/api.md#validation `tagSlugs`). */
export const MAX_TAGS_PER_MARKET = 5;

export interface MarketTag {
  readonly id: number;
  readonly slug: string;
  readonly displayName: string;
  /** '' when none */
  readonly description: string;
  /** '' when none; the web app falls back to its default colour */
  readonly colorKey: string;
  readonly sortOrder: number;
  readonly isActive: boolean;
  /** who created it: a username or the operator's name */
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type NewMarketTag = Omit<MarketTag, 'id'>;

/** The fields an administrator may change; the slug is the tag's name and never changes. */
export type MarketTagChanges = Partial<Pick<MarketTag, 'displayName' | 'description' | 'colorKey' | 'sortOrder' | 'isActive'>>;

/** A market with the tags it carries, in the public order. */
export type MarketWithTags = MarketRecord & { readonly tags: readonly MarketTag[] };

/** The public order of tags (T1-15): sortOrder, then displayName, then slug. */
export function compareTags(a: MarketTag, b: MarketTag): number {
  return a.sortOrder - b.sortOrder || compareText(a.displayName, b.displayName) || compareText(a.slug, b.slug);
}

// Code-point order, as PostgreSQL's "C" collation sorts, so every adapter orders alike.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
