// JOB-3 `market.close` on PostgreSQL: markets past their resolution time get their read models marked stale and a
// "resolution due" notice for the steward, once; the stored lifecycle is never touched.
import { describe, expect, it } from 'vitest';
import { marketCloseJob } from '../src/market-close/market-close.job.ts';
import { sqlDueMarketSource } from '../src/stores/due-market.store.ts';
import { sqlNotificationStore } from '../src/stores/notification.store.ts';
import { sqlReadModelStore } from '../src/stores/read-model.store.ts';
import { booksFixture, HOUR } from './support/books.fixture.ts';
import { FIRST_ATTEMPT, freshDatabases, postgresServer, selectRows } from './support/postgres.harness.ts';
import { recordingLogger } from './support/recording-ports.ts';

describe.skipIf(!postgresServer)('market.close on PostgreSQL', () => {
  const openDatabase = freshDatabases();

  it('notifies the steward of each market that reached its resolution time and marks its read models stale', async () => {
    const database = await openDatabase();
    const books = booksFixture(database);
    await books.createUser('alice');
    await books.createUser('bob');
    const due = await books.createMarket('alice', 2);
    const later = await books.createMarket('bob', 48);
    const readModels = sqlReadModelStore(database);
    for (const market of [due, later]) {
      await readModels.save('market_summary', String(market.id), { id: market.id }, books.clock.now());
      await readModels.save('market_positions', `${market.id}:1`, [], books.clock.now());
    }
    await readModels.save('discovery', 'status=active', [], books.clock.now());
    await readModels.save('global_leaderboard', '', [], books.clock.now());

    books.clock.advance(3 * HOUR);
    const logger = recordingLogger();
    const handler = marketCloseJob({
      dueMarkets: sqlDueMarketSource(database),
      readModels,
      notifications: sqlNotificationStore(database),
      clock: books.clock,
      logger,
    });

    expect(await handler(FIRST_ATTEMPT)).toEqual({ closed: 1 });
    expect(await selectRows(database, 'SELECT kind, recipient_username, market_id::int AS market_id FROM notifications')).toEqual([
      { kind: 'resolution_due', recipient_username: 'alice', market_id: due.id },
    ]);
    const stale = await selectRows<{ kind: string; key: string }>(
      database,
      'SELECT kind, key FROM read_model_snapshots WHERE stale_since IS NOT NULL ORDER BY kind, key',
    );
    expect(stale).toEqual([
      { kind: 'discovery', key: 'status=active' },
      { kind: 'market_positions', key: `${due.id}:1` },
      { kind: 'market_summary', key: String(due.id) },
    ]);
    expect(await selectRows(database, 'SELECT lifecycle_status FROM markets ORDER BY id')).toEqual([
      { lifecycle_status: 'published' },
      { lifecycle_status: 'published' },
    ]);
    expect(logger.events('jobs.markets_closed')).toHaveLength(1);

    // A second sweep (or a duplicate run) finds nothing left to do.
    expect(await handler(FIRST_ATTEMPT)).toEqual({ closed: 0 });
    books.clock.advance(48 * HOUR);
    expect(await handler(FIRST_ATTEMPT)).toEqual({ closed: 1 });
  });

  it('works through more due markets than one batch holds', async () => {
    const database = await openDatabase();
    const books = booksFixture(database);
    await books.createUser('carol');
    for (let i = 0; i < 5; i += 1) await books.createMarket('carol', 2);
    books.clock.advance(3 * HOUR);
    const handler = marketCloseJob({
      dueMarkets: sqlDueMarketSource(database),
      readModels: sqlReadModelStore(database),
      notifications: sqlNotificationStore(database),
      clock: books.clock,
      logger: recordingLogger(),
      batchSize: 2,
    });
    expect(await handler(FIRST_ATTEMPT)).toEqual({ closed: 5 });
  });
});
