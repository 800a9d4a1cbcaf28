// VAL-4 / JOB-3 `ledger.integrity` on PostgreSQL: sound books report 0 violations; a corrupted cached balance is
// reported by the gauge and an error-level `ledger.integrity_violation` line.
import { describe, expect, it } from 'vitest';
import { databaseIntegrityCheck, ledgerIntegrityJob } from '../src/ledger-integrity/ledger-integrity.job.ts';
import { booksFixture, ECONOMICS } from './support/books.fixture.ts';
import { FIRST_ATTEMPT, freshDatabases } from './support/postgres.harness.ts';
import { recordingLogger, recordingMetrics } from './support/recording-ports.ts';

describe('ledger.integrity on PostgreSQL', () => {
  const openDatabase = freshDatabases();

  it('reports sound books, then exactly the corrupted balance', async () => {
    const database = await openDatabase();
    const books = booksFixture(database);
    await books.createUser('alice');
    await books.createUser('bob');
    const market = await books.createMarket('alice', 24);
    await books.bet('bob', market.id, 'YES', 30);

    const logger = recordingLogger();
    const metrics = recordingMetrics();
    const handler = ledgerIntegrityJob({
      check: databaseIntegrityCheck(database, ECONOMICS.user.maximumDebtAllowed),
      clock: books.clock,
      logger,
      metrics,
    });
    expect(await handler(FIRST_ATTEMPT)).toEqual({ violations: 0 });
    expect(metrics.violations).toBe(0);
    expect(logger.events('ledger.integrity_checked')).toHaveLength(1);

    const session = await database.reserve();
    try {
      await session.query(`UPDATE users SET account_balance = account_balance + 5 WHERE username = 'bob'`);
    } finally {
      await session.release();
    }
    expect(await handler(FIRST_ATTEMPT)).toEqual({ violations: 1 });
    expect(metrics.violations).toBe(1);
    const [line] = logger.events('ledger.integrity_violation');
    expect(line?.level).toBe('error');
    expect(line?.fields.violations).toEqual([
      expect.objectContaining({ kind: 'STORED_BALANCE_MISMATCH', account: 'user:bob' }),
    ]);
  });

  it('fails the attempt (so it is retried) when the query cannot run', async () => {
    const database = await openDatabase();
    const handler = ledgerIntegrityJob({
      check: databaseIntegrityCheck(database, 500),
      clock: booksFixture(database).clock,
      logger: recordingLogger(),
      metrics: recordingMetrics(),
    });
    await database.close();
    await expect(handler(FIRST_ATTEMPT)).rejects.toThrow(/integrity query failed/);
  });
});
