// The market tag routes (docs/api.md#market-tags) over the whole HTTP adapter on the memory fakes: who may call them,
// the vocabulary's rules, tags on created markets, topic pages and filters, and deactivation.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let admin: string;
let alice: string;

const RESOLUTION = new Date(TEST_NOW + 7 * 86_400_000).toISOString();

beforeEach(async () => {
  t = await createTestApp();
  admin = await t.user('boss', { role: 'ADMIN' });
  alice = await t.user('alice');
});
afterEach(() => t.close());

const createTag = (slug: string, extra: Record<string, unknown> = {}) =>
  t.inject({ method: 'POST', url: '/v0/admin/market-tags', headers: bearer(admin), payload: { slug, displayName: slug.toUpperCase(), ...extra } });

const createMarket = async (token: string, tagSlugs?: string[]) =>
  t.inject({
    method: 'POST',
    url: '/v0/markets',
    headers: bearer(token),
    payload: { questionTitle: 'Snow in May?', description: '', outcomeType: 'BINARY', resolutionDateTime: RESOLUTION, ...(tagSlugs === undefined ? {} : { tagSlugs }) },
  });

describe('who may administer tags', () => {
  it('answers 401 without a token and 403 to a user, a steward, a moderator and a suspended moderator; an admin succeeds', async () => {
    const moderator = await t.user('mod', { role: 'MODERATOR' });
    const suspended = await t.user('sus', { role: 'MODERATOR', suspended: true });
    expect((await createTag('weather')).statusCode).toBe(201);
    const market = (await createMarket(alice)).json();
    const requests = [
      { method: 'GET' as const, url: '/v0/admin/market-tags?includeInactive=true' },
      { method: 'POST' as const, url: '/v0/admin/market-tags', payload: { slug: 'sports', displayName: 'Sports' } },
      { method: 'PATCH' as const, url: '/v0/admin/market-tags/weather', payload: { sortOrder: 3 } },
      { method: 'PATCH' as const, url: `/v0/admin/markets/${String(market.id)}/tags`, payload: { tagSlugs: ['weather'] } },
    ];
    for (const request of requests) {
      const anonymous = await t.inject(request);
      expect(anonymous.statusCode, request.url).toBe(401);
      expect(anonymous.json()).toMatchObject({ ok: false, reason: 'INVALID_TOKEN' });
      // alice is the market's steward: stewardship gives no tag rights.
      for (const token of [alice, moderator, suspended]) {
        const denied = await t.inject({ ...request, headers: bearer(token) });
        expect(denied.statusCode, request.url).toBe(403);
        expect(denied.json()).toMatchObject({ ok: false, reason: 'AUTHORIZATION_DENIED' });
      }
      expect((await t.inject({ ...request, headers: bearer(admin) })).statusCode, request.url).toBeLessThan(300);
    }
    // The public list needs no token.
    expect((await t.inject({ method: 'GET', url: '/v0/market-tags' })).statusCode).toBe(200);
  });
});

describe('the tag vocabulary', () => {
  it('creates tags, lists the active ones publicly in order, and all of them with createdBy for admins', async () => {
    const created = await createTag('weather', { description: 'Rain and snow', colorKey: 'sky', sortOrder: 2 });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      ok: true,
      result: { id: expect.any(Number), slug: 'weather', displayName: 'WEATHER', description: 'Rain and snow', colorKey: 'sky', sortOrder: 2, isActive: true },
    });
    await createTag('sports', { sortOrder: 1 });
    await createTag('archive', { isActive: false });
    const publicList = (await t.inject({ method: 'GET', url: '/v0/market-tags' })).json();
    expect(publicList.result.total).toBe(2);
    expect(publicList.result.tags.map((tag: { slug: string }) => tag.slug)).toEqual(['sports', 'weather']);
    expect(publicList.result.tags[0]).not.toHaveProperty('description');
    const adminList = (await t.inject({ method: 'GET', url: '/v0/admin/market-tags?includeInactive=true', headers: bearer(admin) })).json();
    expect(adminList.result.tags.map((tag: { slug: string }) => tag.slug)).toEqual(['archive', 'sports', 'weather']);
    expect(adminList.result.tags[0]).toMatchObject({ createdBy: 'boss', isActive: false });
    const activeOnly = (await t.inject({ method: 'GET', url: '/v0/admin/market-tags?includeInactive=false', headers: bearer(admin) })).json();
    expect(activeOnly.result.total).toBe(2);
  });

  it('refuses a taken slug, a malformed slug, an over-long name, a bad colour key and markup with 400', async () => {
    await createTag('weather');
    const taken = await createTag('weather');
    expect(taken.statusCode).toBe(400);
    expect(taken.json()).toMatchObject({ reason: 'VALIDATION_FAILED', details: { fields: { slug: ['is already taken'] } } });
    for (const [slug, extra] of [
      ['Weather', {}],
      ['two--hyphens', {}],
      ['x'.repeat(65), {}],
      ['ok', { displayName: 'x'.repeat(121) }],
      ['ok', { displayName: '   ' }],
      ['ok', { colorKey: 'Sky Blue' }],
      ['ok', { description: '<script>alert(1)</script>' }],
      ['ok', { description: 'y'.repeat(501) }],
    ] as const) {
      const refused = await createTag(slug, extra);
      expect(refused.statusCode, `${slug} ${JSON.stringify(extra)}`).toBe(400);
      expect(['VALIDATION_FAILED', 'INVALID_REQUEST']).toContain(refused.json().reason);
    }
    expect((await t.inject({ method: 'GET', url: '/v0/market-tags' })).json().result.total).toBe(1);
  });

  it('changes the fields sent; deactivating needs confirmDeactivate; an unknown slug is 400', async () => {
    await createTag('weather', { description: 'Rain' });
    const renamed = await t.inject({ method: 'PATCH', url: '/v0/admin/market-tags/weather', headers: bearer(admin), payload: { displayName: 'Skies', sortOrder: 9 } });
    expect(renamed.json().result).toMatchObject({ slug: 'weather', displayName: 'Skies', description: 'Rain', sortOrder: 9, isActive: true });
    const unconfirmed = await t.inject({ method: 'PATCH', url: '/v0/admin/market-tags/weather', headers: bearer(admin), payload: { isActive: false } });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json()).toMatchObject({ reason: 'VALIDATION_FAILED', details: { fields: { confirmDeactivate: expect.any(Array) } } });
    expect((await t.inject({ method: 'GET', url: '/v0/market-tags' })).json().result.total).toBe(1);
    const unknown = await t.inject({ method: 'PATCH', url: '/v0/admin/market-tags/nothing', headers: bearer(admin), payload: { sortOrder: 1 } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ reason: 'VALIDATION_FAILED', details: { fields: { slug: ['names no tag'] } } });
  });
});

describe('tags on markets', () => {
  it('creates a market with tags, lists it on the topic page and by tag filter, and keeps the tag after deactivation', async () => {
    await createTag('weather', { sortOrder: 2 });
    await createTag('sports', { sortOrder: 1 });
    const created = await createMarket(alice, ['weather', 'sports']);
    expect(created.statusCode).toBe(201);
    expect(created.json().tags.map((tag: { slug: string }) => tag.slug)).toEqual(['sports', 'weather']);
    const untagged = (await createMarket(alice)).json();
    expect(untagged).not.toHaveProperty('tags');
    const id = created.json().id as number;

    const topic = (await t.inject({ method: 'GET', url: '/v0/read/market-discovery/weather?limit=21' })).json().result;
    expect(topic.markets.map((overview: { market: { id: number } }) => overview.market.id)).toEqual([id]);
    expect(topic.total).toBe(1);
    expect(topic.markets[0].market.tags.map((tag: { slug: string }) => tag.slug)).toEqual(['sports', 'weather']);
    const top = (await t.inject({ method: 'GET', url: '/v0/read/market-discovery/markets?tagSlug=sports' })).json().result;
    expect(top.markets.map((overview: { market: { id: number } }) => overview.market.id)).toEqual([id]);
    expect((await t.inject({ method: 'GET', url: '/v0/read/market-discovery/markets' })).json().result.total).toBe(2);
    expect((await t.inject({ method: 'GET', url: '/v0/markets?tagSlug=weather' })).json().markets).toHaveLength(1);
    expect((await t.inject({ method: 'GET', url: '/v0/markets?tagSlug=unknown' })).json().markets).toHaveLength(0);
    const search = (await t.inject({ method: 'GET', url: '/v0/markets/search?query=snow&tagSlug=weather' })).json();
    expect(search.primaryResults.map((overview: { market: { id: number } }) => overview.market.id)).toEqual([id]);

    const deactivated = await t.inject({
      method: 'PATCH',
      url: '/v0/admin/market-tags/weather',
      headers: bearer(admin),
      payload: { isActive: false, confirmDeactivate: true },
    });
    expect(deactivated.json().result.isActive).toBe(false);
    expect((await t.inject({ method: 'GET', url: '/v0/market-tags' })).json().result.tags.map((tag: { slug: string }) => tag.slug)).toEqual(['sports']);
    const details = (await t.inject({ method: 'GET', url: `/v0/markets/${String(id)}` })).json();
    expect(details.market.tags).toEqual([
      expect.objectContaining({ slug: 'sports', isActive: true }),
      expect.objectContaining({ slug: 'weather', isActive: false }),
    ]);
    // A new market may not take the inactive tag.
    const refused = await createMarket(alice, ['weather']);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ reason: 'VALIDATION_FAILED', details: { fields: { tagSlugs: ['names an inactive tag: weather'] } } });
  });

  it('refuses more than five, repeated or unknown tags at creation', async () => {
    for (const slug of ['a', 'b', 'c', 'd', 'e', 'f']) await createTag(slug);
    expect((await createMarket(alice, ['a', 'b', 'c', 'd', 'e', 'f'])).statusCode).toBe(400);
    expect((await createMarket(alice, ['a', 'a'])).statusCode).toBe(400);
    const unknown = await createMarket(alice, ['zzz']);
    expect(unknown.json()).toMatchObject({ reason: 'VALIDATION_FAILED', details: { fields: { tagSlugs: ['names no tag: zzz'] } } });
    expect((await t.inject({ method: 'GET', url: '/v0/markets' })).json().markets).toHaveLength(0);
  });

  it('lets an admin replace a market’s tags, keeping a deactivated one it already carries', async () => {
    await createTag('weather');
    await createTag('sports');
    await createTag('old');
    const id = (await createMarket(alice, ['old'])).json().id as number;
    await t.inject({ method: 'PATCH', url: '/v0/admin/market-tags/old', headers: bearer(admin), payload: { isActive: false, confirmDeactivate: true } });
    const set = await t.inject({ method: 'PATCH', url: `/v0/admin/markets/${String(id)}/tags`, headers: bearer(admin), payload: { tagSlugs: ['old', 'weather'] } });
    expect(set.statusCode).toBe(200);
    expect(set.json().result).toMatchObject({ id, creatorUsername: 'alice' });
    expect(set.json().result.tags.map((tag: { slug: string }) => tag.slug)).toEqual(['old', 'weather']);
    const cleared = await t.inject({ method: 'PATCH', url: `/v0/admin/markets/${String(id)}/tags`, headers: bearer(admin), payload: { tagSlugs: [] } });
    expect(cleared.json().result).not.toHaveProperty('tags');
    // Once dropped, the inactive tag cannot come back.
    const again = await t.inject({ method: 'PATCH', url: `/v0/admin/markets/${String(id)}/tags`, headers: bearer(admin), payload: { tagSlugs: ['old'] } });
    expect(again.statusCode).toBe(400);
    const missing = await t.inject({ method: 'PATCH', url: '/v0/admin/markets/999/tags', headers: bearer(admin), payload: { tagSlugs: [] } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ reason: 'MARKET_NOT_FOUND' });
  });
});
