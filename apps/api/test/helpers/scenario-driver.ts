// Drives the acceptance scenarios of docs/api.md#acceptance-scenarios through HTTP only, the way the web app would.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { poolAccount, HOUSE, type AccountKey } from '@socialpredict/domain';
import { ADMIN_BOOT_PASSWORD, type PostgresApp } from './postgres-app.ts';

export const NEW_PASSWORD = 'Scenario7Password';

export class ScenarioDriver {
  readonly app: PostgresApp;
  readonly tokens = new Map<string, string>();

  constructor(app: PostgresApp) {
    this.app = app;
  }

  async request(method: 'GET' | 'POST' | 'DELETE' | 'PUT', url: string, options: { as?: string; token?: string; body?: unknown } = {}): Promise<LightMyRequestResponse> {
    const token = options.token ?? (options.as === undefined ? undefined : this.tokens.get(options.as));
    return this.app.inject({
      method,
      url,
      ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }),
      ...(options.body === undefined ? {} : { payload: options.body as object }),
    });
  }

  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    const response = await this.request('POST', '/v0/login', { body: { username, password } });
    if (response.statusCode === 200) this.tokens.set(username, response.json().result.token);
    return response;
  }

  /** The seeded admin, past its password change. */
  async admin(): Promise<void> {
    await this.login('admin', ADMIN_BOOT_PASSWORD);
    const changed = await this.request('POST', '/v0/changepassword', { as: 'admin', body: { currentPassword: ADMIN_BOOT_PASSWORD, newPassword: NEW_PASSWORD } });
    expect(changed.statusCode).toBe(200);
    await this.login('admin', NEW_PASSWORD);
  }

  /** createuser → login with the one-time password → change it → log in again. */
  async user(username: string): Promise<void> {
    const created = await this.request('POST', '/v0/admin/createuser', { as: 'admin', body: { username } });
    expect(created.statusCode, created.body).toBe(200);
    const { password } = created.json();
    expect((await this.login(username, password)).json().result.mustChangePassword).toBe(true);
    const changed = await this.request('POST', '/v0/changepassword', { as: username, body: { currentPassword: password, newPassword: NEW_PASSWORD } });
    expect(changed.statusCode).toBe(200);
    await this.login(username, NEW_PASSWORD);
  }

  async createMarket(username: string, days = 7): Promise<number> {
    const response = await this.request('POST', '/v0/markets', {
      as: username,
      body: {
        questionTitle: `Scenario market by ${username}`,
        description: 'Acceptance scenario',
        outcomeType: 'BINARY',
        resolutionDateTime: new Date(Date.now() + days * 86_400_000).toISOString(),
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  }

  bet(username: string, marketId: number, outcome: string, amount: number) {
    return this.request('POST', '/v0/bet', { as: username, body: { marketId, outcome, amount } });
  }

  async bets(username: string, marketId: number, ...orders: [string, number][]): Promise<void> {
    for (const [outcome, amount] of orders) {
      const response = await this.bet(username, marketId, outcome, amount);
      expect(response.statusCode, response.body).toBe(201);
    }
  }

  quote(username: string, marketId: number, outcome: string, amount: number) {
    return this.request('POST', '/v0/sell/quote', { as: username, body: { marketId, outcome, amount } });
  }

  sell(username: string, marketId: number, outcome: string, amount: number) {
    return this.request('POST', '/v0/sell', { as: username, body: { marketId, outcome, amount } });
  }

  async balance(username: string): Promise<number> {
    return (await this.request('GET', `/v0/userinfo/${username}`)).json().accountBalance;
  }

  async credit(username: string): Promise<number> {
    return (await this.request('GET', `/v0/usercredit/${username}`)).json().credit;
  }

  async detail(marketId: number) {
    const response = await this.request('GET', `/v0/markets/${marketId}`);
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  async position(marketId: number, username: string) {
    return (await this.request('GET', `/v0/markets/positions/${marketId}/${username}`)).json().result;
  }

  async userPosition(username: string, marketId: number) {
    return (await this.request('GET', `/v0/userposition/${marketId}`, { as: username })).json().result;
  }

  async account(key: AccountKey): Promise<number> {
    const balance = await this.app.deps.ledger.balanceOf(key);
    if (balance.isErr()) throw new Error(balance.error.message);
    return balance.value;
  }

  house(): Promise<number> {
    return this.account(HOUSE);
  }

  pool(marketId: number): Promise<number> {
    return this.account(poolAccount(marketId));
  }

  /** After every scenario: the books balance and every check of VAL-4 passes. */
  async expectSoundBooks(): Promise<void> {
    const report = await this.app.integrity();
    expect(report.findings).toEqual([]);
  }
}

export function expectRefusal(response: LightMyRequestResponse, status: number, reason: string): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json()).toMatchObject({ ok: false, reason, message: expect.any(String) });
}
