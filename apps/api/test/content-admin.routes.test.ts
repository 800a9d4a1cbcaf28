// Content editing and social sharing over the whole HTTP adapter on the memory fakes (docs/api.md#site-content,
// docs/api.md#social-sharing): who may call each admin route, the documented errors, and the public reads serving
// what was saved.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { bearer, createTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts';
import { JPEG_BYTES, multipart, PNG_BYTES, WEBP_BYTES } from './helpers/multipart.ts';

let t: TestApp;
let admin: string;
let alice: string;

const RESOLUTION = new Date(TEST_NOW + 7 * 86_400_000).toISOString();
const HOME = '/v0/admin/content/home';
const SHARE = '/v0/admin/content/social-share';
const IMAGE = '/v0/admin/content/social-share/image';
const share = { siteName: 'Predict', defaultDescription: 'Bets on the future', defaultImageUrl: '', imageAlt: '', version: 1 };

beforeEach(async () => {
  t = await createTestApp({ PUBLIC_BASE_URL: 'https://predict.example/' });
  admin = await t.user('boss', { role: 'ADMIN' });
  alice = await t.user('alice');
});
afterEach(() => t.close());

const createMarket = async (questionTitle = 'Snow in May?') =>
  (
    await t.inject({
      method: 'POST',
      url: '/v0/markets',
      headers: bearer(alice),
      payload: { questionTitle, description: '', outcomeType: 'BINARY', resolutionDateTime: RESOLUTION },
    })
  ).json() as { id: number };

const upload = (token: string | undefined, bytes: Uint8Array, imageAlt?: string) => {
  const body = multipart([
    ...(imageAlt === undefined ? [] : [{ name: 'imageAlt', value: imageAlt }]),
    { name: 'image', value: bytes, filename: 'card.png', contentType: 'image/png' },
  ]);
  return t.inject({ method: 'POST', url: IMAGE, payload: body.payload, headers: { ...body.headers, ...(token === undefined ? {} : bearer(token)) } });
};

describe('who may edit content', () => {
  it('answers 401 without a token and 403 to a user and a moderator on every admin content route; nothing is saved', async () => {
    const moderator = await t.user('mod', { role: 'MODERATOR' });
    const writes = [
      { method: 'PUT' as const, url: HOME, payload: { title: 'Hi', format: 'markdown', markdown: '# Hi', version: 0 } },
      { method: 'PUT' as const, url: '/v0/admin/content/market-discovery/markets', payload: { title: 'All', version: 0 } },
      { method: 'PUT' as const, url: '/v0/admin/content/market-discovery/markets/pins', payload: { pins: [] } },
      { method: 'PUT' as const, url: SHARE, payload: { ...share, version: 0 } },
    ];
    for (const request of writes) {
      const anonymous = await t.inject(request);
      expect([anonymous.statusCode, anonymous.json().reason]).toEqual([401, 'INVALID_TOKEN']);
      for (const token of [alice, moderator]) {
        const denied = await t.inject({ ...request, headers: bearer(token) });
        expect([denied.statusCode, denied.json().reason], request.url).toEqual([403, 'AUTHORIZATION_DENIED']);
      }
      expect((await t.inject({ ...request, headers: bearer(admin) })).statusCode, request.url).toBe(200);
    }
    expect((await upload(undefined, PNG_BYTES)).statusCode).toBe(401);
    for (const token of [alice, moderator]) expect((await upload(token, PNG_BYTES)).json().reason).toBe('AUTHORIZATION_DENIED');
    expect((await t.inject({ method: 'GET', url: '/v0/content/social-share/image' })).statusCode).toBe(404);
  });

  it('answers 405 to a wrong method on the admin content paths', async () => {
    for (const url of [HOME, SHARE, '/v0/admin/content/market-discovery/markets']) {
      const wrong = await t.inject({ method: 'DELETE', url, headers: bearer(admin) });
      expect([wrong.statusCode, wrong.json().reason]).toEqual([405, 'METHOD_NOT_ALLOWED']);
    }
  });
});

describe('home page', () => {
  it('serves the seeded page, then renders saved Markdown to sanitised HTML and bumps the version', async () => {
    const seeded = (await t.inject({ method: 'GET', url: '/v0/content/home' })).json().result;
    expect(seeded).toMatchObject({ title: 'Home', format: 'markdown', version: 1 });
    const saved = await t.inject({
      method: 'PUT',
      url: HOME,
      headers: bearer(admin),
      payload: { title: 'Welcome', format: 'markdown', markdown: '# Hello\n\nSee [the markets](https://predict.example/markets).', html: '<b>ignored</b>', version: 1 },
    });
    expect(saved.statusCode).toBe(200);
    const page = saved.json().result;
    expect(page).toMatchObject({ title: 'Welcome', format: 'markdown', version: 2 });
    expect(page.html).toBe('<h1>Hello</h1>\n<p>See <a href="https://predict.example/markets" rel="noopener noreferrer">the markets</a>.</p>');
    expect((await t.inject({ method: 'GET', url: '/v0/content/home' })).json().result).toEqual(page);
  });

  it('keeps allowed HTML as sent and refuses a stale version with 409 INVALID_STATE', async () => {
    const html = '<h2>Rules</h2><ul><li><strong>Trade</strong></li></ul>';
    const saved = await t.inject({ method: 'PUT', url: HOME, headers: bearer(admin), payload: { title: 'Rules', format: 'html', html, version: 1 } });
    expect(saved.json().result.html).toBe(html);
    const stale = await t.inject({ method: 'PUT', url: HOME, headers: bearer(admin), payload: { title: 'Old', format: 'html', html: '<p>x</p>', version: 1 } });
    expect([stale.statusCode, stale.json().reason]).toEqual([409, 'INVALID_STATE']);
    expect((await t.inject({ method: 'GET', url: '/v0/content/home' })).json().result).toMatchObject({ title: 'Rules', version: 2 });
  });

  it('refuses a missing title, an unknown format, a string version and control characters with 400', async () => {
    const bad = [
      [{ format: 'markdown', version: 1 }, 'VALIDATION_FAILED'],
      [{ title: 'x', format: 'pdf', version: 1 }, 'VALIDATION_FAILED'],
      [{ title: 'x', format: 'markdown', version: '1' }, 'INVALID_REQUEST'],
      [{ title: 'x', format: 'markdown', markdown: 'a\u0000b', version: 1 }, 'VALIDATION_FAILED'],
      [{ title: 'a\u202eb', format: 'markdown', version: 1 }, 'VALIDATION_FAILED'],
    ] as const;
    for (const [payload, reason] of bad) {
      const refused = await t.inject({ method: 'PUT', url: HOME, headers: bearer(admin), payload });
      expect([refused.statusCode, refused.json().reason], JSON.stringify(payload)).toEqual([400, reason]);
    }
    expect((await t.inject({ method: 'GET', url: '/v0/content/home' })).json().result.version).toBe(1);
  });
});

describe('discovery pages and pins', () => {
  it('saves layout fields over the default, keeps pins apart, and serves both publicly', async () => {
    const market = await createMarket();
    const page = await t.inject({
      method: 'PUT',
      url: '/v0/admin/content/market-discovery/markets',
      headers: bearer(admin),
      payload: { title: 'All markets', featuredMarketsEnabled: true, curatedRecommendationLimit: 8, version: 1 },
    });
    expect(page.statusCode).toBe(200);
    expect(page.json().result).toMatchObject({ slug: 'markets', title: 'All markets', featuredMarketsEnabled: true, recommendationLimit: 8, version: 2, pins: [] });

    const pins = await t.inject({
      method: 'PUT',
      url: '/v0/admin/content/market-discovery/markets/pins',
      headers: bearer(admin),
      payload: {
        pins: [
          { pinType: 'discovery_page', targetPageSlug: 'sports', label: 'Sports', sortOrder: 2 },
          { pinType: 'market', marketId: market.id, label: 'Pick', sortOrder: 1 },
        ],
      },
    });
    expect(pins.statusCode).toBe(200);
    const stored = pins.json().result;
    expect(stored.version).toBe(2);
    expect(stored.pins.map((pin: { label: string }) => pin.label)).toEqual(['Pick', 'Sports']);
    expect((await t.inject({ method: 'GET', url: '/v0/content/market-discovery/markets' })).json().result).toEqual(stored);

    const read = (await t.inject({ method: 'GET', url: '/v0/read/market-discovery/markets?limit=1&offset=0' })).json().result;
    expect(read.layout).toEqual(stored);
    expect(read.pinnedMarkets).toHaveLength(1);
    expect(read.pinnedMarkets[0].pin).toMatchObject({ marketId: market.id, label: 'Pick' });
    expect(read.pinnedMarkets[0].details.market).toMatchObject({ id: market.id, questionTitle: 'Snow in May?' });
    // A secondary page still has its default layout and names the edited top page as its topic navigation.
    const topic = (await t.inject({ method: 'GET', url: '/v0/read/market-discovery/sports' })).json().result;
    expect(topic.layout).toMatchObject({ slug: 'sports', searchScope: 'tag', version: 1 });
    expect(topic.topicNav).toEqual(stored);
  });

  it('accepts pins as the web app sends them: a page pin with marketId 0, a market pin with targetPageSlug ""', async () => {
    const market = await createMarket();
    const PINS = '/v0/admin/content/market-discovery/markets/pins';
    // The body of the web app's "Save Pins" after adding one topic pin and one market pin (docs/api.md#site-content).
    const saved = await t.inject({
      method: 'PUT',
      url: PINS,
      headers: bearer(admin),
      payload: {
        pins: [
          { pinType: 'discovery_page', marketId: 0, targetPageSlug: 'sports', label: 'Sports', sortOrder: 1 },
          { pinType: 'market', marketId: market.id, targetPageSlug: '', label: '', sortOrder: 2 },
        ],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // Stored as "none": the public page shows neither zero value.
    expect((await t.inject({ method: 'GET', url: '/v0/content/market-discovery/markets' })).json().result.pins).toEqual([
      { id: expect.any(Number), pinType: 'discovery_page', targetPageSlug: 'sports', label: 'Sports', sortOrder: 1 },
      { id: expect.any(Number), pinType: 'market', marketId: market.id, label: '', sortOrder: 2 },
    ]);
    // Zero values do not stand in for the field a pin needs; a market pin not yet given its market is malformed.
    const refused = [
      [{ pinType: 'market', marketId: 0, targetPageSlug: '' }, 'VALIDATION_FAILED'],
      [{ pinType: 'discovery_page', marketId: 0, targetPageSlug: '' }, 'VALIDATION_FAILED'],
      [{ pinType: 'market', marketId: '', targetPageSlug: '' }, 'INVALID_REQUEST'],
      [{ pinType: 'market', marketId: -1 }, 'VALIDATION_FAILED'],
    ] as const;
    for (const [pin, reason] of refused) {
      const response = await t.inject({ method: 'PUT', url: PINS, headers: bearer(admin), payload: { pins: [pin] } });
      expect([response.statusCode, response.json().reason], JSON.stringify(pin)).toEqual([400, reason]);
    }
  });

  it('answers the documented errors: 400 for a bad slug or body, 404 for an unknown market, 409 for a stale version', async () => {
    const badSlug = await t.inject({ method: 'PUT', url: '/v0/admin/content/market-discovery/Not_A_Slug', headers: bearer(admin), payload: { version: 0 } });
    expect([badSlug.statusCode, badSlug.json().reason]).toEqual([400, 'INVALID_REQUEST']);
    const scope = await t.inject({ method: 'PUT', url: '/v0/admin/content/market-discovery/markets', headers: bearer(admin), payload: { searchScope: 'tag', version: 1 } });
    expect([scope.statusCode, scope.json().reason]).toEqual([400, 'VALIDATION_FAILED']);
    const limit = await t.inject({ method: 'PUT', url: '/v0/admin/content/market-discovery/markets', headers: bearer(admin), payload: { defaultRecommendationLimit: 0, version: 1 } });
    expect([limit.statusCode, limit.json().reason]).toEqual([400, 'VALIDATION_FAILED']);
    (await t.inject({ method: 'PUT', url: '/v0/admin/content/market-discovery/markets', headers: bearer(admin), payload: { title: 'One', version: 1 } })).json();
    const stale = await t.inject({ method: 'PUT', url: '/v0/admin/content/market-discovery/markets', headers: bearer(admin), payload: { title: 'Two', version: 1 } });
    expect([stale.statusCode, stale.json().reason]).toEqual([409, 'INVALID_STATE']);

    const unknown = await t.inject({ method: 'PUT', url: '/v0/admin/content/market-discovery/markets/pins', headers: bearer(admin), payload: { pins: [{ pinType: 'market', marketId: 999 }] } });
    expect([unknown.statusCode, unknown.json().reason]).toEqual([404, 'MARKET_NOT_FOUND']);
    const targetless = await t.inject({ method: 'PUT', url: '/v0/admin/content/market-discovery/markets/pins', headers: bearer(admin), payload: { pins: [{ pinType: 'discovery_page' }] } });
    expect([targetless.statusCode, targetless.json().reason]).toEqual([400, 'VALIDATION_FAILED']);
    const tooMany = await t.inject({
      method: 'PUT',
      url: '/v0/admin/content/market-discovery/markets/pins',
      headers: bearer(admin),
      payload: { pins: Array.from({ length: 51 }, () => ({ pinType: 'discovery_page', targetPageSlug: 'sports' })) },
    });
    expect([tooMany.statusCode, tooMany.json().reason]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await t.inject({ method: 'GET', url: '/v0/content/market-discovery/markets' })).json().result).toMatchObject({ title: 'One', pins: [] });
  });
});

describe('social sharing', () => {
  it('saves the card with the version read and refuses a stale one, over-long texts and a javascript: image URL', async () => {
    const defaults = (await t.inject({ method: 'GET', url: '/v0/content/social-share' })).json().result;
    expect(defaults).toMatchObject({ siteName: 'SocialPredict', defaultDescription: '', imageEnabled: false, version: 1 });
    const saved = await t.inject({ method: 'PUT', url: SHARE, headers: bearer(admin), payload: { ...share, defaultImageUrl: 'https://cdn.example/card.png', imageEnabled: true } });
    expect(saved.json().result).toMatchObject({ siteName: 'Predict', defaultImageUrl: 'https://cdn.example/card.png', imageEnabled: true, version: 2 });
    expect((await t.inject({ method: 'GET', url: '/v0/content/social-share' })).json().result).toEqual(saved.json().result);
    const stale = await t.inject({ method: 'PUT', url: SHARE, headers: bearer(admin), payload: share });
    expect([stale.statusCode, stale.json().reason]).toEqual([409, 'INVALID_STATE']);
    for (const change of [{ siteName: '' }, { siteName: 'x'.repeat(81) }, { defaultDescription: 'x'.repeat(221) }, { imageAlt: 'x'.repeat(161) }, { defaultImageUrl: 'javascript:alert(1)' }]) {
      const refused = await t.inject({ method: 'PUT', url: SHARE, headers: bearer(admin), payload: { ...share, ...change, version: 2 } });
      expect([refused.statusCode, refused.json().reason], JSON.stringify(change)).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('stores an uploaded image, points the card at it and serves it on both paths with the crawler headers', async () => {
    const uploaded = await upload(admin, WEBP_BYTES, 'Our logo');
    expect(uploaded.statusCode).toBe(200);
    expect(uploaded.json().result).toMatchObject({ defaultImageUrl: '/api/v0/content/social-share/image', imageEnabled: true, imageAlt: 'Our logo', version: 2 });
    for (const url of ['/v0/content/social-share/image', '/api/v0/content/social-share/image']) {
      const image = await t.inject({ method: 'GET', url, headers: { origin: 'https://elsewhere.example' } });
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/webp');
      expect(image.headers['access-control-allow-origin']).toBe('*');
      expect(image.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(image.headers['cache-control']).toBe('public, max-age=300');
      expect([...image.rawPayload]).toEqual([...WEBP_BYTES]);
      const head = await t.inject({ method: 'HEAD', url });
      expect([head.statusCode, head.headers['content-type'], head.body]).toEqual([200, 'image/webp', '']);
    }
    // A JPEG replaces it.
    expect((await upload(admin, JPEG_BYTES)).json().result).toMatchObject({ imageAlt: 'Our logo', version: 3 });
    expect((await t.inject({ method: 'GET', url: '/v0/content/social-share/image' })).headers['content-type']).toBe('image/jpeg');
  });

  it('refuses what is not an image by its bytes (400), an oversized file (413), a JSON body (415) and a missing file (400)', async () => {
    const svg = await upload(admin, new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'));
    expect([svg.statusCode, svg.json().reason]).toEqual([400, 'VALIDATION_FAILED']);
    const huge = new Uint8Array(5 * 1024 * 1024 + 1);
    huge.set(PNG_BYTES);
    const tooLarge = await upload(admin, huge);
    expect([tooLarge.statusCode, tooLarge.json().reason]).toEqual([413, 'INVALID_REQUEST']);
    const json = await t.inject({ method: 'POST', url: IMAGE, headers: bearer(admin), payload: { image: 'x' } });
    expect([json.statusCode, json.json().reason]).toEqual([415, 'INVALID_REQUEST']);
    // Only the upload route takes multipart: every other body route still answers 415.
    const elsewhere = multipart([{ name: 'questionTitle', value: 'x' }]);
    const refusedElsewhere = await t.inject({ method: 'PUT', url: SHARE, payload: elsewhere.payload, headers: { ...elsewhere.headers, ...bearer(admin) } });
    expect([refusedElsewhere.statusCode, refusedElsewhere.json().reason]).toEqual([415, 'INVALID_REQUEST']);
    const altOnly = multipart([{ name: 'imageAlt', value: 'alt' }]);
    const missing = await t.inject({ method: 'POST', url: IMAGE, payload: altOnly.payload, headers: { ...altOnly.headers, ...bearer(admin) } });
    expect([missing.statusCode, missing.json().reason]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await t.inject({ method: 'GET', url: '/v0/content/social-share/image' })).json().reason).toBe('NOT_FOUND');
    expect((await t.inject({ method: 'GET', url: '/v0/content/social-share' })).json().result.version).toBe(1);
  });
});

describe('the shared market page', () => {
  it('carries the OpenGraph and Twitter tags, the probability and the canonical URL, cached for five minutes', async () => {
    const market = await createMarket('Rain in Paris?');
    await upload(admin, PNG_BYTES, 'Logo');
    const page = await t.inject({ method: 'GET', url: `/markets/${String(market.id)}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('public, max-age=300');
    const url = `https://predict.example/markets/${String(market.id)}`;
    expect(page.body).toContain('<meta property="og:title" content="Rain in Paris?">');
    expect(page.body).toContain('<meta property="og:description" content="Current probability: 50%.">');
    expect(page.body).toContain(`<meta property="og:url" content="${url}">`);
    expect(page.body).toContain(`<link rel="canonical" href="${url}">`);
    expect(page.body).toContain('<meta property="og:image" content="https://predict.example/api/v0/content/social-share/image">');
    expect(page.body).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(page.body).toContain(`<a href="${url}">`);
  });

  it('answers 400 JSON for an id that is not plain digits and 404 for an unknown market', async () => {
    for (const id of ['abc', '01', '1.5', '0', '99999999999999999']) {
      const bad = await t.inject({ method: 'GET', url: `/markets/${id}` });
      expect([bad.statusCode, bad.json().reason], id).toEqual([400, 'INVALID_REQUEST']);
    }
    const unknown = await t.inject({ method: 'GET', url: '/markets/999' });
    expect([unknown.statusCode, unknown.json().reason]).toEqual([404, 'MARKET_NOT_FOUND']);
  });

  it('is the web app’s index.html with the tags first in <head> when WEB_APP_DIR is set', async () => {
    const dir = fileURLToPath(new URL('./fixtures/web-app', import.meta.url));
    const served = await createTestApp({ WEB_APP_DIR: dir, PUBLIC_BASE_URL: 'https://predict.example' });
    try {
      const owner = await served.user('owner');
      const created = await served.inject({
        method: 'POST',
        url: '/v0/markets',
        headers: bearer(owner),
        payload: { questionTitle: 'Sun in June?', description: '', outcomeType: 'BINARY', resolutionDateTime: RESOLUTION },
      });
      const page = await served.inject({ method: 'GET', url: `/markets/${String(created.json().id)}`, headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('SocialPredict fixture');
      expect(page.body).toMatch(/^<!doctype html><html><head>\n<title>Sun in June\? · SocialPredict<\/title>[\s\S]*<script src="\/env-config.js"><\/script><\/head>/);
      // No image was uploaded: a plain summary card without og:image.
      expect(page.body).toContain('<meta name="twitter:card" content="summary">');
      expect(page.body).not.toContain('og:image');
    } finally {
      await served.close();
    }
  });
});
