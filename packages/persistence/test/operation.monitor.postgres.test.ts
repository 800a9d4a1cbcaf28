// DB-9 on real PostgreSQL: an operation of at least DB_SLOW_QUERY_MS run through the adapters' operation wrapper is
// reported once as slow, by name and duration only, and every operation's duration reaches the observer; a unit of
// work counts as one pool connection however many operations run inside it (MON-3).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbOperation } from '../src/drizzle/drizzle-operation.ts';
import type { DatabaseObserver, PoolFigures } from '../src/drizzle/operation.monitor.ts';
import { DrizzleUnitOfWork } from '../src/drizzle/unit-of-work.drizzle.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.harness.ts';

const PARAMETER = 'parameter-value-7f3a';

describe('operation monitoring on PostgreSQL (DB-9, MON-3)', () => {
  let target: TestDatabase;

  beforeAll(async () => {
    target = await createTestDatabase();
  });
  afterAll(() => target.drop());

  it('pg_sleep(0.3) with slowQueryMs=200 is reported slow once; a fast operation is not; both are timed', async () => {
    const finished: { operation: string; seconds: number }[] = [];
    const slow: unknown[] = [];
    const observer: DatabaseObserver = {
      operationFinished: (operation, seconds) => finished.push({ operation, seconds }),
      slowOperation: (operation, seconds, failed) => slow.push({ operation, seconds, failed }),
    };
    const database = await target.open({ slowQueryMs: 200 }, observer);

    const sleeping = await dbOperation(database.scope, 'test.sleep', () =>
      database.db.execute(sql`SELECT pg_sleep(${0.3}), ${PARAMETER}::text AS marker`),
    );
    const fast = await dbOperation(database.scope, 'test.fast', () => database.db.execute(sql`SELECT ${PARAMETER}::text AS marker`));
    expect(sleeping.isOk() && fast.isOk()).toBe(true);

    expect(slow).toEqual([{ operation: 'test.sleep', seconds: expect.any(Number), failed: false }]);
    const [report] = slow as { seconds: number }[];
    expect(report?.seconds).toBeGreaterThanOrEqual(0.3);
    expect(report?.seconds).toBeLessThan(5);
    expect(JSON.stringify(slow)).not.toMatch(new RegExp(`${PARAMETER}|pg_sleep|SELECT`));

    expect(finished.map(({ operation }) => operation)).toEqual(['test.sleep', 'test.fast']);
    expect(finished[0]?.seconds).toBeGreaterThanOrEqual(0.3);
    expect(finished[1]?.seconds).toBeLessThan(0.2);
    expect(database.poolFigures()).toEqual({ inUse: 0, idle: 4, waiting: 0, waits: 0 });
  });

  it('counts a unit of work as one claimed connection, not one per operation inside it', async () => {
    const database = await target.open({ poolMax: 2 });
    const during: PoolFigures[] = [];
    const result = await new DrizzleUnitOfWork(database).run((tx) => {
      during.push(database.poolFigures());
      const counting = tx.users.count();
      // An operation in flight inside the transaction runs on the transaction's connection.
      during.push(database.poolFigures());
      return counting;
    });
    expect(result.isOk()).toBe(true);
    const oneClaim = { inUse: 1, idle: 1, waiting: 0, waits: 0 };
    expect(during).toEqual([oneClaim, oneClaim]);
    expect(database.poolFigures()).toEqual({ inUse: 0, idle: 2, waiting: 0, waits: 0 });
  });
});
