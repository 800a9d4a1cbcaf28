// JOB-3 `market.notify` and `snapshot.cleanup` on PostgreSQL.
import { describe, expect, it } from 'vitest';
import { marketNotifyJob } from '../src/market-notify/market-notify.job.ts';
import { snapshotCleanupJob, SNAPSHOT_MAX_IDLE_MS } from '../src/snapshot-cleanup/snapshot-cleanup.job.ts';
import { sqlNotificationStore } from '../src/stores/notification.store.ts';
import { sqlReadModelStore } from '../src/stores/read-model.store.ts';
import { booksFixture } from './support/books.fixture.ts';
import { freshDatabases, postgresServer, selectRows } from './support/postgres.harness.ts';
import { recordingLogger } from './support/recording-ports.ts';

const signal = new AbortController().signal;

describe.skipIf(!postgresServer)('market.notify and snapshot.cleanup on PostgreSQL', () => {
  const openDatabase = freshDatabases();

  it('records one "market resolved" notice per holder, once', async () => {
    const database = await openDatabase();
    const books = booksFixture(database);
    for (const name of ['alice', 'bob', 'carol']) await books.createUser(name);
    const market = await books.createMarket('alice', 24);
    await books.bet('bob', market.id, 'YES', 10);
    await books.bet('carol', market.id, 'NO', 10);
    await books.bet('bob', market.id, 'NO', 5);

    const handler = marketNotifyJob({ bets: books.repositories.bets, notifications: sqlNotificationStore(database), clock: books.clock });
    expect(await handler({ data: { marketId: market.id }, attempt: 1, signal })).toEqual({ notified: 2 });
    expect(await handler({ data: { marketId: market.id }, attempt: 2, signal })).toEqual({ notified: 0 });
    expect(await selectRows(database, `SELECT recipient_username FROM notifications WHERE kind = 'market_resolved' ORDER BY 1`)).toEqual([
      { recipient_username: 'bob' },
      { recipient_username: 'carol' },
    ]);
    await expect(handler({ data: {}, attempt: 1, signal })).rejects.toThrow(/needs a market id/);
  });

  it('deletes market-scoped snapshots idle for a week and keeps the global ones', async () => {
    const database = await openDatabase();
    const books = booksFixture(database);
    const store = sqlReadModelStore(database);
    await store.save('market_summary', '1', {}, books.clock.now());
    await store.save('global_leaderboard', '', [], books.clock.now());
    books.clock.advance(SNAPSHOT_MAX_IDLE_MS - 1000);
    await store.save('market_summary', '2', {}, books.clock.now());
    books.clock.advance(2000);

    const handler = snapshotCleanupJob({ readModels: store, clock: books.clock, logger: recordingLogger() });
    expect(await handler({ data: {}, attempt: 1, signal })).toEqual({ deleted: 1 });
    expect(await selectRows(database, 'SELECT kind, key FROM read_model_snapshots ORDER BY kind, key')).toEqual([
      { kind: 'global_leaderboard', key: '' },
      { kind: 'market_summary', key: '2' },
    ]);
  });
});
