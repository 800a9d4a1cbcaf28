// Acceptance scenarios S1–S4 of docs/api.md#acceptance-scenarios, end to end through HTTP on PostgreSQL with the exact figures, and the
// ledger integrity check after each (TST-5, VAL-4).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPostgresApp, type PostgresApp } from './helpers/postgres-app.ts';
import { expectRefusal, NEW_PASSWORD, ScenarioDriver } from './helpers/scenario-driver.ts';

const FOLLOW_UP = 'follow-up order from another user';

let app: PostgresApp;
let s: ScenarioDriver;

describe('acceptance scenarios on PostgreSQL', () => {
  beforeEach(async () => {
    app = await createPostgresApp();
    s = new ScenarioDriver(app);
    await s.admin();
  });

  afterEach(async () => {
    await app.close();
  });

  it('S1 — two-share cap: the unlock rule and a capped oversized sale', async () => {
    for (const name of ['mod', 'amy', 'ben']) await s.user(name);
    const id = await s.createMarket('mod');

    // 1
    expect((await s.bet('amy', id, 'NO', 1)).statusCode).toBe(201);
    expect(await s.balance('amy')).toBe(-2);
    expect((await s.detail(id)).lastProbability).toBe(0.45454545454545453);
    expect(await s.position(id, 'amy')).toMatchObject({ noSharesOwned: 1, value: 1 });

    // 2
    for (const response of [await s.quote('amy', id, 'NO', 1), await s.sell('amy', id, 'NO', 1)]) {
      expectRefusal(response, 422, 'NO_POSITION');
      expect(response.json().message).toContain(FOLLOW_UP);
    }
    expect(await s.balance('amy')).toBe(-2);
    expect(await s.position(id, 'amy')).toMatchObject({ noSharesOwned: 1, value: 1 });
    expect((await s.detail(id)).marketDust).toBe(0);

    // 3
    expect((await s.bet('ben', id, 'NO', 1)).statusCode).toBe(201);
    expect(await s.balance('ben')).toBe(-2);
    expect((await s.detail(id)).lastProbability).toBe(0.4166666666666667);
    expectRefusal(await s.quote('ben', id, 'NO', 1), 422, 'NO_POSITION');

    // 4
    expect(await s.userPosition('amy', id)).toMatchObject({ NoSharesOwned: 2, Value: 2, noSellableShares: 2, noSellableValue: 2 });

    // 5
    const quote = await s.quote('amy', id, 'NO', 3);
    expect(quote.statusCode).toBe(200);
    expect(quote.json().result).toMatchObject({
      allowed: true,
      requestedCredits: 3,
      sharesSold: 2,
      saleValue: 2,
      dust: 1,
      netProceeds: 1,
      maxDust: 1,
      valuePerShare: 1,
      dustCapCoverage: 1,
      suggestedAmounts: [1, 2, 3],
      dustCapExceeded: false,
      dustCapExceededBy: 0,
    });

    // 6
    const houseBefore = await s.house();
    const sale = await s.sell('amy', id, 'NO', 3);
    expect(sale.statusCode).toBe(201);
    expect(sale.json().result).toMatchObject({ sharesSold: 2, saleValue: 2, dust: 1, netProceeds: 1 });
    expect(await s.balance('amy')).toBe(-1);
    expect(await s.position(id, 'amy')).toMatchObject({ yesSharesOwned: 0, noSharesOwned: 0, value: 0 });
    const detail = await s.detail(id);
    expect({ marketDust: detail.marketDust, totalVolume: detail.totalVolume, lastProbability: detail.lastProbability }).toEqual({
      marketDust: 1,
      totalVolume: 1,
      lastProbability: 0.5,
    });
    expect(await s.pool(id)).toBe(0);
    expect((await s.house()) - houseBefore).toBe(1);
    expect([await s.balance('mod'), await s.balance('amy'), await s.balance('ben'), await s.house()]).toEqual([-10, -1, -2, 13]);

    // 7
    expectRefusal(await s.quote('amy', id, 'NO', 1), 422, 'NO_POSITION');
    expectRefusal(await s.sell('amy', id, 'NO', 1), 422, 'NO_POSITION');
    await s.expectSoundBooks();
  });

  it('S2 — over-cashout attempts are capped at the unlocked inventory', async () => {
    for (const name of ['mod', 'tom', 'cal']) await s.user(name);
    const id = await s.createMarket('mod');

    // 1
    await s.bets('tom', id, ['NO', 50], ['YES', 100], ['YES', 50]);
    expect(await s.balance('tom')).toBe(-201);
    expect(await s.position(id, 'tom')).toMatchObject({ yesSharesOwned: 96, value: 96 });
    expectRefusal(await s.quote('tom', id, 'YES', 10), 422, 'NO_POSITION');

    // 2
    await s.bets('cal', id, ['NO', 1]);
    expect(await s.balance('cal')).toBe(-2);
    expect(await s.userPosition('tom', id)).toMatchObject({ YesSharesOwned: 95, Value: 95, yesSellableShares: 95 });

    // 3
    const firstFigures = { sharesSold: 95, saleValue: 95, dust: 1, netProceeds: 94 };
    const quote = await s.quote('tom', id, 'YES', 200);
    expect(quote.json().result).toMatchObject({ ...firstFigures, requestedCredits: 96, suggestedAmounts: [94, 95, 96] });
    const sale = await s.sell('tom', id, 'YES', 200);
    expect([sale.statusCode, sale.json().result]).toEqual([201, expect.objectContaining(firstFigures)]);
    expect(await s.balance('tom')).toBe(-107);
    let detail = await s.detail(id);
    expect({ volume: detail.totalVolume - detail.marketDust, marketDust: detail.marketDust, totalVolume: detail.totalVolume }).toEqual({
      volume: 106,
      marketDust: 1,
      totalVolume: 107,
    });

    // 4
    await s.bets('tom', id, ['YES', 100], ['NO', 10], ['NO', 40], ['YES', 100], ['NO', 50]);
    await s.bets('cal', id, ['NO', 1]);
    expect([await s.balance('tom'), await s.balance('cal')]).toEqual([-407, -3]);
    expect(await s.userPosition('tom', id)).toMatchObject({ YesSharesOwned: 100, Value: 101, yesSellableShares: 100 });

    // 5
    const secondFigures = { sharesSold: 100, saleValue: 100, dust: 1, netProceeds: 99 };
    expect((await s.quote('tom', id, 'YES', 400)).json().result).toMatchObject({
      ...secondFigures,
      requestedCredits: 101,
      suggestedAmounts: [99, 100, 101],
    });
    expect((await s.sell('tom', id, 'YES', 400)).json().result).toMatchObject(secondFigures);
    detail = await s.detail(id);
    expect({ volume: detail.totalVolume - detail.marketDust, marketDust: detail.marketDust, totalVolume: detail.totalVolume }).toEqual({
      volume: 307,
      marketDust: 2,
      totalVolume: 309,
    });
    expect([await s.balance('mod'), await s.balance('tom'), await s.balance('cal'), await s.pool(id), await s.house()]).toEqual([
      -10, -308, -3, 307, 14,
    ]);

    // 6
    expectRefusal(await s.quote('tom', id, 'YES', 507), 422, 'NO_POSITION');
    expect(await s.position(id, 'tom')).toMatchObject({ yesSharesOwned: 5, value: 5 });
    await s.expectSoundBooks();
  });

  /** Steps 1–15 of S3, shared with S3b. */
  async function fullFlowUntilResolution(): Promise<number> {
    // 1–3 (the admin's login and password change ran in beforeEach; check them again on a second admin session)
    const adminLogin = await s.login('admin', NEW_PASSWORD);
    expect(adminLogin.json().result).toMatchObject({ usertype: 'ADMIN', moderatorStatus: 'none', mustChangePassword: false });

    // 4
    for (const name of ['alice', 'bob', 'carol', 'dave']) {
      const created = await s.request('POST', '/v0/admin/createuser', { as: 'admin', body: { username: name } });
      expect(created.statusCode).toBe(200);
      expect(created.json()).toMatchObject({ message: 'User created successfully', username: name, usertype: 'REGULAR', password: expect.stringMatching(/^[A-Za-z0-9]{12}$/) });
      const { password } = created.json();
      // 5
      expect((await s.login(name, password)).json().result.mustChangePassword).toBe(true);
      expectRefusal(await s.bet(name, 1, 'YES', 1), 403, 'PASSWORD_CHANGE_REQUIRED');
      expectRefusal(await s.request('POST', '/v0/changepassword', { as: name, body: { currentPassword: password, newPassword: 'password' } }), 400, 'VALIDATION_FAILED');
      expectRefusal(await s.request('POST', '/v0/changepassword', { as: name, body: { currentPassword: password, newPassword: password } }), 400, 'VALIDATION_FAILED');
      expect((await s.request('POST', '/v0/changepassword', { as: name, body: { currentPassword: password, newPassword: NEW_PASSWORD } })).statusCode).toBe(200);
      await s.login(name, NEW_PASSWORD);
      expect(await s.credit(name)).toBe(500);
    }
    expectRefusal(await s.request('POST', '/v0/admin/createuser', { as: 'admin', body: { username: 'alice' } }), 400, 'VALIDATION_FAILED');

    // 6
    const created = await s.request('POST', '/v0/markets', {
      as: 'alice',
      body: { questionTitle: 'Will the S3 flow pass?', description: '', outcomeType: 'BINARY', resolutionDateTime: new Date(Date.now() + 7 * 86_400_000).toISOString() },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'active', creatorUsername: 'alice', stewardUsername: 'alice' });
    const id: number = created.json().id;
    expect([await s.balance('alice'), await s.credit('alice')]).toEqual([-10, 490]);

    // 7–9
    const bob = await s.bet('bob', id, 'YES', 20);
    expect([bob.statusCode, bob.json().result]).toEqual([201, expect.objectContaining({ username: 'bob', amount: 20, outcome: 'YES' })]);
    expect([await s.balance('bob'), (await s.detail(id)).lastProbability]).toEqual([-21, 0.8333333333333334]);
    await s.bets('carol', id, ['NO', 30]);
    expect([await s.balance('carol'), (await s.detail(id)).lastProbability]).toEqual([-31, 0.4166666666666667]);
    await s.bets('dave', id, ['YES', 10]);
    expect([await s.balance('dave'), (await s.detail(id)).lastProbability]).toEqual([-11, 0.5]);

    // 10
    const projection = { currentProbability: 0.5, projectedProbability: 0.5625, amount: 10, outcome: 'YES', marketId: id };
    for (const path of [`/v0/markets/${id}/projection?amount=10&outcome=yes`, `/v0/marketprojection/${id}/10/YES/`, `/v0/marketprojection/${id}/10/YES`]) {
      const projected = await s.request('GET', path);
      expect([projected.statusCode, projected.json()]).toEqual([200, projection]);
    }
    expect((await s.detail(id)).lastProbability).toBe(0.5);

    // 11
    const paged = (await s.request('GET', `/v0/markets/positions/${id}?limit=21`)).json().result.positions;
    expect(paged).toEqual([
      expect.objectContaining({ username: 'bob', yesSharesOwned: 30, value: 30 }),
      expect.objectContaining({ username: 'carol', noSharesOwned: 30, value: 30 }),
    ]);
    expect(await s.userPosition('bob', id)).toMatchObject({ YesSharesOwned: 30, Value: 30, yesSellableShares: 30, yesSellableValue: 30 });
    expect(await s.userPosition('carol', id)).toMatchObject({ noSellableShares: 30, noSellableValue: 30 });
    expect(await s.position(id, 'dave')).toMatchObject({ yesSharesOwned: 0, noSharesOwned: 0 });
    const board = (await s.request('GET', `/v0/markets/${id}/leaderboard`)).json().result.leaderboard;
    expect(board.slice(0, 2)).toEqual([
      expect.objectContaining({ username: 'bob', profit: 10, rank: 1 }),
      expect.objectContaining({ username: 'carol', profit: 0, rank: 2 }),
    ]);

    // 12
    expect((await s.quote('bob', id, 'YES', 10)).json().result).toMatchObject({
      allowed: true,
      requestedCredits: 10,
      sharesSold: 10,
      saleValue: 10,
      dust: 0,
      netProceeds: 10,
      valuePerShare: 1,
      dustCapCoverage: 1,
      suggestedAmounts: [9, 10, 11, 12],
    });

    // 13
    const sale = await s.sell('bob', id, 'YES', 10);
    expect([sale.statusCode, sale.json().result]).toEqual([201, expect.objectContaining({ sharesSold: 10, saleValue: 10, dust: 0, netProceeds: 10 })]);
    expect(await s.balance('bob')).toBe(-11);
    const newest = (await s.request('GET', `/v0/markets/bets/${id}?limit=1`)).json().result[0];
    expect(newest).toMatchObject({ username: 'bob', outcome: 'YES', amount: -10 });
    let detail = await s.detail(id);
    expect({ p: detail.lastProbability, volume: detail.totalVolume - detail.marketDust, dust: detail.marketDust, total: detail.totalVolume, users: detail.numUsers }).toEqual({
      p: 0.4166666666666667,
      volume: 50,
      dust: 0,
      total: 50,
      users: 3,
    });

    // 14
    expect(await s.position(id, 'bob')).toMatchObject({ yesSharesOwned: 34, value: 24 });
    expectRefusal(await s.quote('bob', id, 'YES', 1), 422, 'NO_POSITION');
    expect(await s.position(id, 'carol')).toMatchObject({ noSharesOwned: 7, value: 13 });
    expect(await s.userPosition('carol', id)).toMatchObject({ noSellableShares: 7 });
    expect(await s.position(id, 'dave')).toMatchObject({ yesSharesOwned: 9, value: 13 });
    expect(await s.userPosition('dave', id)).toMatchObject({ yesSellableShares: 0 });

    // 15
    expectRefusal(await s.request('POST', `/v0/markets/${id}/resolve`, { as: 'carol', body: { resolution: 'YES' } }), 403, 'AUTHORIZATION_DENIED');
    detail = await s.detail(id);
    expect(detail.market.isResolved).toBe(false);
    return id;
  }

  it('S3 — the full flow, resolved YES', async () => {
    const id = await fullFlowUntilResolution();
    const houseBefore = await s.house();

    // 16
    const resolved = await s.request('POST', `/v0/markets/${id}/resolve`, { as: 'alice', body: { resolution: 'yes' } });
    expect([resolved.statusCode, resolved.body]).toEqual([204, '']);

    // 17
    expect([await s.balance('alice'), await s.credit('alice')]).toEqual([-7, 493]);
    expect([await s.balance('bob'), await s.credit('bob')]).toEqual([27, 527]);
    expect([await s.balance('carol'), await s.credit('carol')]).toEqual([-31, 469]);
    expect([await s.balance('dave'), await s.credit('dave')]).toEqual([1, 501]);
    expect([await s.pool(id), await s.house(), houseBefore]).toEqual([0, 10, 13]);
    const detail = await s.detail(id);
    expect(detail.market).toMatchObject({ isResolved: true, resolutionResult: 'YES', status: 'resolved' });
    expect(detail.market.finalResolutionDateTime).not.toBe('0001-01-01T00:00:00Z');
    expect(detail.probabilityChanges.map((point: { probability: number }) => point.probability)).toEqual([
      0.5, 0.8333333333333334, 0.4166666666666667, 0.5, 0.4166666666666667,
    ]);

    // 18
    const board = (await s.request('GET', `/v0/markets/${id}/leaderboard`)).json().result.leaderboard;
    expect(board).toEqual([
      expect.objectContaining({ username: 'bob', profit: 28, currentValue: 38, totalSpent: 10, position: 'YES', yesSharesOwned: 34, rank: 1 }),
      expect.objectContaining({ username: 'dave', profit: 2, currentValue: 12, totalSpent: 10, position: 'YES', yesSharesOwned: 9, rank: 2 }),
      expect.objectContaining({ username: 'carol', profit: -30, currentValue: 0, totalSpent: 30, position: 'NO', noSharesOwned: 7, rank: 3 }),
    ]);

    // 19
    const global = (await s.request('GET', '/v0/global/leaderboard')).json().result;
    expect(global.freshness.isStale).toBe(false);
    expect(global.entries).toEqual([
      expect.objectContaining({ username: 'bob', totalProfit: 28, totalCurrentValue: 38, totalSpent: 10, activeMarkets: 0, resolvedMarkets: 1, rank: 1 }),
      expect.objectContaining({ username: 'dave', totalProfit: 2, totalCurrentValue: 12, totalSpent: 10, rank: 2 }),
      expect.objectContaining({ username: 'carol', totalProfit: -30, totalCurrentValue: 0, totalSpent: 30, rank: 3 }),
    ]);

    // 20
    expectRefusal(await s.bet('bob', id, 'YES', 1), 409, 'MARKET_CLOSED');
    expectRefusal(await s.quote('bob', id, 'YES', 1), 409, 'MARKET_CLOSED');
    expectRefusal(await s.request('POST', `/v0/markets/${id}/resolve`, { as: 'alice', body: { resolution: 'NO' } }), 409, 'MARKET_CLOSED');

    // 21
    expect((await s.request('GET', '/v0/users/alice/financial')).json().financial).toMatchObject({ accountBalance: -7, workProfits: -7, totalProfits: -7 });
    expect((await s.request('GET', '/v0/system/metrics')).json().result.verification.balanced.value).toBe(true);
    await s.expectSoundBooks();
  });

  it('S3b — the full flow, resolved N/A', async () => {
    const id = await fullFlowUntilResolution();
    const resolved = await s.request('POST', `/v0/markets/${id}/resolve`, { as: 'alice', body: { resolution: 'N/A' } });
    expect(resolved.statusCode).toBe(204);
    expect([await s.balance('alice'), await s.balance('bob'), await s.balance('carol'), await s.balance('dave')]).toEqual([-10, -1, -1, -1]);
    expect([await s.credit('alice'), await s.credit('bob'), await s.credit('carol'), await s.credit('dave')]).toEqual([490, 499, 499, 499]);
    expect([await s.house(), await s.pool(id)]).toEqual([13, 0]);
    await s.expectSoundBooks();
  });

  it('S4 — edges: the debt limit, concurrency, malformed requests and tokens', async () => {
    for (const name of ['alice', 'eve']) await s.user(name);
    const id = await s.createMarket('alice');

    expect((await s.bet('eve', id, 'YES', 499)).statusCode).toBe(201);
    expect(await s.balance('eve')).toBe(-500);
    const rowsBefore = (await s.request('GET', `/v0/markets/bets/${id}`)).json().result.length;
    expectRefusal(await s.bet('eve', id, 'YES', 1), 422, 'INSUFFICIENT_BALANCE');
    expect((await s.request('GET', `/v0/markets/bets/${id}`)).json().result.length).toBe(rowsBefore);

    // Two concurrent bets whose total exceeds the balance: exactly one commits.
    await s.user('fay');
    const pair = await Promise.all([s.bet('fay', id, 'NO', 300), s.bet('fay', id, 'NO', 300)]);
    expect(pair.map((response) => response.statusCode).sort()).toEqual([201, 422]);
    expect(await s.balance('fay')).toBe(-301);

    // A bet racing the resolution is either settled with it or refused as closed.
    await s.user('gus');
    const [bet, resolution] = await Promise.all([
      s.bet('gus', id, 'YES', 5),
      s.request('POST', `/v0/markets/${id}/resolve`, { as: 'alice', body: { resolution: 'NO' } }),
    ]);
    expect(resolution.statusCode).toBe(204);
    expect([201, 409]).toContain(bet.statusCode);
    expect(await s.balance('gus')).toBe(bet.statusCode === 201 ? -6 : 0);

    expectRefusal(await s.request('GET', '/v0/markets/abc'), 400, 'INVALID_REQUEST');
    expectRefusal(await s.request('GET', '/v0/nope'), 404, 'NOT_FOUND');
    const deleted = await s.request('DELETE', '/v0/bet');
    expectRefusal(deleted, 405, 'METHOD_NOT_ALLOWED');
    expect(deleted.headers.allow).toBe('POST');
    expectRefusal(await s.request('POST', '/v0/login', { body: { username: 'eve', password: NEW_PASSWORD, extra: 1 } }), 400, 'INVALID_REQUEST');
    const [header, payload] = (s.tokens.get('eve') ?? '').split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expectRefusal(await s.request('GET', '/v0/privateprofile', { token: none }), 401, 'INVALID_TOKEN');
    expectRefusal(await s.request('GET', '/v0/privateprofile', { token: `${header}.${payload}.forgedsignature` }), 401, 'INVALID_TOKEN');
    await s.expectSoundBooks();
  });
});
