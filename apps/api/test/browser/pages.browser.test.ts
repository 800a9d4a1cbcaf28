// The unmodified web app's public and user pages against this backend: each loads with no failed API call and no
// console error, and a bet placed through the market page's trade form reaches the ledger (docs/operations.md#browser-tests).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, OPEN_UNTIL, settle, startBrowserHarness, type BrowserHarness, type Trouble } from './harness.ts';

const skipReason = browserSkipReason();
if (skipReason !== undefined) console.info(skipReason);

const TITLE = 'Will the browser tests stay green?';

describe.skipIf(skipReason !== undefined)('web app pages in a headless browser', { meta: { skipReason } }, () => {
  let h: BrowserHarness;
  let marketId: number;

  beforeAll(async () => {
    h = await startBrowserHarness();
    const created = await h.api<{ id: number }>('POST', '/v0/markets', h.tokens.alice, {
      questionTitle: TITLE,
      description: 'Checked by a headless chromium.',
      outcomeType: 'BINARY',
      resolutionDateTime: OPEN_UNTIL,
    });
    expect(created.status).toBe(201);
    marketId = created.body.id;
  });

  afterAll(async () => {
    await h?.close();
  });

  const clean = (trouble: Trouble) => expect(trouble).toEqual({ failedCalls: [], consoleErrors: [] });

  it('home page, anonymously', async () => {
    const { page, trouble } = await h.page();
    await page.goto('/');
    await expect(page.getByText('Welcome to SocialPredict').waitFor()).resolves.toBeUndefined();
    await settle(page);
    clean(trouble);
  });

  it('logs in through the navbar modal and shows the balance', async () => {
    const { page, trouble } = await h.page('bob');
    expect(await page.evaluate(() => localStorage.getItem('username'))).toBe('bob');
    await page.getByText('🪙 500').first().waitFor();
    await settle(page);
    clean(trouble);
  });

  it('markets list shows the seeded market', async () => {
    const { page, trouble } = await h.page();
    await page.goto('/markets');
    await page.getByText(TITLE).filter({ visible: true }).first().waitFor();
    await settle(page);
    clean(trouble);
  });

  it('a bet placed through the market page takes effect', async () => {
    const balance = async () => (await h.api<{ accountBalance: number }>('GET', '/v0/userinfo/bob')).body.accountBalance;
    const before = await balance();
    const { page, trouble } = await h.page('bob');
    await page.goto(`/markets/${marketId}`);
    await page.getByText(TITLE).first().waitFor();
    await page.getByRole('button', { name: 'TRADE' }).first().click();
    await page.getByRole('button', { name: 'YES', exact: true }).click();
    await page.locator('input[type=number]').fill('25');
    const placed = page.waitForResponse((response) => new URL(response.url()).pathname === '/v0/bet');
    await page.getByRole('button', { name: 'CONFIRM PURCHASE' }).click();
    expect((await placed).status()).toBe(201);
    await settle(page);
    clean(trouble);

    const bets = await h.api<{ result: unknown }>('GET', `/v0/markets/bets/${marketId}`);
    expect(bets.body.result).toEqual([expect.objectContaining({ username: 'bob', outcome: 'YES', amount: 25 })]);
    // The amount plus the first-bet fee (docs/market-model.md: initialBetFee, 1 by default).
    expect(await balance()).toBe(before - 25 - h.app.config.setup.economics.betting.betFees.initialBetFee);
  });

  it('private profile of a logged-in user', async () => {
    const { page, trouble } = await h.page('alice');
    await page.goto('/profile');
    await page.getByText('Profile Details').first().waitFor();
    await settle(page);
    clean(trouble);
  });

  it('public profile of another user', async () => {
    const { page, trouble } = await h.page();
    await page.goto('/user/alice');
    await page.getByText('@alice').first().waitFor();
    await settle(page);
    clean(trouble);
  });

  it('stats page and the global leaderboard', async () => {
    const { page, trouble } = await h.page();
    await page.goto('/stats');
    await page.getByText('Platform Statistics').waitFor();
    const leaderboard = page.waitForResponse((response) => new URL(response.url()).pathname === '/v0/global/leaderboard');
    await page.getByRole('button', { name: 'Calculate Leaderboard' }).click();
    expect((await leaderboard).status()).toBe(200);
    await settle(page);
    clean(trouble);
  });
});
