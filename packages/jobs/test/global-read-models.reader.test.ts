// docs/api.md#read-model-freshness global read models on PostgreSQL: readers answer from the snapshot (equal to a recompute after a
// refresh), writes mark it stale until the refresh job rebuilds it, a missing snapshot is built once, and only with
// no job consumer does a reader rebuild a stale one, single-flight.
import { describe, expect, it, vi } from 'vitest';
import { makeGetGlobalLeaderboard, makeGetSystemMetrics } from '@socialpredict/domain';
import { drizzleJobRepositories, type Database } from '@socialpredict/persistence';
import { GLOBAL_READ_MODELS } from '../src/global-read-models/global-read-model.kinds.ts';
import { createGlobalReadModels } from '../src/global-read-models/global-read-models.reader.ts';
import { READ_MODEL_REFRESH_DEBOUNCE_SECONDS } from '../src/queues.ts';
import { globalReadModelBuilds, readModelRefreshJob } from '../src/readmodel-refresh/readmodel-refresh.job.ts';
import { booksFixture } from './support/books.fixture.ts';
import { FIRST_ATTEMPT, freshDatabases, selectRows } from './support/postgres.harness.ts';
import { recordingLogger, recordingMetrics } from './support/recording-ports.ts';

const DEBOUNCE_MS = READ_MODEL_REFRESH_DEBOUNCE_SECONDS * 1000;

/** Alice's market with one bet by bob, and the reader over it, counting the rebuilds of each snapshot. */
async function setting(database: Database, rebuildInline: boolean) {
  const books = booksFixture(database);
  await books.createUser('alice');
  await books.createUser('bob');
  await books.createUser('carol');
  const market = await books.createMarket('alice', 24);
  await books.bet('bob', market.id, 'YES', 50);
  const store = drizzleJobRepositories(database).snapshots;
  const builds = globalReadModelBuilds(books.reporting);
  const rebuilds = { global_leaderboard: 0, system_metrics: 0 };
  /** Leaderboard rebuilds wait for it, so a test can read while one is under way. */
  let leaderboardGate = Promise.resolve();
  const readModels = createGlobalReadModels({
    store,
    builds: {
      global_leaderboard: async () => {
        rebuilds.global_leaderboard += 1;
        await leaderboardGate;
        return builds.global_leaderboard();
      },
      system_metrics: () => ((rebuilds.system_metrics += 1), builds.system_metrics()),
    },
    clock: books.clock,
    logger: recordingLogger(),
    rebuildInline,
  });
  const refresh = readModelRefreshJob({
    builds,
    snapshots: store,
    clock: books.clock,
    logger: recordingLogger(),
    metrics: recordingMetrics(),
  });
  const recompute = async () => ({
    board: (await makeGetGlobalLeaderboard(books.reporting)({ limit: Number.MAX_SAFE_INTEGER, offset: 0 }))._unsafeUnwrap(),
    metrics: (await makeGetSystemMetrics(books.reporting)())._unsafeUnwrap(),
  });
  /** A committed write followed by its mark, as the API does. */
  const betAndMark = async (username: string, amount: number) => {
    await books.bet(username, market.id, 'NO', amount);
    await readModels.markStale(GLOBAL_READ_MODELS);
  };
  const holdLeaderboardRebuilds = () => {
    let release = () => undefined as void;
    leaderboardGate = new Promise((resolve) => (release = resolve));
    return release;
  };
  return { books, readModels, rebuilds, recompute, betAndMark, holdLeaderboardRebuilds, refresh: () => refresh(FIRST_ATTEMPT) };
}

describe('global read models on PostgreSQL', () => {
  const openDatabase = freshDatabases();

  /** Fresh snapshots, then a second later a bet that marks them stale; returns the figures before the bet. */
  const refreshedThenBet = async (s: Awaited<ReturnType<typeof setting>>) => {
    await s.refresh();
    const before = await s.recompute();
    s.books.clock.advance(1000);
    await s.betAndMark('carol', 40);
    return before;
  };

  it('serves the snapshot the refresh job wrote, equal to a recompute', async () => {
    const s = await setting(await openDatabase(), false);
    await s.refresh();
    const expected = await s.recompute();
    const board = await s.readModels.read('global_leaderboard');
    const metrics = await s.readModels.read('system_metrics');
    expect(board).toEqual({ value: expected.board, generatedAt: s.books.clock.now(), staleSince: null });
    expect(metrics.value).toEqual(expected.metrics);
    expect(s.rebuilds).toEqual({ global_leaderboard: 0, system_metrics: 0 });
  });

  it('marks the snapshots stale on a write and serves the previous figures until the refresh job clears the mark', async () => {
    const s = await setting(await openDatabase(), false);
    const before = await refreshedThenBet(s);
    const stale = await s.readModels.read('global_leaderboard');
    expect(stale).toEqual({ value: before.board, generatedAt: s.books.clock.now() - 1000, staleSince: s.books.clock.now() });
    expect((await s.readModels.read('system_metrics')).staleSince).toBe(s.books.clock.now());

    s.books.clock.advance(DEBOUNCE_MS);
    await s.refresh();
    const after = await s.recompute();
    expect(after.board.entries.map((row) => row.username)).toContain('carol');
    expect(await s.readModels.read('global_leaderboard')).toEqual({ value: after.board, generatedAt: s.books.clock.now(), staleSince: null });
    expect((await s.readModels.read('system_metrics')).value).toEqual(after.metrics);
    expect(s.rebuilds).toEqual({ global_leaderboard: 0, system_metrics: 0 });
  });

  it('builds a missing snapshot once, synchronously, for concurrent first readers', async () => {
    const database = await openDatabase();
    const s = await setting(database, false);
    const [first, second] = await Promise.all([s.readModels.read('system_metrics'), s.readModels.read('system_metrics')]);
    expect(first).toEqual({ value: (await s.recompute()).metrics, generatedAt: s.books.clock.now(), staleSince: null });
    expect(second).toEqual(first);
    expect(s.rebuilds.system_metrics).toBe(1);
    expect(await selectRows(database, `SELECT kind FROM read_model_snapshots`)).toEqual([{ kind: 'system_metrics' }]);
  });

  it('with no job consumer, rebuilds a snapshot stale beyond the debounce inline, once for concurrent readers', async () => {
    const s = await setting(await openDatabase(), true);
    const before = await refreshedThenBet(s);

    // Within the debounce: the previous snapshot, marked.
    s.books.clock.advance(DEBOUNCE_MS - 1);
    expect(await s.readModels.read('global_leaderboard')).toMatchObject({ value: before.board, staleSince: expect.any(Number) });
    expect(s.rebuilds.global_leaderboard).toBe(0);

    s.books.clock.advance(1);
    const release = s.holdLeaderboardRebuilds();
    const rebuilding = s.readModels.read('global_leaderboard');
    await vi.waitUntil(() => s.rebuilds.global_leaderboard === 1);
    const meanwhile = await s.readModels.read('global_leaderboard');
    release();
    const rebuilt = await rebuilding;
    expect(s.rebuilds.global_leaderboard).toBe(1);
    expect(rebuilt).toEqual({ value: (await s.recompute()).board, generatedAt: s.books.clock.now(), staleSince: null });
    expect(meanwhile).toMatchObject({ value: before.board, staleSince: expect.any(Number) });
    expect(await s.readModels.read('global_leaderboard')).toEqual(rebuilt);
  });

  it('with a job consumer, never rebuilds a stale snapshot on read', async () => {
    const s = await setting(await openDatabase(), false);
    await s.refresh();
    s.books.clock.advance(1000);
    await s.betAndMark('carol', 40);
    s.books.clock.advance(10 * DEBOUNCE_MS);
    expect((await s.readModels.read('global_leaderboard')).staleSince).not.toBeNull();
    expect((await s.readModels.read('system_metrics')).staleSince).not.toBeNull();
    expect(s.rebuilds).toEqual({ global_leaderboard: 0, system_metrics: 0 });
  });
});
