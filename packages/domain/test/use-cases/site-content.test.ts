// Site content (docs/api.md#site-content, docs/api.md#social-sharing): only administrators save it, each save bumps
// the version, a stale version is refused without writing, pins name public markets, and an uploaded image is judged
// by its bytes.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOME_CONTENT,
  defaultDiscoveryPage,
  imageTypeOf,
  isShareImageUrl,
  OPERATOR,
  SHARE_IMAGE_MAX_BYTES,
  SHARE_IMAGE_PATH,
  type Actor,
} from '@socialpredict/domain';
import { codeOf, createHarness } from './support/use-case-harness.ts';

const ADMIN: Actor = { kind: 'user', username: 'root', role: 'ADMIN' };
const NON_ADMINS: Actor[] = [
  { kind: 'user', username: 'mod', role: 'MODERATOR' },
  { kind: 'user', username: 'joe', role: 'REGULAR' },
];
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const WEBP = new Uint8Array([0x52, 0x49, 0x46, 0x46, 4, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50]);
const home = { title: 'Welcome', format: 'html' as const, markdown: '', html: '<p>Hi</p>' };
const share = { siteName: 'Predict', defaultDescription: 'Bets on the future', defaultImageUrl: 'https://cdn.example.org/card.png', imageAlt: 'A chart' };

describe('home content', () => {
  it('reads the seeded page until one is saved, then what was saved with the version bumped', async () => {
    const h = createHarness();
    expect((await h.getHomeContent())._unsafeUnwrap()).toEqual(DEFAULT_HOME_CONTENT);
    const saved = (await h.updateHomeContent({ actor: ADMIN, ...home, title: '  Welcome ', version: 1 }))._unsafeUnwrap();
    expect(saved).toEqual({ ...home, version: 2, updatedBy: 'root', updatedAt: h.ports.clock.now() });
    expect((await h.getHomeContent())._unsafeUnwrap()).toEqual(saved);
  });

  it('refuses a stale version with INVALID_STATE and keeps the newer page; version 0 skips the check', async () => {
    const h = createHarness();
    (await h.updateHomeContent({ actor: ADMIN, ...home, version: 1 }))._unsafeUnwrap();
    expect(await codeOf(h.updateHomeContent({ actor: ADMIN, ...home, title: 'Old', version: 1 }))).toBe('INVALID_STATE');
    expect((await h.getHomeContent())._unsafeUnwrap()).toMatchObject({ title: 'Welcome', version: 2 });
    expect((await h.updateHomeContent({ actor: OPERATOR, ...home, title: 'Forced', version: 0 }))._unsafeUnwrap()).toMatchObject({ title: 'Forced', version: 3, updatedBy: 'cli' });
  });

  it('refuses non-administrators, an empty title and a bad version without writing', async () => {
    const h = createHarness();
    for (const actor of NON_ADMINS) expect(await codeOf(h.updateHomeContent({ actor, ...home, version: 1 }))).toBe('AUTHORIZATION_DENIED');
    expect(await codeOf(h.updateHomeContent({ actor: ADMIN, ...home, title: '   ', version: 1 }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(h.updateHomeContent({ actor: ADMIN, ...home, version: -1 }))).toBe('VALIDATION_FAILED');
    expect((await h.getHomeContent())._unsafeUnwrap()).toEqual(DEFAULT_HOME_CONTENT);
  });
});

describe('discovery pages', () => {
  it('changes the fields sent over the default layout, keeps the pins, and checks the version', async () => {
    const h = createHarness();
    expect((await h.getDiscoveryPage({ slug: 'sports' }))._unsafeUnwrap()).toEqual(defaultDiscoveryPage('sports'));
    const saved = (await h.updateDiscoveryPage({ actor: ADMIN, slug: 'sports', changes: { title: 'Sport', featuredTopicsEnabled: true }, version: 1 }))._unsafeUnwrap();
    expect(saved).toMatchObject({ ...defaultDiscoveryPage('sports'), title: 'Sport', featuredTopicsEnabled: true, version: 2, updatedBy: 'root', updatedAt: h.ports.clock.now() });
    expect(await codeOf(h.updateDiscoveryPage({ actor: ADMIN, slug: 'sports', changes: { title: 'Stale' }, version: 1 }))).toBe('INVALID_STATE');
    expect((await h.getDiscoveryPage({ slug: 'sports' }))._unsafeUnwrap().title).toBe('Sport');
    expect((await h.getDiscoveryPage({ slug: 'markets' }))._unsafeUnwrap()).toEqual(defaultDiscoveryPage('markets'));
  });

  it('refuses a tag scope without a tag, out-of-range limits and non-administrators', async () => {
    const h = createHarness();
    expect(await codeOf(h.updateDiscoveryPage({ actor: ADMIN, slug: 'markets', changes: { searchScope: 'tag' }, version: 1 }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(h.updateDiscoveryPage({ actor: ADMIN, slug: 'markets', changes: { curatedRecommendationLimit: 0 }, version: 1 }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(h.updateDiscoveryPage({ actor: ADMIN, slug: 'markets', changes: { defaultRecommendationLimit: 101 }, version: 1 }))).toBe('VALIDATION_FAILED');
    for (const actor of NON_ADMINS) expect(await codeOf(h.updateDiscoveryPage({ actor, slug: 'markets', changes: {}, version: 1 }))).toBe('AUTHORIZATION_DENIED');
    expect((await h.getDiscoveryPage({ slug: 'markets' }))._unsafeUnwrap()).toEqual(defaultDiscoveryPage('markets'));
  });

  it('replaces the pins, ordered by sortOrder, without changing the version', async () => {
    const h = createHarness();
    await h.seedUser('dave');
    const market = await h.seedMarket('dave');
    const pins = [
      { pinType: 'discovery_page' as const, marketId: null, targetPageSlug: 'sports', label: 'Sports', sortOrder: 2 },
      { pinType: 'market' as const, marketId: market.id, targetPageSlug: null, label: ' Rain ', sortOrder: 1 },
    ];
    const saved = (await h.setDiscoveryPins({ actor: ADMIN, slug: 'markets', pins }))._unsafeUnwrap();
    expect(saved.version).toBe(1);
    expect(saved.pins.map((pin) => [pin.label, pin.marketId, pin.targetPageSlug])).toEqual([
      ['Rain', market.id, null],
      ['Sports', null, 'sports'],
    ]);
    expect((await h.setDiscoveryPins({ actor: ADMIN, slug: 'markets', pins: [] }))._unsafeUnwrap().pins).toEqual([]);
  });

  it('refuses a pin of an unknown market (404) and malformed pins (400), keeping the stored list', async () => {
    const h = createHarness();
    const page = { pinType: 'discovery_page' as const, marketId: null, targetPageSlug: 'sports', label: '', sortOrder: 0 };
    (await h.setDiscoveryPins({ actor: ADMIN, slug: 'markets', pins: [page] }))._unsafeUnwrap();
    expect(await codeOf(h.setDiscoveryPins({ actor: ADMIN, slug: 'markets', pins: [{ ...page, pinType: 'market', marketId: 999, targetPageSlug: null }] }))).toBe('MARKET_NOT_FOUND');
    expect(await codeOf(h.setDiscoveryPins({ actor: ADMIN, slug: 'markets', pins: [{ ...page, pinType: 'market', marketId: null, targetPageSlug: null }] }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(h.setDiscoveryPins({ actor: ADMIN, slug: 'markets', pins: [{ ...page, targetPageSlug: 'Not A Slug' }] }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(h.setDiscoveryPins({ actor: ADMIN, slug: 'markets', pins: Array.from({ length: 51 }, () => page) }))).toBe('VALIDATION_FAILED');
    for (const actor of NON_ADMINS) expect(await codeOf(h.setDiscoveryPins({ actor, slug: 'markets', pins: [] }))).toBe('AUTHORIZATION_DENIED');
    expect((await h.getDiscoveryPage({ slug: 'markets' }))._unsafeUnwrap().pins.map((pin) => pin.targetPageSlug)).toEqual(['sports']);
  });
});

describe('social sharing', () => {
  it('reads the defaults with the configured site name, saves, and refuses a stale version', async () => {
    const h = createHarness();
    expect((await h.getShareSettings())._unsafeUnwrap()).toMatchObject({ siteName: 'SocialPredict', defaultImageUrl: '', imageEnabled: false, version: 1 });
    const saved = (await h.updateShareSettings({ actor: ADMIN, ...share, version: 1 }))._unsafeUnwrap();
    expect(saved).toEqual({ ...share, imageEnabled: false, version: 2, updatedBy: 'root', updatedAt: h.ports.clock.now() });
    expect(await codeOf(h.updateShareSettings({ actor: ADMIN, ...share, imageEnabled: true, version: 1 }))).toBe('INVALID_STATE');
    expect((await h.getShareSettings())._unsafeUnwrap()).toEqual(saved);
  });

  it('refuses texts over their limits, an empty site name and image URLs of other schemes', async () => {
    const h = createHarness();
    const cases = [
      { siteName: '' },
      { siteName: 'x'.repeat(81) },
      { defaultDescription: 'x'.repeat(221) },
      { imageAlt: 'x'.repeat(161) },
      { defaultImageUrl: `https://a.example/${'x'.repeat(490)}` },
      { defaultImageUrl: 'javascript:alert(1)' },
      { defaultImageUrl: '//evil.example/x.png' },
    ];
    for (const change of cases) expect(await codeOf(h.updateShareSettings({ actor: ADMIN, ...share, ...change, version: 1 }))).toBe('VALIDATION_FAILED');
    for (const actor of NON_ADMINS) expect(await codeOf(h.updateShareSettings({ actor, ...share, version: 1 }))).toBe('AUTHORIZATION_DENIED');
    expect((await h.getShareSettings())._unsafeUnwrap().version).toBe(1);
  });

  it('accepts a share image URL only as a local path or an absolute http(s) URL without user info', () => {
    for (const url of ['', '/api/v0/content/social-share/image', 'https://cdn.example/card.png?v=2', 'HTTP://a.example']) expect(isShareImageUrl(url), url).toBe(true);
    for (const url of ['javascript:alert(1)', 'data:image/png;base64,AA', '//evil.example/x.png', 'https://user:pw@a.example/x.png', 'https://a.example/x y.png', 'https://', '/a\\b', 'ftp://a.example/x']) {
      expect(isShareImageUrl(url), url).toBe(false);
    }
  });

  it('judges an image by its first bytes', () => {
    expect(imageTypeOf(PNG)).toBe('image/png');
    expect(imageTypeOf(JPEG)).toBe('image/jpeg');
    expect(imageTypeOf(WEBP)).toBe('image/webp');
    expect(imageTypeOf(new TextEncoder().encode('<svg onload="alert(1)"></svg>'))).toBeNull();
    expect(imageTypeOf(new Uint8Array([0x52, 0x49, 0x46, 0x46, 4, 0, 0, 0, 0x41, 0x56, 0x49, 0x20]))).toBeNull();
    expect(imageTypeOf(new Uint8Array([]))).toBeNull();
  });

  it('stores an uploaded image and points the card at it; refuses what is not an image', async () => {
    const h = createHarness();
    const saved = (await h.uploadShareImage({ actor: ADMIN, bytes: WEBP, imageAlt: 'Logo' }))._unsafeUnwrap();
    expect(saved).toMatchObject({ defaultImageUrl: SHARE_IMAGE_PATH, imageEnabled: true, imageAlt: 'Logo', version: 2 });
    const image = (await h.getShareImage())._unsafeUnwrap();
    expect(image?.contentType).toBe('image/webp');
    expect([...(image?.bytes ?? [])]).toEqual([...WEBP]);

    expect(await codeOf(h.uploadShareImage({ actor: ADMIN, bytes: new TextEncoder().encode('GIF89a') }))).toBe('VALIDATION_FAILED');
    const huge = new Uint8Array(SHARE_IMAGE_MAX_BYTES + 1);
    huge.set(PNG);
    expect(await codeOf(h.uploadShareImage({ actor: ADMIN, bytes: huge }))).toBe('VALIDATION_FAILED');
    for (const actor of NON_ADMINS) expect(await codeOf(h.uploadShareImage({ actor, bytes: PNG }))).toBe('AUTHORIZATION_DENIED');
    expect((await h.getShareImage())._unsafeUnwrap()?.contentType).toBe('image/webp');
    expect((await h.getShareSettings())._unsafeUnwrap().version).toBe(2);
  });
});
