// Market tags end to end over HTTP on PostgreSQL (docs/api.md#market-tags): tags created by the admin, a market
// created with them, its topic page, and deactivation — gone from the public list, still on the market.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresApp, type PostgresApp } from './helpers/postgres-app.ts';
import { ScenarioDriver } from './helpers/scenario-driver.ts';

let app: PostgresApp;
let s: ScenarioDriver;

const slugsOf = (tags: { slug: string }[] | undefined) => (tags ?? []).map((tag) => tag.slug);

describe('market tags on PostgreSQL', () => {
  beforeEach(async () => {
    app = await createPostgresApp();
    s = new ScenarioDriver(app);
    await s.admin();
  });

  afterEach(async () => {
    await app.close();
  });

  it('creates tags and a tagged market, lists it on the topic page, and keeps the tag on it after deactivation', async () => {
    for (const [slug, sortOrder] of [['weather', 2], ['sports', 1]] as const) {
      const created = await s.request('POST', '/v0/admin/market-tags', { as: 'admin', body: { slug, displayName: slug, sortOrder } });
      expect(created.statusCode, created.body).toBe(201);
    }
    expect((await s.request('POST', '/v0/admin/market-tags', { as: 'admin', body: { slug: 'weather', displayName: 'again' } })).statusCode).toBe(400);
    await s.user('amy');
    const market = await s.request('POST', '/v0/markets', {
      as: 'amy',
      body: {
        questionTitle: 'Snow in May?',
        description: '',
        outcomeType: 'BINARY',
        resolutionDateTime: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        tagSlugs: ['weather', 'sports'],
      },
    });
    expect(market.statusCode, market.body).toBe(201);
    expect(slugsOf(market.json().tags)).toEqual(['sports', 'weather']);
    const id = market.json().id as number;
    await s.createMarket('amy');

    const topic = (await s.request('GET', '/v0/read/market-discovery/weather?limit=21')).json().result;
    expect(topic.total).toBe(1);
    expect(topic.markets[0].market.id).toBe(id);
    expect(slugsOf(topic.markets[0].market.tags)).toEqual(['sports', 'weather']);

    const refused = await app.inject({
      method: 'PATCH',
      url: '/v0/admin/market-tags/weather',
      headers: { authorization: `Bearer ${s.tokens.get('admin') ?? ''}` },
      payload: { isActive: false },
    });
    expect(refused.statusCode).toBe(400);
    const deactivated = await app.inject({
      method: 'PATCH',
      url: '/v0/admin/market-tags/weather',
      headers: { authorization: `Bearer ${s.tokens.get('admin') ?? ''}` },
      payload: { isActive: false, confirmDeactivate: true },
    });
    expect(deactivated.statusCode, deactivated.body).toBe(200);

    expect(slugsOf((await s.request('GET', '/v0/market-tags')).json().result.tags)).toEqual(['sports']);
    const details = (await s.request('GET', `/v0/markets/${String(id)}`)).json();
    expect(details.market.tags).toEqual([
      expect.objectContaining({ slug: 'sports', isActive: true }),
      expect.objectContaining({ slug: 'weather', isActive: false }),
    ]);
    // The topic page of the deactivated tag still lists the market that carries it.
    expect((await s.request('GET', '/v0/read/market-discovery/weather')).json().result.total).toBe(1);
    await s.expectSoundBooks();
  });
});
