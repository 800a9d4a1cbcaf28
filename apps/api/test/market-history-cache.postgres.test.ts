// Market reads from the in-process history cache on PostgreSQL (docs/performance.md#request-path-profile): never stale
// after the client's own write (docs/api.md#read-model-freshness), through a resolution too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMarketHistoryCache } from '@socialpredict/runtime';
import { createPostgresApp, type PostgresApp } from './helpers/postgres-app.ts';
import { ScenarioDriver } from './helpers/scenario-driver.ts';

let app: PostgresApp;
let s: ScenarioDriver;

describe('market history cache on PostgreSQL', () => {
  beforeEach(async () => {
    app = await createPostgresApp({}, { marketHistoryCache: createMarketHistoryCache() });
    s = new ScenarioDriver(app);
    await s.admin();
    for (const name of ['amy', 'bob']) await s.user(name);
  });

  afterEach(async () => {
    await app.close();
  });

  it('shows each bet in the very next read of positions, leaderboard, summary and bets', async () => {
    const market = await s.createMarket('admin');
    const reads = async () => ({
      positions: (await s.request('GET', `/v0/markets/positions/${market}`)).json().result,
      leaderboard: (await s.request('GET', `/v0/markets/${market}/leaderboard`)).json().result,
      details: (await s.request('GET', `/v0/markets/${market}`)).json(),
      bets: (await s.request('GET', `/v0/markets/bets/${market}`)).json().result,
    });
    expect((await reads()).positions).toEqual([]);
    for (const [username, amount, outcome, traders] of [['amy', 10, 'YES', 1], ['bob', 7, 'NO', 2], ['amy', 3, 'NO', 2]] as const) {
      const bet = await s.request('POST', '/v0/bet', { as: username, body: { marketId: market, amount, outcome } });
      expect(bet.statusCode, bet.body).toBe(201);
      const after = await reads();
      expect(after.positions).toHaveLength(traders);
      expect(after.leaderboard.total).toBe(traders);
      expect(after.details.numUsers).toBe(traders);
      expect(after.bets.at(-1)).toMatchObject({ username, amount, outcome });
    }
    const resolved = await s.request('POST', `/v0/markets/${market}/resolve`, { as: 'admin', body: { resolution: 'YES' } });
    expect(resolved.statusCode, resolved.body).toBe(204);
    const positions = (await reads()).positions as { isResolved: boolean; resolutionResult: string }[];
    expect(positions.every((position) => position.isResolved && position.resolutionResult === 'YES')).toBe(true);
    await s.expectSoundBooks();
  });
});
