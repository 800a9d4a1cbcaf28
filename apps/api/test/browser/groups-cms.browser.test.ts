// The unmodified web app's market groups (create on /create, trade an answer, the group page) and its admin CMS
// (home page, market discovery, social sharing) against this backend in a headless chromium
// (docs/operations.md#browser-tests).
import { deflateSync, crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, OPEN_UNTIL, settle, startBrowserHarness, tab, type BrowserHarness, type Trouble } from './harness.ts';

const skipReason = browserSkipReason();
if (skipReason !== undefined) console.info(skipReason);

const QUESTION = 'Which colour wins the browser cup?';
const ANSWERS = ['Reds', 'Blues', 'Greens'];

/** A real 2×2 PNG (signature, IHDR, IDAT, IEND), so the browser can decode the preview it shows after the upload. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit truecolour, no interlace
  // Each scanline: filter byte 0, then two RGB pixels.
  const pixels = Buffer.from([0, 255, 0, 0, 0, 0, 255, 0, 0, 255, 0, 255, 255, 255]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

interface GroupBody {
  group: { id: number; questionTitle: string };
  answers: Array<{ answerLabel: string; marketId: number; market: { questionTitle: string } }>;
}

describe.skipIf(skipReason !== undefined)('web app market groups and CMS pages in a headless browser', { meta: { skipReason } }, () => {
  let h: BrowserHarness;
  /** The group created through /create in the first test; the later group tests build on it. */
  let created: GroupBody | undefined;

  beforeAll(async () => {
    h = await startBrowserHarness();
  });

  afterAll(async () => {
    await h?.close();
  });

  const clean = (trouble: Trouble) => expect(trouble).toEqual({ failedCalls: [], consoleErrors: [] });
  const pathIs = (path: string, method = 'GET') => (response: { url(): string; request(): { method(): string } }) =>
    new URL(response.url()).pathname === path && response.request().method() === method;

  it('creates a multiple-choice group on /create and lands on its first answer market', async () => {
    const { page, trouble } = await h.page('alice');
    // The navbar link, as a person would: a cold load of /create redirects home before the session is restored.
    await page.getByRole('link', { name: 'Create' }).first().click();
    await settle(page);
    await page.getByRole('button', { name: /Multiple-Choice Binary Group/ }).click();
    await page.locator('#market-question-title').fill(QUESTION);
    await page.locator('#market-description').fill('Three colours, one cup.');
    await page.locator('input[type=datetime-local]').fill('2030-12-31T12:00');
    await page.getByRole('button', { name: 'Add Answer', exact: true }).click();
    for (const [index, label] of ANSWERS.entries()) await page.locator(`#market-answer-label-${String(index)}`).fill(label);
    const posted = page.waitForResponse(pathIs('/v0/market-groups', 'POST'));
    await page.getByRole('button', { name: 'Create Market Group' }).click();
    const response = await posted;
    expect(response.status()).toBe(201);
    const body = (await response.json()) as GroupBody;
    await page.waitForURL(`**/markets/${String(body.answers[0]?.marketId)}`);
    await settle(page);
    clean(trouble);

    const read = await h.api<GroupBody>('GET', `/v0/market-groups/${String(body.group.id)}`);
    expect(read.status).toBe(200);
    expect(read.body.group.questionTitle).toBe(QUESTION);
    expect(read.body.answers.map((answer) => answer.answerLabel)).toEqual(ANSWERS);
    for (const answer of read.body.answers) {
      const market = await h.api<{ market: { questionTitle: string } }>('GET', `/v0/markets/${String(answer.marketId)}`);
      expect(market.body.market.questionTitle).toBe(`${QUESTION} - ${answer.answerLabel}`);
    }
    created = read.body;
  });

  it('a YES bet placed on an answer through the group trade modal takes effect', async () => {
    const answer = created?.answers[1];
    if (answer === undefined) throw new Error('the group from the first test is missing');
    const balance = async () => (await h.api<{ accountBalance: number }>('GET', '/v0/userinfo/bob')).body.accountBalance;
    const before = await balance();
    const { page, trouble } = await h.page('bob');
    // Let the login's own calls finish: leaving the page mid-call aborts them, which is no API failure.
    await settle(page);
    await page.goto(`/markets/${String(answer.marketId)}`);
    // An answer market opens as its whole group: the trade modal lists the answers, then the binary trade form.
    await page.getByText(QUESTION, { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'TRADE', exact: true }).first().click();
    const modal = page.locator('.bet-modal');
    await modal.getByRole('button', { name: new RegExp(`^${answer.answerLabel}`) }).click();
    await modal.getByText(answer.answerLabel, { exact: true }).last().waitFor();
    await modal.getByRole('button', { name: 'YES', exact: true }).click();
    await modal.locator('input[type=number]').fill('30');
    const placed = page.waitForResponse(pathIs('/v0/bet', 'POST'));
    await modal.getByRole('button', { name: 'CONFIRM PURCHASE' }).click();
    const response = await placed;
    expect(response.status()).toBe(201);
    expect(response.request().postDataJSON()).toMatchObject({ marketId: answer.marketId, outcome: 'YES', amount: 30 });
    await settle(page);
    clean(trouble);

    const bets = await h.api<{ result: unknown }>('GET', `/v0/markets/bets/${String(answer.marketId)}`);
    expect(bets.body.result).toEqual([expect.objectContaining({ username: 'bob', outcome: 'YES', amount: 30 })]);
    // The amount plus the first-bet fee (docs/market-model.md: initialBetFee).
    expect(await balance()).toBe(before - 30 - h.app.config.setup.economics.betting.betFees.initialBetFee);
    const groupBets = await h.api<{ result: { bets: unknown[] } }>('GET', `/v0/market-groups/${String(created?.group.id)}/bets`);
    expect(groupBets.body.result.bets).toEqual([expect.objectContaining({ username: 'bob', outcome: 'YES', amount: 30, answerLabel: answer.answerLabel })]);
  });
  it('the group page opens its first answer market, which shows the question and every answer, with no failed call', async () => {
    if (created === undefined) throw new Error('the group from the first test is missing');
    const { page, trouble } = await h.page();
    await page.goto(`/markets/group/${String(created.group.id)}`);
    // The unmodified web app redirects a group with answers to its first answer market, shown as the whole group.
    await page.waitForURL(`**/markets/${String(created.answers[0]?.marketId)}`);
    await page.getByText(QUESTION, { exact: true }).first().waitFor();
    for (const label of ANSWERS) await page.getByText(label, { exact: true }).first().waitFor();
    await settle(page);
    clean(trouble);
  });

  it('saving the home page on /admin/cms publishes it on / with its HTML sanitised', async () => {
    const { page, trouble } = await h.page('admin');
    await settle(page);
    await page.goto('/admin/cms');
    await tab(page, 'Home Page').click();
    const title = page.getByPlaceholder('Homepage title');
    await title.waitFor();
    await settle(page);
    await title.fill('Browser cup news');
    await page
      .getByPlaceholder('Enter HTML content...')
      .fill('<h2>Colours compete</h2><p>Pick a side.</p><img src="/HomePageLogo.png" onerror="window.__hacked = true"><script>window.__hacked = true</script>');
    const saved = page.waitForResponse(pathIs('/v0/admin/content/home', 'PUT'));
    await page.getByRole('button', { name: 'Save Changes' }).first().click();
    const response = await saved;
    expect(response.status()).toBe(200);
    expect(response.request().postDataJSON()).toMatchObject({ title: 'Browser cup news', format: 'html' });
    await page.getByText('Content saved successfully!').waitFor();
    clean(trouble);

    const stored = await h.api<{ result: { title: string; html: string } }>('GET', '/v0/content/home');
    expect(stored.body.result.title).toBe('Browser cup news');
    expect(stored.body.result.html).toContain('<h2>Colours compete</h2>');
    expect(stored.body.result.html).not.toMatch(/<script|onerror/i);

    const visitor = await h.page();
    await visitor.page.goto('/');
    await visitor.page.getByText('Colours compete', { exact: true }).waitFor();
    await settle(visitor.page);
    expect(await visitor.page.evaluate(() => (globalThis as { __hacked?: boolean }).__hacked)).toBeUndefined();
    clean(visitor.trouble);
  });

  it('saving the social-share settings on /admin/cms is what the public read returns', async () => {
    const { page, trouble } = await h.page('admin');
    await settle(page);
    await page.goto('/admin/cms');
    await tab(page, 'Social Share').click();
    const siteName = page.getByPlaceholder('SocialPredict', { exact: true });
    await siteName.waitFor();
    await settle(page);
    await siteName.fill('Browser Cup Markets');
    await page.getByPlaceholder('Prediction markets for the social web').fill('Bet on the colours.');
    await page.getByPlaceholder('SocialPredict share card').fill('The browser cup card');
    const saved = page.waitForResponse(pathIs('/v0/admin/content/social-share', 'PUT'));
    await page.getByRole('button', { name: /^Save/ }).first().click();
    expect((await saved).status()).toBe(200);
    await page.getByText('Social share settings saved successfully.').waitFor();
    clean(trouble);

    const read = await h.api<{ result: Record<string, unknown> }>('GET', '/v0/content/social-share');
    expect(read.body.result).toMatchObject({ siteName: 'Browser Cup Markets', defaultDescription: 'Bet on the colours.', imageAlt: 'The browser cup card' });
  });

  it('saving the /markets layout and its pins on /admin/cms, a new topic and market pin included, shows them on /markets', async () => {
    const tag = await h.api('POST', '/v0/admin/market-tags', h.tokens.admin, { slug: 'colours', displayName: 'Colours' });
    expect(tag.status).toBe(201);
    const pinned = await h.api<{ id: number }>('POST', '/v0/markets', h.tokens.alice, {
      questionTitle: 'Will the pinned colour stay on top?',
      description: 'Pinned on /markets by the browser test.',
      outcomeType: 'BINARY',
      resolutionDateTime: OPEN_UNTIL,
    });
    expect(pinned.status).toBe(201);

    const { page, trouble } = await h.page('admin');
    await settle(page);
    await page.goto('/admin/cms');
    // The discovery editor is the CMS's first tab.
    const title = page.getByLabel('Page Title');
    await title.waitFor();
    await settle(page);

    // A pin added and not yet chosen travels inside the whole page object the layout save sends.
    await page.getByRole('button', { name: 'Market Pins', exact: true }).click();
    await page.getByRole('button', { name: 'Add Market Pin' }).click();
    await page.getByRole('button', { name: 'Market page layout (TOP)', exact: true }).click();
    await title.fill('Colour markets');
    await page.getByLabel('Page Description').fill('Every colour, one list.');
    await page.getByRole('checkbox', { name: /^Topic Pins/ }).check();
    await page.getByRole('checkbox', { name: /^Market Pins/ }).check();
    const layoutSaved = page.waitForResponse(pathIs('/v0/admin/content/market-discovery/markets', 'PUT'));
    await page.getByRole('button', { name: 'Save Layout' }).click();
    const layout = await layoutSaved;
    expect(layout.status()).toBe(200);
    expect(layout.request().postDataJSON()).toMatchObject({
      title: 'Colour markets',
      featuredTopicsEnabled: true,
      featuredMarketsEnabled: true,
      pins: [{ pinType: 'market', marketId: '', targetPageSlug: '' }],
    });
    await page.getByText('Market page layout (TOP) saved.').waitFor();

    // Then a topic pin and a market pin, both new, saved together (a top page saves all its pins at once).
    await page.getByRole('button', { name: 'Topic Pins', exact: true }).click();
    await page.getByRole('button', { name: 'Add Topic Pin' }).click();
    await page.getByLabel('Nav Label').fill('Colour topics');
    await page.getByRole('button', { name: 'Market Pins', exact: true }).click();
    await page.getByRole('button', { name: 'Add Market Pin' }).click();
    await page.getByLabel('Search Active Markets').fill('pinned colour');
    await page.getByRole('button', { name: /Will the pinned colour stay on top\?/ }).click();
    const pinsSaved = page.waitForResponse(pathIs('/v0/admin/content/market-discovery/markets/pins', 'PUT'));
    await page.getByRole('button', { name: 'Save Pins' }).click();
    const pins = await pinsSaved;
    expect(pins.status()).toBe(200);
    // What the unmodified app sends for new pins: a topic pin's marketId is 0, a market pin's targetPageSlug "".
    expect(pins.request().postDataJSON()).toEqual({
      pins: [
        { pinType: 'discovery_page', marketId: 0, targetPageSlug: 'colours', label: 'Colour topics', sortOrder: 1 },
        { pinType: 'market', marketId: pinned.body.id, targetPageSlug: '', label: '', sortOrder: 2 },
      ],
    });
    await page.getByText('Market page layout (TOP) pins saved.').waitFor();
    await settle(page);
    clean(trouble);

    const stored = await h.api<{ result: Record<string, unknown> }>('GET', '/v0/content/market-discovery/markets');
    expect(stored.body.result).toMatchObject({
      title: 'Colour markets',
      description: 'Every colour, one list.',
      featuredTopicsEnabled: true,
      featuredMarketsEnabled: true,
      version: 2,
      pins: [
        { pinType: 'discovery_page', targetPageSlug: 'colours', label: 'Colour topics', sortOrder: 1 },
        { pinType: 'market', marketId: pinned.body.id, label: '', sortOrder: 2 },
      ],
    });
    const read = await h.api<{ result: { layout: unknown; pinnedMarkets: Array<{ details: { market: { id: number } } }> } }>(
      'GET',
      '/v0/read/market-discovery/markets?limit=1&offset=0',
    );
    expect(read.body.result.layout).toEqual(stored.body.result);
    expect(read.body.result.pinnedMarkets.map((entry) => entry.details.market.id)).toEqual([pinned.body.id]);

    const visitor = await h.page();
    await visitor.page.goto('/markets');
    await visitor.page.getByText('Colour markets', { exact: true }).first().waitFor();
    await visitor.page.getByText('Colour topics', { exact: true }).first().waitFor();
    await visitor.page.getByText('Will the pinned colour stay on top?', { exact: true }).first().waitFor();
    await settle(visitor.page);
    clean(visitor.trouble);
  });

  it('an image uploaded through the social-share file input is served by the public image read', async () => {
    const png = tinyPng();
    const { page, trouble } = await h.page('admin');
    await settle(page);
    await page.goto('/admin/cms');
    await tab(page, 'Social Share').click();
    const input = page.locator('input[type=file]');
    await input.waitFor();
    await settle(page);
    const uploaded = page.waitForResponse(pathIs('/v0/admin/content/social-share/image', 'POST'));
    await input.setInputFiles({ name: 'card.png', mimeType: 'image/png', buffer: png });
    const response = await uploaded;
    expect(response.status()).toBe(200);
    expect(((await response.json()) as { result: Record<string, unknown> }).result).toMatchObject({
      defaultImageUrl: '/api/v0/content/social-share/image',
      imageEnabled: true,
    });
    await page.getByText('Social share image uploaded successfully.').waitFor();
    // The editor previews the card with the uploaded picture, which the browser decodes.
    const preview = page.locator('img[src*="/api/v0/content/social-share/image"]').first();
    await preview.waitFor();
    await expect.poll(() => preview.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)).toBe(2);
    await settle(page);
    clean(trouble);

    for (const path of ['/v0/content/social-share/image', '/api/v0/content/social-share/image']) {
      const served = await fetch(`${h.baseUrl}${path}`);
      expect(served.status, path).toBe(200);
      expect(served.headers.get('content-type'), path).toBe('image/png');
      expect(Buffer.from(await served.arrayBuffer()).equals(png), path).toBe(true);
    }
  });
});
