// docs/api.md#read-model-freshness over HTTP: T1-40 and T1-41 answer from their snapshots with `source: "read_model"`, a trade marks
// them stale (previous figures, `isStale: true`), the leaderboard pages through its whole-board snapshot, and with
// no job consumer a read past the refresh debounce rebuilds them.
import { describe, expect, it } from 'vitest';
import { READ_MODEL_REFRESH_DEBOUNCE_SECONDS } from '@socialpredict/jobs';
import { bearer, createTestApp, TEST_NOW } from './helpers/test-app.ts';

const WEEK_MS = 7 * 24 * 3600 * 1000;

async function tradedMarket(env: Record<string, string> = {}) {
  const app = await createTestApp(env);
  const tokens = { alice: await app.user('alice'), bob: await app.user('bob'), carol: await app.user('carol') };
  const created = await app.inject({
    method: 'POST',
    url: '/v0/markets',
    headers: bearer(tokens.alice),
    payload: { questionTitle: 'Will it rain?', description: '', outcomeType: 'BINARY', resolutionDateTime: new Date(TEST_NOW + WEEK_MS).toISOString() },
  });
  const marketId = (created.json() as { id: number }).id;
  const bet = (username: 'bob' | 'carol', amount: number, outcome: 'YES' | 'NO') =>
    app.inject({ method: 'POST', url: '/v0/bet', headers: bearer(tokens[username]), payload: { marketId, amount, outcome } });
  const read = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    return response.json().result;
  };
  return { app, bet, read };
}

describe('global read models over HTTP', () => {
  it('answers from the snapshot, and serves it marked stale after a trade', async () => {
    const { app, bet, read } = await tradedMarket();
    expect((await bet('bob', 20, 'YES')).statusCode).toBe(201);

    const first = await read('/v0/system/metrics');
    expect(first.freshness).toEqual({
      generatedAt: new Date(TEST_NOW).toISOString(),
      source: 'read_model',
      targetFreshnessSeconds: 3600,
      transactionSafeRead: false,
      isStale: false,
    });
    const board = await read('/v0/global/leaderboard');
    expect(board.entries.map((row: { username: string }) => row.username)).toEqual(['bob']);

    app.ports.clock.advance(1000);
    expect((await bet('carol', 30, 'NO')).statusCode).toBe(201);
    const stale = await read('/v0/system/metrics');
    expect(stale.moneyUtilized).toEqual(first.moneyUtilized);
    expect(stale.freshness).toMatchObject({ source: 'read_model', isStale: true, markedStaleAt: new Date(TEST_NOW + 1000).toISOString() });
    expect((await read('/v0/global/leaderboard')).entries).toEqual(board.entries);
    await app.close();
  });

  it('pages the global leaderboard through the whole-board snapshot', async () => {
    const { app, bet, read } = await tradedMarket({ JOBS_ENABLED: 'false' });
    await bet('bob', 20, 'YES');
    await bet('carol', 30, 'NO');
    const whole = (await read('/v0/global/leaderboard')).entries;
    expect(whole.map((row: { rank: number }) => row.rank)).toEqual([1, 2]);
    expect((await read('/v0/global/leaderboard?limit=1&offset=1')).entries).toEqual([whole[1]]);
    expect((await read('/v0/global/leaderboard?limit=5&offset=2')).entries).toEqual([]);
    await app.close();
  });

  it('with no job consumer, rebuilds a stale snapshot on the first read past the debounce', async () => {
    const { app, bet, read } = await tradedMarket({ JOBS_ENABLED: 'false', READ_MODEL_WORKER: 'inline' });
    await bet('bob', 20, 'YES');
    expect((await read('/v0/global/leaderboard')).entries).toHaveLength(1);
    app.ports.clock.advance(1000);
    await bet('carol', 30, 'NO');
    expect((await read('/v0/global/leaderboard')).freshness.isStale).toBe(true);

    app.ports.clock.advance(READ_MODEL_REFRESH_DEBOUNCE_SECONDS * 1000);
    const rebuilt = await read('/v0/global/leaderboard');
    expect(rebuilt.freshness).toMatchObject({ isStale: false, generatedAt: new Date(TEST_NOW + 1000 + READ_MODEL_REFRESH_DEBOUNCE_SECONDS * 1000).toISOString() });
    expect(rebuilt.entries).toHaveLength(2);
    await app.close();
  });

  it('with an external worker, keeps serving the stale snapshot', async () => {
    const { app, bet, read } = await tradedMarket({ JOBS_ENABLED: 'false', READ_MODEL_WORKER: 'external' });
    await bet('bob', 20, 'YES');
    await read('/v0/global/leaderboard');
    app.ports.clock.advance(1000);
    await bet('carol', 30, 'NO');
    app.ports.clock.advance(60_000);
    const served = await read('/v0/global/leaderboard');
    expect(served.freshness.isStale).toBe(true);
    expect(served.entries).toHaveLength(1);
    await app.close();
  });
});
