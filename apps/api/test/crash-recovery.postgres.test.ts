// The real process (`pnpm start`) on PostgreSQL, killed with SIGKILL in the middle of a stream of bets: every bet it
// acknowledged with 201 is stored after the restart, and the ledger integrity check (VAL-4) is clean.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { runCli, startApiProcess, type ApiProcess } from './helpers/api-process.ts';
import { loadEnv, prepareBettors, startLoad, storedBets, tally, type Bet } from './helpers/bet-load.ts';
import { createEmptyDatabase, describeOnFullServer, type EmptyDatabase } from './helpers/postgres-app.ts';

const key = (bet: Bet) => `${bet.username} ${bet.outcome} ${bet.amount} ${bet.placedAt}`;

/** The acknowledged bets that are not among the stored ones, counting repeats. */
function missing(acknowledged: readonly Bet[], stored: readonly Bet[]): string[] {
  const left = new Map<string, number>();
  for (const bet of stored) left.set(key(bet), (left.get(key(bet)) ?? 0) + 1);
  return acknowledged.map(key).filter((id) => {
    const count = left.get(id) ?? 0;
    left.set(id, count - 1);
    return count === 0;
  });
}

describeOnFullServer('SIGKILL under load', 'real server processes killed with SIGKILL over many connections', () => {
  let target: EmptyDatabase;
  const running: ApiProcess[] = [];

  beforeAll(async () => {
    target = await createEmptyDatabase();
  });
  afterAll(async () => {
    for (const api of running) api.signal('SIGKILL');
    await Promise.all(running.map((api) => api.exited));
    await target?.drop();
  });

  it('keeps every acknowledged bet and a clean ledger after the process is killed mid-load and restarted', { timeout: 120_000 }, async () => {
    const env = { DATABASE_URL: target.url, DB_POOL_MAX: '4', ...loadEnv() };
    const first = await startApiProcess(env);
    running.push(first);
    const bettors = await prepareBettors(first, target.url);
    const load = startLoad(first, bettors, { connections: 16, pauseMs: 5, readEvery: 0 });
    try {
      await vi.waitFor(() => expect(load.answers().filter((answer) => answer.outcome === 201).length).toBeGreaterThan(300), {
        timeout: 60_000,
        interval: 50,
      });
      first.signal('SIGKILL');
      expect((await first.exited).signal).toBe('SIGKILL');
    } catch (error) {
      await load.stop();
      throw error;
    }
    const report = await load.stop();
    console.info('answers around the SIGKILL', tally(report.answers));

    const second = await startApiProcess(env);
    running.push(second);
    const stored = await storedBets(second, bettors.marketId);
    expect(report.acknowledged.length).toBeGreaterThan(300);
    expect(missing(report.acknowledged, stored)).toEqual([]);
    // Bets in flight at the kill are either committed or absent, never half-written: the books balance.
    const integrity = await runCli(['integrity-check'], env);
    expect(integrity.code, integrity.output).toBe(0);
  });
});
