// JOB-3 `market.close` on PostgreSQL: markets past their resolution time get a "resolution due" notice for the
// steward, once; the stored lifecycle is never touched.
import { describe, expect, it } from 'vitest';
import { drizzleJobRepositories } from '@socialpredict/persistence';
import { marketCloseJob } from '../src/market-close/market-close.job.ts';
import { booksFixture, HOUR } from './support/books.fixture.ts';
import { FIRST_ATTEMPT, freshDatabases, selectRows } from './support/postgres.harness.ts';
import { recordingLogger } from './support/recording-ports.ts';

describe('market.close on PostgreSQL', () => {
  const openDatabase = freshDatabases();

  it('notifies the steward of each market that reached its resolution time, once', async () => {
    const database = await openDatabase();
    const books = booksFixture(database);
    await books.createUser('alice');
    await books.createUser('bob');
    const due = await books.createMarket('alice', 2);
    await books.createMarket('bob', 48);
    const { dueMarkets, notifications } = drizzleJobRepositories(database);

    books.clock.advance(3 * HOUR);
    const logger = recordingLogger();
    const handler = marketCloseJob({ dueMarkets, notifications, clock: books.clock, logger });

    expect(await handler(FIRST_ATTEMPT)).toEqual({ closed: 1 });
    expect(await selectRows(database, 'SELECT kind, recipient_username, market_id::int AS market_id FROM notifications')).toEqual([
      { kind: 'resolution_due', recipient_username: 'alice', market_id: due.id },
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
    const { dueMarkets, notifications } = drizzleJobRepositories(database);
    const handler = marketCloseJob({
      dueMarkets,
      notifications,
      clock: books.clock,
      logger: recordingLogger(),
      batchSize: 2,
    });
    expect(await handler(FIRST_ATTEMPT)).toEqual({ closed: 5 });
  });
});
