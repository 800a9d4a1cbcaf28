// JOB-3 `market.notify` on PostgreSQL.
import { describe, expect, it } from 'vitest';
import { drizzleJobRepositories } from '@socialpredict/persistence';
import { marketNotifyJob } from '../src/market-notify/market-notify.job.ts';
import { booksFixture } from './support/books.fixture.ts';
import { freshDatabases, selectRows } from './support/postgres.harness.ts';

const signal = new AbortController().signal;

describe('market.notify on PostgreSQL', () => {
  const openDatabase = freshDatabases();

  it('records one "market resolved" notice per holder, once', async () => {
    const database = await openDatabase();
    const books = booksFixture(database);
    for (const name of ['alice', 'bob', 'carol']) await books.createUser(name);
    const market = await books.createMarket('alice', 24);
    await books.bet('bob', market.id, 'YES', 10);
    await books.bet('carol', market.id, 'NO', 10);
    await books.bet('bob', market.id, 'NO', 5);

    const { notifications } = drizzleJobRepositories(database);
    const handler = marketNotifyJob({ bets: books.repositories.bets, notifications, clock: books.clock });
    expect(await handler({ data: { marketId: market.id }, attempt: 1, signal })).toEqual({ notified: 2 });
    expect(await handler({ data: { marketId: market.id }, attempt: 2, signal })).toEqual({ notified: 0 });
    expect(await selectRows(database, `SELECT recipient_username FROM notifications WHERE kind = 'market_resolved' ORDER BY 1`)).toEqual([
      { recipient_username: 'bob' },
      { recipient_username: 'carol' },
    ]);
    await expect(handler({ data: {}, attempt: 1, signal })).rejects.toThrow(/needs a market id/);
  });
});
