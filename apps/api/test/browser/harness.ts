// Headless-browser harness (docs/operations.md#browser-tests): the unmodified SocialPredict web app served by the API
// itself (WEB_APP_DIR, /env-config.js) on the memory adapters, driven by Debian's chromium through playwright-core.
// Every page records the API calls that failed and the console errors, so a test can assert that a page loaded clean.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp, STRONG_PASSWORD, type TestApp } from '../helpers/test-app.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The built web app sits beside the repository, as docs/operations.md#browser-tests describes; `WEB_APP_BUILD_DIR` overrides. */
export const WEB_APP_DIR = process.env.WEB_APP_BUILD_DIR ?? fileURLToPath(new URL('../../../../../shared/webapp/build', import.meta.url));

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserSkipReason(): string | undefined {
  if (!existsSync(`${WEB_APP_DIR}/index.html`)) return `browser tests skipped: no built web app at ${WEB_APP_DIR}`;
  if (!existsSync(CHROMIUM)) return `browser tests skipped: no chromium binary at ${CHROMIUM} (apt-get install -y chromium)`;
  return undefined;
}

/** A market far enough in the future to be open both for the API's fixed clock and for the browser's real one. */
export const OPEN_UNTIL = '2031-01-01T00:00:00.000Z';

export interface Trouble {
  failedCalls: string[];
  consoleErrors: string[];
}

export interface BrowserHarness {
  app: TestApp;
  baseUrl: string;
  tokens: Record<string, string>;
  /** A fresh page (own context, so own localStorage) with its trouble recorder; logged in when `as` is given. */
  page(as?: string): Promise<{ page: Page; trouble: Trouble }>;
  api<T = unknown>(method: string, url: string, token?: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/**
 * Starts the API on an ephemeral port with admin, alice and bob, and one browser for the whole file; `env` adds
 * settings (the admin pages run in moderator mode, where proposals exist).
 */
export async function startBrowserHarness(env: Record<string, string> = {}): Promise<BrowserHarness> {
  const app = await createTestApp({ ...env, WEB_APP_DIR });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.server.address();
  if (address === null || typeof address === 'string') throw new Error('the API has no TCP address');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const tokens: Record<string, string> = {
    admin: await app.user('admin', { role: 'ADMIN' }),
    alice: await app.user('alice'),
    bob: await app.user('bob'),
  };
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });

  const api: BrowserHarness['api'] = async (method, url, token, body) => {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as never };
  };

  return {
    app,
    baseUrl,
    tokens,
    api,
    async page(as) {
      const context = await browser.newContext({ baseURL: baseUrl });
      const page = await context.newPage();
      const trouble: Trouble = { failedCalls: [], consoleErrors: [] };
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.pathname.startsWith('/v0/') && response.status() >= 400) {
          trouble.failedCalls.push(`${response.request().method()} ${url.pathname}${url.search} → ${response.status()}`);
        }
      });
      page.on('requestfailed', (request) => {
        const reason = request.failure()?.errorText;
        // A read the page itself cancelled (the admin sidebar's polls when an action reloads the page) is no failure
        // of the backend; a write cut short, or any other network error, still is.
        if (request.method() === 'GET' && reason === 'net::ERR_ABORTED') return;
        trouble.failedCalls.push(`${request.method()} ${request.url()} failed: ${reason}`);
      });
      page.on('console', (message) => {
        if (message.type() === 'error') trouble.consoleErrors.push(message.text());
      });
      // The tag page confirms a deactivation with window.confirm; a person would say yes.
      page.on('dialog', (dialog) => void dialog.accept());
      page.on('pageerror', (error) => trouble.consoleErrors.push(`uncaught: ${error.message}`));
      if (as !== undefined) await loginThroughUi(page, as);
      return { page, trouble };
    },
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/** Logs in through the navbar's Login modal, as a person would, and waits for the token to be stored. */
export async function loginThroughUi(page: Page, username: string, password = STRONG_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Login' }).first().click();
  await page.getByPlaceholder('Username').fill(username);
  await page.getByPlaceholder('Password').fill(password);
  await page.locator('form').getByRole('button', { name: 'Login' }).click();
  await page.waitForFunction(() => localStorage.getItem('token') !== null);
}

/** Waits for the page's API calls to settle, so failures are recorded before the assertion. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
}

/**
 * The admin routes the web app's admin pages call (docs/api.md §9; spec §3.2 Tier 2), probed on an in-memory app as an
 * administrator: a 404 means the route does not exist yet. Returns the paths that are missing.
 */
export async function missingAdminRoutes(): Promise<string[]> {
  const app = await createTestApp();
  try {
    const token = await app.user('admin', { role: 'ADMIN' });
    const paths = [
      '/v0/admin/users?limit=1&offset=0',
      '/v0/admin/markets?status=proposed&limit=1&offset=0',
      '/v0/admin/market-tags?includeInactive=true',
      '/v0/admin/market-description-amendments?status=pending&limit=1&offset=0',
      '/v0/admin/market-group-answer-additions?status=pending&limit=1&offset=0',
      '/v0/profile/market-description-amendments?limit=1&offset=0',
      '/v0/profile/market-group-answer-additions?limit=1&offset=0',
    ];
    const missing: string[] = [];
    for (const url of paths) {
      const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      if (response.statusCode === 404) missing.push(url.split('?')[0] ?? url);
    }
    return missing;
  } finally {
    await app.close();
  }
}

/** The web app's tabs are clickable divs (no button role) whose label sits in its own span beside an optional count. */
export function tab(page: Page, label: string) {
  return page.locator('div.cursor-pointer').filter({ has: page.getByText(label, { exact: true }) }).last();
}
