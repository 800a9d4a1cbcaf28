// Markup in every stored content field comes out inert (docs/security.md#site-content): the home page through the
// allow-list, the other texts stripped of tags or refused, and every value on the shared market page HTML-escaped —
// also values that reached storage without passing the HTTP boundary (defence in depth).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestApp, TEST_NOW, type TestApp } from './helpers/test-app.ts';

let t: TestApp;
let admin: string;

const HOME = '/v0/admin/content/home';
const PAGE = '/v0/admin/content/market-discovery/markets';
const SHARE = '/v0/admin/content/social-share';

/** What must never reach a browser as live markup. */
const LIVE = [/<script/i, /<style/i, /<iframe/i, /<object/i, /<embed/i, /<svg/i, /<form/i, /\son[a-z]+\s*=/i, /javascript:/i, /vbscript:/i, /data:/i, /style=/i];
const expectInert = (html: string) => {
  for (const pattern of LIVE) expect(html, `${String(pattern)} in ${html}`).not.toMatch(pattern);
};

beforeEach(async () => {
  t = await createTestApp();
  admin = await t.user('boss', { role: 'ADMIN' });
});
afterEach(() => t.close());

describe('home page', () => {
  const attacks = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<img src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
    '<a href="&#106;avascript:alert(1)">encoded</a>',
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    '<a href="//evil.example/">protocol relative</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<style>body{display:none}</style>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<svg onload=alert(1)><circle/></svg>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<form action="https://evil.example"><input name=x></form>',
    '<div onclick="alert(1)" onmouseover="alert(2)">hover</div>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  ];

  it('renders Markdown with embedded attacks to inert HTML', async () => {
    for (const attack of attacks) {
      const markdown = `# Title\n\n${attack}\n\n[link](javascript:alert(1)) ![img](javascript:alert(2))`;
      const saved = await t.inject({ method: 'PUT', url: HOME, headers: bearer(admin), payload: { title: 'Home', format: 'markdown', markdown, version: 0 } });
      expect(saved.statusCode, attack).toBe(200);
      expectInert(saved.json().result.html);
      expect(saved.json().result.html).toContain('<h1>Title</h1>');
      expectInert((await t.inject({ method: 'GET', url: '/v0/content/home' })).json().result.html);
    }
  });

  it('sanitises HTML sent as HTML, keeping the allowed structure', async () => {
    for (const attack of attacks) {
      const saved = await t.inject({ method: 'PUT', url: HOME, headers: bearer(admin), payload: { title: 'Home', format: 'html', html: `<p>kept</p>${attack}`, version: 0 } });
      expect(saved.statusCode, attack).toBe(200);
      const { html } = saved.json().result;
      expectInert(html);
      expect(html.startsWith('<p>kept</p>'), html).toBe(true);
    }
  });

  it('stores a title as plain text, refusing script', async () => {
    const stripped = await t.inject({ method: 'PUT', url: HOME, headers: bearer(admin), payload: { title: '<b>Bold</b> home', format: 'html', html: '', version: 0 } });
    expect(stripped.json().result.title).toBe('Bold home');
    const refused = await t.inject({ method: 'PUT', url: HOME, headers: bearer(admin), payload: { title: '<script>alert(1)</script>', format: 'html', html: '', version: 0 } });
    expect([refused.statusCode, refused.json().reason]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('discovery pages and share card', () => {
  it('strips tags from titles, descriptions and pin labels, and refuses script or encoded script', async () => {
    const page = await t.inject({ method: 'PUT', url: PAGE, headers: bearer(admin), payload: { title: '<i>All</i> markets', description: '<b>Every</b> market', version: 0 } });
    expect(page.json().result).toMatchObject({ title: 'All markets', description: 'Every market' });
    const pins = await t.inject({
      method: 'PUT',
      url: `${PAGE}/pins`,
      headers: bearer(admin),
      payload: { pins: [{ pinType: 'discovery_page', targetPageSlug: 'sports', label: '<em>Sports</em> &amp; games' }] },
    });
    expect(pins.json().result.pins[0].label).toBe('Sports & games');
    for (const payload of [
      { title: '<script>alert(1)</script>', version: 0 },
      { description: '&lt;iframe src=x&gt;', version: 0 },
      { title: '<img src=x onerror=alert(1)>', version: 0 },
    ]) {
      const refused = await t.inject({ method: 'PUT', url: PAGE, headers: bearer(admin), payload });
      expect([refused.statusCode, refused.json().reason], JSON.stringify(payload)).toEqual([400, 'VALIDATION_FAILED']);
    }
    const label = await t.inject({ method: 'PUT', url: `${PAGE}/pins`, headers: bearer(admin), payload: { pins: [{ pinType: 'discovery_page', targetPageSlug: 'x', label: '<a href="javascript:alert(1)">x</a>' }] } });
    expect([label.statusCode, label.json().reason]).toEqual([400, 'VALIDATION_FAILED']);
    const stored = (await t.inject({ method: 'GET', url: '/v0/content/market-discovery/markets' })).json().result;
    expect(JSON.stringify(stored)).not.toMatch(/<|javascript:/i);
  });

  it('strips tags from the share texts and refuses script in them', async () => {
    const saved = await t.inject({
      method: 'PUT',
      url: SHARE,
      headers: bearer(admin),
      payload: { siteName: '<b>Predict</b>', defaultDescription: '<i>Bets</i>', defaultImageUrl: '', imageAlt: '<u>Logo</u>', version: 0 },
    });
    expect(saved.json().result).toMatchObject({ siteName: 'Predict', defaultDescription: 'Bets', imageAlt: 'Logo' });
    for (const field of ['siteName', 'defaultDescription', 'imageAlt']) {
      const refused = await t.inject({
        method: 'PUT',
        url: SHARE,
        headers: bearer(admin),
        payload: { siteName: 'Predict', defaultDescription: '', defaultImageUrl: '', imageAlt: '', version: 0, [field]: '<script>alert(1)</script>' },
      });
      expect([refused.statusCode, refused.json().reason], field).toEqual([400, 'VALIDATION_FAILED']);
    }
  });
});

describe('the shared market page', () => {
  const origin = { origin: { actor: 'boss', requestId: null } };

  it('escapes every value, including ones stored without passing the HTTP sanitisers', async () => {
    // Straight through the use cases: what a bug in a boundary check, or an old row, could leave in the database.
    await t.user('alice');
    const market = (
      await t.useCases.createMarket(
        { username: 'alice', questionTitle: '"><script>alert(1)</script>', description: '', resolutionDateTime: TEST_NOW + 7 * 86_400_000 },
        origin,
      )
    )._unsafeUnwrap();
    (
      await t.useCases.updateShareSettings(
        {
          actor: { kind: 'operator', name: 'cli' },
          siteName: "Site' onmouseover='alert(1)",
          defaultDescription: '</title><script>alert(2)</script>',
          defaultImageUrl: 'https://cdn.example/a.png?x="><script>alert(3)</script>',
          imageEnabled: true,
          imageAlt: '<img src=x onerror=alert(4)>',
          version: 0,
        },
        origin,
      )
    )._unsafeUnwrap();
    const page = await t.inject({ method: 'GET', url: `/markets/${String(market.id)}` });
    expect(page.statusCode).toBe(200);
    // The only tags are the page's own (hostile text survives only as escaped characters); every attribute value
    // stays inside its quotes.
    expect(page.body).not.toMatch(/<script|<img|onmouseover='|"><|<\/title><script/i);
    expect(page.body).toContain('<meta property="og:title" content="&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;">');
    expect(page.body).toContain('content="Site&#39; onmouseover=&#39;alert(1)"');
    const tags = page.body.match(/<meta (property|name)[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(10);
    for (const tag of tags) expect(tag, tag).toMatch(/^<meta (property|name)="[a-z:_]+" content="[^"<>]*">$/);
  });
});
