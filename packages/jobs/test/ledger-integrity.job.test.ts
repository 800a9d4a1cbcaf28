// VAL-4 / JOB-3 `ledger.integrity` on PostgreSQL: sound books report 0 violations; a corrupted cached balance is
// reported by the gauge and an error-level `ledger.integrity_violation` line.
import { afterEach, describe, expect, it } from 'vitest';
import { databaseIntegrityCheck, ledgerIntegrityJob } from '../src/ledger-integrity/ledger-integrity.job.ts';
import { booksFixture, ECONOMICS } from './support/books.fixture.ts';
import { createJobsTestDatabase, postgresServer, type TestDatabase } from './support/postgres.harness.ts';
import { recordingLogger, recordingMetrics } from './support/recording-ports.ts';

const job = { data: {}, attempt: 1, signal: new AbortController().signal };

describe.skipIf(!postgresServer)('ledger.integrity on PostgreSQL', () => {
  let target: TestDatabase | undefined;
  afterEach(async () => {
    await target?.drop();
    target = undefined;
  });

  it('reports sound books, then exactly the corrupted balance', async () => {
    const created = await createJobsTestDatabase();
    target = created.target;
    const { database } = created;
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
    expect(await handler(job)).toEqual({ violations: 0 });
    expect(metrics.violations).toBe(0);
    expect(logger.events('ledger.integrity_checked')).toHaveLength(1);

    const session = await database.reserve();
    try {
      await session.query(`UPDATE users SET account_balance = account_balance + 5 WHERE username = 'bob'`);
    } finally {
      await session.release();
    }
    expect(await handler(job)).toEqual({ violations: 1 });
    expect(metrics.violations).toBe(1);
    const [line] = logger.events('ledger.integrity_violation');
    expect(line?.level).toBe('error');
    expect(line?.fields.violations).toEqual([
      expect.objectContaining({ kind: 'STORED_BALANCE_MISMATCH', account: 'user:bob' }),
    ]);
  });

  it('fails the attempt (so it is retried) when the query cannot run', async () => {
    const created = await createJobsTestDatabase();
    target = created.target;
    const { database } = created;
    const handler = ledgerIntegrityJob({
      check: databaseIntegrityCheck(database, 500),
      clock: booksFixture(database).clock,
      logger: recordingLogger(),
      metrics: recordingMetrics(),
    });
    await database.close();
    await expect(handler(job)).rejects.toThrow(/integrity query failed/);
  });
});
