// JOB-2 on embedded PGlite: pg-boss shares the application's one connection through its PGlite executor; queued
// jobs run to completion next to the application's own queries (a write's debounced refresh included), and stop()
// lets the database close afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import { drizzleJobRepositories, migrate, openDatabase, type Database } from '@socialpredict/persistence';
import { GLOBAL_READ_MODELS } from '../src/global-read-models/global-read-model.kinds.ts';
import { createGlobalReadModels } from '../src/global-read-models/global-read-models.reader.ts';
import { createJobProcess } from '../src/job-handlers.ts';
import { QUEUES } from '../src/queues.ts';
import { globalReadModelBuilds } from '../src/readmodel-refresh/readmodel-refresh.job.ts';
import type { JobRunner } from '../src/runner/job-runner.ts';
import { booksFixture } from './support/books.fixture.ts';
import { selectRows } from './support/postgres.harness.ts';
import { recordingLogger, recordingMetrics } from './support/recording-ports.ts';

const SETTINGS = {
  url: undefined,
  pgliteDataDir: 'memory://',
  poolMax: 10,
  idleTimeoutSeconds: 30,
  maxLifetimeSeconds: 1800,
  connectTimeoutSeconds: 5,
  statementTimeoutMs: 5000,
  lockTimeoutMs: 2000,
  slowQueryMs: 200,
  requireTls: false,
};

describe('job process on embedded PGlite', () => {
  let database: Database | undefined;
  let runner: JobRunner | undefined;

  afterEach(async () => {
    await runner?.stop(2000);
    await database?.close();
    runner = undefined;
    database = undefined;
  });

  it('runs queued jobs through the embedded client while the application keeps writing', async () => {
    database = await openDatabase(SETTINGS);
    (await migrate(database))._unsafeUnwrap();
    const books = booksFixture(database);
    await books.createUser('alice');
    await books.createUser('bob');
    const market = await books.createMarket('alice', 24);

    const metrics = recordingMetrics();
    runner = createJobProcess({
      database,
      reporting: books.reporting,
      clock: books.clock,
      logger: recordingLogger(),
      metrics,
      settings: SETTINGS,
      consume: true,
    });
    await runner.start();
    await runner.enqueue(QUEUES.readModelRefresh);
    await runner.enqueue(QUEUES.ledgerIntegrity);
    // Application transactions interleave with pg-boss's polling on the one connection.
    for (let round = 0; round < 5; round += 1) await books.bet('bob', market.id, 'YES', 10);

    await expect.poll(() => metrics.completed.length, { timeout: 20_000 }).toBe(2);
    expect(metrics.failed).toEqual([]);
    expect(metrics.violations).toBe(0);
    const kinds = await selectRows<{ kind: string }>(database, 'SELECT kind FROM read_model_snapshots ORDER BY kind');
    expect(kinds.map((row) => row.kind)).toEqual(['global_leaderboard', 'system_metrics']);

    // The write path of docs/api.md#read-model-freshness end to end: mark, debounced refresh, fresh snapshot with the new trader.
    const readModels = createGlobalReadModels({
      store: drizzleJobRepositories(database).snapshots,
      builds: globalReadModelBuilds(books.reporting),
      clock: books.clock,
      logger: recordingLogger(),
      rebuildInline: false,
    });
    await books.bet('alice', market.id, 'NO', 10);
    await readModels.markStale(GLOBAL_READ_MODELS);
    expect((await readModels.read('global_leaderboard')).staleSince).not.toBeNull();
    books.clock.advance(1000);
    await runner.requestReadModelRefresh();
    await expect.poll(async () => (await readModels.read('global_leaderboard')).staleSince, { timeout: 20_000 }).toBeNull();
    const board = (await readModels.read('global_leaderboard')).value;
    expect(board.entries.map((row) => row.username).sort()).toEqual(['alice', 'bob']);
    // pg-boss creates its schema on the embedded database first, which takes a while under WASM.
  }, 60_000);
});
