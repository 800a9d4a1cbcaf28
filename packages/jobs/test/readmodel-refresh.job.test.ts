// JOB-3 `readmodel.refresh` on PostgreSQL: the global snapshots equal a fresh computation by the same use cases,
// and a stale mark made after the rebuild started survives the save (http-api §1.7).
import { describe, expect, it } from 'vitest';
import { makeGetGlobalLeaderboard, makeGetSystemMetrics } from '@socialpredict/domain';
import type { Database } from '@socialpredict/persistence';
import {
  exportReadModelAges,
  globalReadModelBuilders,
  readModelRefreshJob,
  type ReadModelBuilder,
} from '../src/readmodel-refresh/readmodel-refresh.job.ts';
import { sqlReadModelStore } from '../src/stores/read-model.store.ts';
import { booksFixture, HOUR } from './support/books.fixture.ts';
import { freshDatabases, postgresServer } from './support/postgres.harness.ts';
import { recordingLogger, recordingMetrics } from './support/recording-ports.ts';

const signal = new AbortController().signal;

async function snapshot(database: Database, kind: string) {
  const session = await database.reserve();
  try {
    const [row] = await session.query<{ payload: unknown; stale: boolean }>(
      'SELECT payload, stale_since IS NOT NULL AS stale FROM read_model_snapshots WHERE kind = $1',
      [kind],
    );
    return row;
  } finally {
    await session.release();
  }
}

describe.skipIf(!postgresServer)('readmodel.refresh on PostgreSQL', () => {
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
    const store = sqlReadModelStore(database);
    const handler = readModelRefreshJob({
      builders: globalReadModelBuilders(books.reporting),
      readModels: store,
      clock: books.clock,
      logger: recordingLogger(),
      metrics,
    });
    expect(await handler({ data: { scope: 'global' }, attempt: 1, signal })).toEqual({
      scope: 'global',
      rebuilt: ['global_leaderboard', 'system_metrics'],
    });

    const board = await makeGetGlobalLeaderboard(books.reporting)({ limit: 100, offset: 0 });
    const system = await makeGetSystemMetrics(books.reporting)();
    expect(await snapshot(database, 'global_leaderboard')).toEqual({ payload: board._unsafeUnwrap(), stale: false });
    expect(await snapshot(database, 'system_metrics')).toEqual({ payload: system._unsafeUnwrap(), stale: false });
    expect(metrics.ages.get('global_leaderboard')).toBe(0);

    books.clock.advance(HOUR);
    await exportReadModelAges({ readModels: store, clock: books.clock, metrics });
    expect(metrics.ages.get('system_metrics')).toBeCloseTo(3600, 0);
  });

  it('keeps a snapshot marked stale when a write marked it after the rebuild started', async () => {
    const database = await openDatabase();
    const books = booksFixture(database);
    const store = sqlReadModelStore(database);
    const markDuringBuild = async (database: Database, at: number) => {
      const session = await database.reserve();
      try {
        await session.query(`UPDATE read_model_snapshots SET stale_since = $1::timestamptz WHERE kind = 'discovery'`, [
          new Date(at).toISOString(),
        ]);
      } finally {
        await session.release();
      }
    };
    await store.save('discovery', '', ['old'], books.clock.now());
    const racing: ReadModelBuilder = {
      kind: 'discovery',
      key: '',
      scope: 'discovery',
      build: async () => {
        books.clock.advance(1000);
        await markDuringBuild(database, books.clock.now());
        return ['new'];
      },
    };
    const handler = readModelRefreshJob({ builders: [racing], readModels: store, clock: books.clock, logger: recordingLogger(), metrics: recordingMetrics() });
    await handler({ data: { scope: 'discovery' }, attempt: 1, signal });
    expect(await snapshot(database, 'discovery')).toEqual({ payload: ['new'], stale: true });
  });
});
