// The market tags part of the repository contract (docs/api.md#market-tags), run by `describeRepositoryContract`.
import { describe, expect, it } from 'vitest';
import type { NewMarketTag } from '@socialpredict/domain';
import type { ContractPorts } from '../support/contract.targets.ts';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 123);

const newTag = (slug: string, overrides: Partial<NewMarketTag> = {}): NewMarketTag => ({
  slug,
  displayName: slug.toUpperCase(),
  description: '',
  colorKey: '',
  sortOrder: 0,
  isActive: true,
  createdBy: 'admin',
  createdAt: T0,
  updatedAt: T0,
  ...overrides,
});

export function describeMarketTagsContract(
  ports: () => ContractPorts,
  insertMarket: (creator: string) => Promise<{ id: number }>,
  insertUser: (username: string) => Promise<unknown>,
): void {
  describe('market tags', () => {
    const insertTag = async (slug: string, overrides: Partial<NewMarketTag> = {}) =>
      (await ports().unitOfWork.run((tx) => tx.marketTags.insert(newTag(slug, overrides))))._unsafeUnwrap();

    it('inserts a tag and reads every field back', async () => {
      const tag = await insertTag('weather', { displayName: 'Wëather', description: 'Rain & snow', colorKey: 'sky_1', sortOrder: -3 });
      expect(tag).toEqual({ ...newTag('weather'), displayName: 'Wëather', description: 'Rain & snow', colorKey: 'sky_1', sortOrder: -3, id: tag.id });
      expect((await ports().marketTags.findBySlugs(['weather', 'nope']))._unsafeUnwrap()).toEqual([tag]);
      expect((await ports().marketTags.findBySlugs([]))._unsafeUnwrap()).toEqual([]);
    });

    it('refuses a taken slug as UNIQUE_VIOLATION on slug', async () => {
      await insertTag('sports');
      const again = await ports().unitOfWork.run((tx) => tx.marketTags.insert(newTag('sports')));
      expect(again._unsafeUnwrapErr()).toMatchObject({ kind: 'UNIQUE_VIOLATION', field: 'slug', constraint: 'market_tags_slug_unique' });
    });

    it('lists by sortOrder, displayName, slug in code-point order, inactive tags only on request', async () => {
      await insertTag('b-tag', { displayName: 'Same', sortOrder: 1 });
      await insertTag('a-tag', { displayName: 'Same', sortOrder: 1 });
      await insertTag('lower', { displayName: 'alpha', sortOrder: 1 });
      await insertTag('upper', { displayName: 'Zulu', sortOrder: 1 });
      await insertTag('first', { displayName: 'Last', sortOrder: -1 });
      await insertTag('hidden', { sortOrder: 0, isActive: false });
      const active = (await ports().marketTags.list({ includeInactive: false }))._unsafeUnwrap();
      expect(active.map((tag) => tag.slug)).toEqual(['first', 'a-tag', 'b-tag', 'upper', 'lower']);
      const all = (await ports().marketTags.list({ includeInactive: true }))._unsafeUnwrap();
      expect(all.map((tag) => tag.slug)).toEqual(['first', 'hidden', 'a-tag', 'b-tag', 'upper', 'lower']);
    });

    it('updates the given fields of a locked tag; an unknown slug is null', async () => {
      await insertTag('politics');
      const updated = await ports().unitOfWork.run((tx) =>
        tx.marketTags.lock('politics').andThen(() => tx.marketTags.update('politics', { isActive: false, sortOrder: 4, updatedAt: T0 + 1 })),
      );
      expect(updated._unsafeUnwrap()).toMatchObject({ slug: 'politics', isActive: false, sortOrder: 4, displayName: 'POLITICS', updatedAt: T0 + 1 });
      expect((await ports().unitOfWork.run((tx) => tx.marketTags.lock('missing')))._unsafeUnwrap()).toBeNull();
      expect((await ports().marketTags.update('missing', { sortOrder: 1, updatedAt: T0 }))._unsafeUnwrap()).toBeNull();
    });

    it('replaces the tags of a market, keeps them when a tag is deactivated, and filters market lists by slug', async () => {
      await insertUser('alice');
      const first = await insertMarket('alice');
      const second = await insertMarket('alice');
      const weather = await insertTag('weather', { sortOrder: 2 });
      const sports = await insertTag('sports', { sortOrder: 1 });
      const set = (marketId: number, ids: number[]) => ports().unitOfWork.run((tx) => tx.marketTags.setMarketTags(marketId, ids));
      (await set(first.id, [weather.id, sports.id]))._unsafeUnwrap();
      (await set(second.id, [weather.id]))._unsafeUnwrap();
      (await set(second.id, [sports.id]))._unsafeUnwrap();
      (await ports().marketTags.update('sports', { isActive: false, updatedAt: T0 }))._unsafeUnwrap();
      const tags = (await ports().marketTags.tagsOfMarkets([first.id, second.id, 999]))._unsafeUnwrap();
      expect(tags.get(first.id)?.map((tag) => [tag.slug, tag.isActive])).toEqual([['sports', false], ['weather', true]]);
      expect(tags.get(second.id)?.map((tag) => tag.slug)).toEqual(['sports']);
      expect(tags.has(999)).toBe(false);
      const listed = async (tagSlug: string) =>
        (await ports().markets.list({ now: T0, tagSlug, limit: 10, offset: 0 }))._unsafeUnwrap();
      expect((await listed('weather')).markets.map((market) => market.id)).toEqual([first.id]);
      expect((await listed('sports')).total).toBe(2);
      expect((await listed('unknown')).total).toBe(0);
      (await set(first.id, []))._unsafeUnwrap();
      expect((await ports().marketTags.tagsOfMarkets([first.id]))._unsafeUnwrap().has(first.id)).toBe(false);
    });
  });
}
