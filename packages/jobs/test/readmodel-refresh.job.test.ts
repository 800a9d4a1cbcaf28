// JOB-3 `readmodel.refresh` on PostgreSQL: the global snapshots equal a fresh computation by the same use cases,
// and a stale mark made after the rebuild started survives the save (docs/api.md#read-model-freshness).
import { describe, expect, it } from 'vitest';
import { makeGetGlobalLeaderboard, makeGetSystemMetrics } from '@socialpredict/domain';
import { drizzleJobRepositories } from '@socialpredict/persistence';
import { exportReadModelAges, globalReadModelBuilds, readModelRefreshJob } from '../src/readmodel-refresh/readmodel-refresh.job.ts';
import { booksFixture, HOUR } from './support/books.fixture.ts';
import { FIRST_ATTEMPT, freshDatabases } from './support/postgres.harness.ts';
import { recordingLogger, recordingMetrics } from './support/recording-ports.ts';

describe('readmodel.refresh on PostgreSQL', () => {
  const openDatabase = freshDatabases();

  it('stores the global leaderboard and system metrics exactly as the use cases compute them', async () => {
    const database = await openDatabase();
    const books = booksFixture(database);
    await books.createUser('alice');
    await books.createUser('bob');
    const market = await books.createMarket('alice', 24);
    await books.bet('bob', market.id, 'YES', 50);
    await books.bet('alice', market.id, 'NO', 20);

    const metrics = recordingMetrics();
    const { snapshots } = drizzleJobRepositories(database);
    const handler = readModelRefreshJob({
      builds: globalReadModelBuilds(books.reporting),
      snapshots,
      clock: books.clock,
      logger: recordingLogger(),
      metrics,
    });
    expect(await handler(FIRST_ATTEMPT)).toEqual({ rebuilt: ['global_leaderboard', 'system_metrics'] });

    const board = await makeGetGlobalLeaderboard(books.reporting)({ limit: 100, offset: 0 });
    const system = await makeGetSystemMetrics(books.reporting)();
    const stored = (kind: 'global_leaderboard' | 'system_metrics') => snapshots.load(kind).then((result) => result._unsafeUnwrap());
    expect(await stored('global_leaderboard')).toEqual({ payload: board._unsafeUnwrap(), generatedAt: books.clock.now(), staleSince: null });
    expect(await stored('system_metrics')).toEqual({ payload: system._unsafeUnwrap(), generatedAt: books.clock.now(), staleSince: null });
    expect(metrics.ages.get('global_leaderboard')).toBe(0);

    books.clock.advance(HOUR);
    await exportReadModelAges({ snapshots, clock: books.clock, metrics });
    expect(metrics.ages.get('system_metrics')).toBeCloseTo(3600, 0);
  });

  it('keeps a snapshot marked stale when a write marked it after the rebuild started', async () => {
    const database = await openDatabase();
    const books = booksFixture(database);
    const { snapshots } = drizzleJobRepositories(database);
    const builds = globalReadModelBuilds(books.reporting);
    (await snapshots.save('system_metrics', { old: true }, books.clock.now()))._unsafeUnwrap();
    const racing = {
      ...builds,
      system_metrics: async () => {
        books.clock.advance(1000);
        (await snapshots.markStale(['system_metrics'], books.clock.now()))._unsafeUnwrap();
        return builds.system_metrics();
      },
    };
    const handler = readModelRefreshJob({ builds: racing, snapshots, clock: books.clock, logger: recordingLogger(), metrics: recordingMetrics() });
    await handler(FIRST_ATTEMPT);
    const stored = (await snapshots.load('system_metrics'))._unsafeUnwrap();
    expect(stored).toMatchObject({ payload: (await builds.system_metrics()), staleSince: books.clock.now() });
    expect((await snapshots.load('global_leaderboard'))._unsafeUnwrap()?.staleSince).toBeNull();
  });
});
