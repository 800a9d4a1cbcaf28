// The postgres.js pool when a connection dies under a reserved holder (patches/postgres@3.4.9.patch): the outage drill
// (DB-10) found trades on one market waiting forever after the database returned, because a transaction's reserve
// was lost while its connection reopened. Each case ends a backend with pg_terminate_backend, as an outage does.
import postgres from 'postgres';
import { afterEach, expect } from 'vitest';
import { postgresTransactions } from '../src/drizzle/transaction-runner.ts';
import { describeOnFullServer, itOnFullServer, postgresAdminUrl } from './support/postgres.harness.ts';

const NEEDS = 'ending a backend of the pool';
/** Long enough for a local reconnect, short enough to fail a hang quickly. */
const SETTLES_WITHIN_MS = 10_000;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${String(SETTLES_WITHIN_MS)} ms`)), SETTLES_WITHIN_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describeOnFullServer('postgres.js pool: a connection closing under a reserved holder', NEEDS, () => {
  const opened: postgres.Sql[] = [];
  /** A pool, and a promise of its next connection close (postgres.js reports each close once the socket is gone). */
  const pool = (max: number) => {
    let closed: () => void = () => undefined;
    const sql = postgres(postgresAdminUrl(), { max, onnotice: () => undefined, onclose: () => closed() });
    opened.push(sql);
    return { sql, nextClose: () => new Promise<void>((resolve) => (closed = resolve)) };
  };
  const backendOf = async (sql: postgres.Sql) => ((await sql`SELECT pg_backend_pid() AS pid`) as unknown as [{ pid: number }])[0].pid;
  const terminate = async (pid: number) => {
    const { sql: admin } = pool(1);
    await admin`SELECT pg_terminate_backend(${pid})`;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((sql) => sql.end({ timeout: 1 })));
  });

  itOnFullServer('a reserve waiting for the only connection gets it once the connection reopens', NEEDS, async () => {
    const { sql, nextClose } = pool(1);
    const holder = await sql.reserve();
    const pid = await backendOf(holder);
    const waiting = sql.reserve();
    const closed = nextClose();
    await terminate(pid);
    await within(closed, 'the close');
    holder.release();

    const next = await within(waiting, 'the waiting reserve');
    expect(await backendOf(next)).not.toBe(pid);
    next.release();
    expect(await within(sql`SELECT 1 AS one`, 'a pool query after the release')).toEqual([{ one: 1 }]);
  });

  itOnFullServer('a statement sent through a reserved connection after it closed is refused, not run on the reopened one', NEEDS, async () => {
    const { sql, nextClose } = pool(1);
    const holder = await sql.reserve();
    const pid = await backendOf(holder);
    const closed = nextClose();
    await terminate(pid);
    await within(closed, 'the close');
    // The pool reopens the same connection object for its own query, while the old holder still has its handle: a
    // ROLLBACK from it would end somebody else's transaction.
    const [pooled, stale] = await within(
      Promise.allSettled([backendOf(sql), holder`SELECT 'stale holder' AS who`]),
      'the pooled query and the stale holder',
    );
    expect(stale).toMatchObject({ status: 'rejected', reason: { code: 'CONNECTION_CLOSED' } });
    expect(pooled).toMatchObject({ status: 'fulfilled' });
    expect(pooled.status === 'fulfilled' && pooled.value).not.toBe(pid);
    holder.release();
    // The late release gives nothing back twice: the connection still serves one query at a time.
    const after = await within(Promise.all([sql`SELECT 1 AS one`, sql`SELECT 2 AS two`]), 'pool queries after the release');
    expect(after).toEqual([[{ one: 1 }], [{ two: 2 }]]);
  });

  itOnFullServer('transactions waiting for a pool whose connections are ended all settle, and the pool serves again', NEEDS, async () => {
    const { sql } = pool(2);
    const transaction = postgresTransactions(sql);
    const run = () =>
      transaction(async ({ statements }) => {
        const [first] = await Promise.all([statements.query('SELECT pg_backend_pid() AS pid', []), statements.query('SELECT pg_sleep(0.05)', [])]);
        await statements.commit();
        return (first?.[0] as { pid: number }).pid;
      });
    const pids = new Set(await Promise.all([run(), run()]));
    // Six transactions for two connections: four wait for a reserve while both backends end under the first two.
    // Settled as they go: one may fail while the backends are still being ended.
    const queued = Promise.allSettled(Array.from({ length: 6 }, () => run()));
    await Promise.all([...pids].map((pid) => terminate(pid)));
    const outcomes = await within(queued, 'the queued transactions');
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled').length).toBeGreaterThan(0);
    expect(await within(Promise.all([run(), run(), run()]), 'transactions after the outage')).toHaveLength(3);
  });
});
