// Content editing and social sharing end to end over HTTP on PostgreSQL (docs/api.md#site-content,
// docs/api.md#social-sharing): the admin saves the home page, a discovery layout with a pinned market and the share
// card, uploads an image, and anonymous callers read all of it back — the image byte for byte, the shared page with it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresApp, type PostgresApp } from './helpers/postgres-app.ts';
import { multipart, PNG_BYTES } from './helpers/multipart.ts';
import { ScenarioDriver } from './helpers/scenario-driver.ts';

let app: PostgresApp;
let s: ScenarioDriver;

describe('site content on PostgreSQL', () => {
  beforeEach(async () => {
    app = await createPostgresApp();
    s = new ScenarioDriver(app);
    await s.admin();
  });

  afterEach(async () => {
    await app.close();
  });

  it('saves home, discovery, pins, share card and image, and serves them publicly', async () => {
    const home = await s.request('PUT', '/v0/admin/content/home', {
      as: 'admin',
      body: { title: 'Welcome', format: 'markdown', markdown: '# Hello\n\n<script>alert(1)</script>\n\nTrade **now**.', version: 1 },
    });
    expect(home.statusCode, home.body).toBe(200);
    const publicHome = (await s.request('GET', '/v0/content/home')).json().result;
    expect(publicHome).toMatchObject({ title: 'Welcome', version: 2 });
    expect(publicHome.html).toContain('<h1>Hello</h1>');
    expect(publicHome.html).toContain('<strong>now</strong>');
    expect(publicHome.html).not.toContain('script');

    await s.user('amy');
    const market = await s.request('POST', '/v0/markets', {
      as: 'amy',
      body: { questionTitle: 'Snow in May?', description: '', outcomeType: 'BINARY', resolutionDateTime: new Date(Date.now() + 7 * 86_400_000).toISOString() },
    });
    expect(market.statusCode, market.body).toBe(201);
    const marketId = market.json().id as number;

    const layout = await s.request('PUT', '/v0/admin/content/market-discovery/markets', { as: 'admin', body: { title: 'All markets', version: 1 } });
    expect(layout.statusCode, layout.body).toBe(200);
    const pins = await s.request('PUT', '/v0/admin/content/market-discovery/markets/pins', {
      as: 'admin',
      body: { pins: [{ pinType: 'market', marketId, label: 'Pick', sortOrder: 0 }] },
    });
    expect(pins.statusCode, pins.body).toBe(200);
    const stale = await s.request('PUT', '/v0/admin/content/market-discovery/markets', { as: 'admin', body: { title: 'Stale', version: 1 } });
    expect(stale.statusCode).toBe(409);
    const discovery = (await s.request('GET', '/v0/read/market-discovery/markets?limit=1&offset=0')).json().result;
    expect(discovery.layout).toMatchObject({ title: 'All markets', version: 2 });
    expect(discovery.pinnedMarkets.map((pinned: { details: { market: { id: number } } }) => pinned.details.market.id)).toEqual([marketId]);

    const card = await s.request('PUT', '/v0/admin/content/social-share', {
      as: 'admin',
      body: { siteName: 'Predict', defaultDescription: 'Bets on the future', defaultImageUrl: '', imageAlt: '', version: 1 },
    });
    expect(card.statusCode, card.body).toBe(200);
    const body = multipart([
      { name: 'image', value: PNG_BYTES, filename: 'logo.png', contentType: 'image/png' },
      { name: 'imageAlt', value: 'Logo' },
    ]);
    const uploaded = await app.inject({
      method: 'POST',
      url: '/v0/admin/content/social-share/image',
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${s.tokens.get('admin') ?? ''}` },
    });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect((await s.request('GET', '/v0/content/social-share')).json().result).toMatchObject({
      siteName: 'Predict',
      defaultImageUrl: '/api/v0/content/social-share/image',
      imageEnabled: true,
      imageAlt: 'Logo',
      version: 3,
    });
    const image = await app.inject({ method: 'GET', url: '/api/v0/content/social-share/image' });
    expect([image.statusCode, image.headers['content-type']]).toEqual([200, 'image/png']);
    expect([...image.rawPayload]).toEqual([...PNG_BYTES]);

    const page = await app.inject({ method: 'GET', url: `/markets/${String(marketId)}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<meta property="og:title" content="Snow in May?">');
    expect(page.body).toContain('<meta property="og:description" content="Current probability: 50%. Bets on the future">');
    expect(page.body).toMatch(/<meta property="og:image" content="[^"]+\/api\/v0\/content\/social-share\/image">/);
  });
});
