// The tag use cases on the memory fakes (docs/api.md#market-tags): who may write, the field and market-tag rules,
// deactivation, and tags on created markets, lists and details.
import { describe, expect, it } from 'vitest';
import { OPERATOR, type Actor } from '../../src/index.ts';
import { codeOf, createHarness, DAY, type Harness } from './support/use-case-harness.ts';

const admin: Actor = { kind: 'user', username: 'boss', role: 'ADMIN' };
const moderator: Actor = { kind: 'user', username: 'mod', role: 'MODERATOR' };

const tag = (h: Harness, slug: string, extra: { sortOrder?: number; isActive?: boolean } = {}) =>
  h.createMarketTag({ actor: admin, slug, displayName: slug.toUpperCase(), ...extra });

const market = (h: Harness, tagSlugs: string[]) =>
  h.createMarket({
    username: 'alice',
    questionTitle: 'Snow?',
    description: '',
    resolutionDateTime: h.ports.clock.now() + 7 * DAY,
    tagSlugs,
  });

describe('market tag use cases', () => {
  it('derives a slug left empty from the display name, and refuses when the name has no letter or digit', async () => {
    const h = createHarness();
    expect((await h.createMarketTag({ actor: admin, slug: '', displayName: '  Élections & Politics 2026! ' }))._unsafeUnwrap().slug).toBe('elections-politics-2026');
    expect(await codeOf(h.createMarketTag({ actor: admin, slug: '', displayName: 'Élections — politics 2026' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(h.createMarketTag({ actor: admin, slug: '', displayName: '¿¡!?' }))).toBe('VALIDATION_FAILED');
    expect((await h.listMarketTags({ includeInactive: true, actor: admin }))._unsafeUnwrap().map((t) => t.slug)).toEqual(['elections-politics-2026']);
  });

  it('lets administrators and the operator write tags, and nobody else', async () => {
    const h = createHarness();
    expect(await codeOf(h.createMarketTag({ actor: moderator, slug: 'x', displayName: 'X' }))).toBe('AUTHORIZATION_DENIED');
    expect(await codeOf(h.updateMarketTag({ actor: moderator, slug: 'x', changes: {} }))).toBe('AUTHORIZATION_DENIED');
    expect(await codeOf(h.setMarketTags({ actor: moderator, marketId: 1, tagSlugs: [] }))).toBe('AUTHORIZATION_DENIED');
    expect(await codeOf(h.listMarketTags({ includeInactive: true, actor: moderator }))).toBe('AUTHORIZATION_DENIED');
    expect(await codeOf(h.listMarketTags({ includeInactive: true }))).toBe('AUTHORIZATION_DENIED');
    expect((await h.createMarketTag({ actor: OPERATOR, slug: 'ops', displayName: ' Ops ' }))._unsafeUnwrap()).toMatchObject({
      slug: 'ops',
      displayName: 'Ops',
      createdBy: 'cli',
      description: '',
      colorKey: '',
      sortOrder: 0,
      isActive: true,
    });
    expect((await h.listMarketTags({ includeInactive: false }))._unsafeUnwrap()).toHaveLength(1);
  });

  it('refuses malformed fields, a taken slug and an unconfirmed deactivation', async () => {
    const h = createHarness();
    (await tag(h, 'weather'))._unsafeUnwrap();
    expect((await tag(h, 'weather'))._unsafeUnwrapErr()).toMatchObject({ code: 'VALIDATION_FAILED', fields: { slug: ['is already taken'] } });
    for (const slug of ['Upper', '-lead', 'a--b', 'x'.repeat(65)]) expect(await codeOf(tag(h, slug)), slug).toBe('VALIDATION_FAILED');
    expect(await codeOf(h.createMarketTag({ actor: admin, slug: 'ok', displayName: '  ' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(h.createMarketTag({ actor: admin, slug: 'ok', displayName: 'Ok', colorKey: 'Blue' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(h.createMarketTag({ actor: admin, slug: 'ok', displayName: 'Ok', sortOrder: 1.5 }))).toBe('VALIDATION_FAILED');
    expect((await h.updateMarketTag({ actor: admin, slug: 'weather', changes: { isActive: false } }))._unsafeUnwrapErr()).toMatchObject({
      fields: { confirmDeactivate: expect.any(Array) },
    });
    expect((await h.updateMarketTag({ actor: admin, slug: 'none', changes: { sortOrder: 1 } }))._unsafeUnwrapErr()).toMatchObject({
      fields: { slug: ['names no tag'] },
    });
    const off = await h.updateMarketTag({ actor: admin, slug: 'weather', changes: { isActive: false }, confirmDeactivate: true });
    expect(off._unsafeUnwrap().isActive).toBe(false);
    expect((await h.listMarketTags({ includeInactive: false }))._unsafeUnwrap()).toEqual([]);
    expect((await h.listMarketTags({ includeInactive: true, actor: admin }))._unsafeUnwrap()).toHaveLength(1);
  });

  it('creates markets with at most five unique active tags and shows them on lists and details', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    for (const slug of ['a', 'b', 'c', 'd', 'e', 'f']) (await tag(h, slug))._unsafeUnwrap();
    (await tag(h, 'old', { isActive: false }))._unsafeUnwrap();
    expect(await codeOf(market(h, ['a', 'b', 'c', 'd', 'e', 'f']))).toBe('VALIDATION_FAILED');
    expect(await codeOf(market(h, ['a', 'a']))).toBe('VALIDATION_FAILED');
    expect(await codeOf(market(h, ['old']))).toBe('VALIDATION_FAILED');
    expect(await codeOf(market(h, ['zzz']))).toBe('VALIDATION_FAILED');
    // Refused creations charged nothing and left no market.
    expect((await h.listMarkets({ status: 'all', limit: 10, offset: 0 }))._unsafeUnwrap().total).toBe(0);
    const created = (await market(h, ['c', 'a']))._unsafeUnwrap();
    expect(created.tags.map((t) => t.slug)).toEqual(['a', 'c']);
    const listed = (await h.listMarkets({ status: 'all', tagSlug: 'c', limit: 10, offset: 0 }))._unsafeUnwrap();
    expect(listed.markets.map((overview) => [overview.market.id, overview.tags.map((t) => t.slug)])).toEqual([[created.id, ['a', 'c']]]);
    expect((await h.listMarkets({ status: 'all', tagSlug: 'b', limit: 10, offset: 0 }))._unsafeUnwrap().total).toBe(0);
    const details = (await h.getMarketDetails({ marketId: created.id }))._unsafeUnwrap();
    expect(details.tags.map((t) => t.slug)).toEqual(['a', 'c']);
  });

  it('replaces a market’s tags, keeping a deactivated one it carries but never adding one', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    for (const slug of ['a', 'b']) (await tag(h, slug))._unsafeUnwrap();
    const created = (await market(h, ['a']))._unsafeUnwrap();
    (await h.updateMarketTag({ actor: admin, slug: 'a', changes: { isActive: false }, confirmDeactivate: true }))._unsafeUnwrap();
    const kept = (await h.setMarketTags({ actor: admin, marketId: created.id, tagSlugs: ['a', 'b'] }))._unsafeUnwrap();
    expect(kept.tags.map((t) => [t.slug, t.isActive])).toEqual([['a', false], ['b', true]]);
    (await h.setMarketTags({ actor: admin, marketId: created.id, tagSlugs: ['b'] }))._unsafeUnwrap();
    expect(await codeOf(h.setMarketTags({ actor: admin, marketId: created.id, tagSlugs: ['a'] }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(h.setMarketTags({ actor: admin, marketId: 999, tagSlugs: [] }))).toBe('MARKET_NOT_FOUND');
  });
});
