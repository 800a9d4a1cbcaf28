/** A page of a list; callers clamp or default `limit` and `offset` per route (docs/api.md#validation). */
export interface Page {
  readonly limit: number;
  readonly offset: number;
}

export function pageOf<T>(items: readonly T[], page: Page): T[] {
  return items.slice(page.offset, page.offset + page.limit);
}
