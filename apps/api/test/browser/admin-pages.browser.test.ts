// The web app's admin pages (Review Markets and its tabs, User Governance, Tags, the moderator's Market Changes) in a
// headless browser. The routes behind them are probed first; until they all exist the suite skips with the list of
// missing ones, so it switches itself on when they land (docs/operations.md#browser-tests).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSkipReason, missingAdminRoutes, OPEN_UNTIL, settle, startBrowserHarness, tab, type BrowserHarness, type Trouble } from './harness.ts';

const browserMissing = browserSkipReason();
const missingRoutes = browserMissing === undefined ? await missingAdminRoutes() : [];
const skipReason = browserMissing ?? (missingRoutes.length > 0 ? `admin page browser tests skipped: routes not built yet: ${missingRoutes.join(', ')}` : undefined);
if (skipReason !== undefined) console.info(skipReason);

const REVIEW_TABS = ['Pending Review', 'Published', 'Rejected', 'Stewardship', 'Description Amendments', 'Answer Additions', 'Tags'];

describe.skipIf(skipReason !== undefined)('web app admin pages in a headless browser', { meta: { skipReason } }, () => {
  let h: BrowserHarness;

  beforeAll(async () => {
    h = await startBrowserHarness({ GAME_MODE: 'moderator' });
  });

  afterAll(async () => {
    await h?.close();
  });

  const clean = (trouble: Trouble) => expect(trouble).toEqual({ failedCalls: [], consoleErrors: [] });

  /** Promotes through the API, for set-up; the page's own promotion is tested below. */
  async function moderator(username: string): Promise<string> {
    await h.app.user(username);
    const promoted = await h.api('PATCH', `/v0/admin/users/${username}/role`, h.tokens.admin, { usertype: 'MODERATOR', reason: 'browser test set-up' });
    expect(promoted.status).toBe(200);
    return h.app.login(username);
  }

  /** The smallest element holding `text` together with a button named `button`: the row or card to act on. */
  const rowWith = (page: Page, text: string, button: string) =>
    page
      .locator('tr, li, article, div')
      .filter({ hasText: text })
      .filter({ has: page.getByRole('button', { name: button, exact: true }) })
      .last();

  it('Review Markets loads with each of its tabs', async () => {
    const { page, trouble } = await h.page('admin');
    await page.goto('/admin/markets/review');
    await page.getByText('Review Markets').first().waitFor();
    for (const label of REVIEW_TABS) {
      await tab(page, label).click();
      await settle(page);
    }
    clean(trouble);
  });

  it('User Governance, Tags and the queue pages load', async () => {
    const { page, trouble } = await h.page('admin');
    for (const path of ['/admin/users', '/admin/markets/tags', '/admin/markets/stewardship', '/admin/markets/amendments', '/admin/markets/answer-additions']) {
      await page.goto(path);
      await settle(page);
    }
    await page.goto('/admin/users');
    for (const label of ['Moderators', 'Non-Moderators']) {
      await tab(page, label).click();
      await settle(page);
    }
    clean(trouble);
  });

  it("a moderator's profile shows Market Changes", async () => {
    await moderator('mia');
    const { page, trouble } = await h.page('mia');
    await page.goto('/profile');
    await tab(page, 'Market Changes').click();
    await settle(page);
    clean(trouble);
  });

  it('approving a proposed market on Review Markets publishes it', async () => {
    const token = await moderator('moritz');
    const title = 'Will the proposal be approved in the browser?';
    const proposed = await h.api<{ id: number; status: string }>('POST', '/v0/markets', token, {
      questionTitle: title,
      description: 'A moderator proposal.',
      outcomeType: 'BINARY',
      resolutionDateTime: OPEN_UNTIL,
    });
    expect(proposed.body.status).toBe('proposed');

    const { page, trouble } = await h.page('admin');
    await page.goto('/admin/markets/review');
    await page.getByText(title).first().waitFor();
    const approved = page.waitForResponse((response) => new URL(response.url()).pathname === `/v0/admin/markets/${proposed.body.id}/approve`);
    await rowWith(page, title, 'Approve').getByRole('button', { name: 'Approve', exact: true }).click();
    expect((await approved).status()).toBe(200);
    await settle(page);
    clean(trouble);

    const details = await h.api<{ market: { lifecycleStatus: string; status: string } }>('GET', `/v0/markets/${proposed.body.id}`);
    expect(details.body.market).toMatchObject({ lifecycleStatus: 'published', status: 'active' });
  });

  it('promoting a user on User Governance makes a moderator', async () => {
    await h.app.user('dora');
    const { page, trouble } = await h.page('admin');
    await page.goto('/admin/users');
    await page.getByText('dora').first().waitFor();
    const promoted = page.waitForResponse((response) => new URL(response.url()).pathname === '/v0/admin/users/dora/role');
    await rowWith(page, 'dora', 'Approve Moderator').getByRole('button', { name: 'Approve Moderator', exact: true }).click();
    expect((await promoted).status()).toBe(200);
    await settle(page);
    clean(trouble);

    const listed = await h.api<{ result: { users: Array<{ username: string; usertype: string }> } }>('GET', '/v0/admin/users?query=dora', h.tokens.admin);
    expect(listed.body.result.users).toEqual([expect.objectContaining({ username: 'dora', usertype: 'MODERATOR' })]);
  });

  it('a tag created on the Tags page is offered to market creators', async () => {
    const { page, trouble } = await h.page('admin');
    await page.goto('/admin/markets/tags');
    await page.getByLabel('Display name').fill('Browser Weather');
    const created = page.waitForResponse((response) => new URL(response.url()).pathname === '/v0/admin/market-tags' && response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Create Tag', exact: true }).click();
    expect((await created).status()).toBe(201);
    await settle(page);
    clean(trouble);

    const tags = await h.api<{ result: { tags: Array<{ displayName: string }> } }>('GET', '/v0/market-tags');
    expect(tags.body.result.tags).toEqual(expect.arrayContaining([expect.objectContaining({ displayName: 'Browser Weather' })]));
  });
});
