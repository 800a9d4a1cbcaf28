// JOB-2 and JOB-4 on real PostgreSQL: singleton keys stop duplicate work, a handler that keeps failing is retried
// three times and then lands in the dead-letter queue, and producer-only processes never consume.
import { afterEach, describe, expect, it } from 'vitest';
import { PgBoss } from 'pg-boss';
import { createJobRunner, PGBOSS_SCHEMA, type JobHandlers, type JobRunner } from '../src/runner/job-runner.ts';
import { DEAD_LETTER_QUEUE, QUEUES, RETIRED_QUEUES, RETIRED_SCHEDULES, type RetryPolicy } from '../src/queues.ts';
import { createJobsTestDatabase, type TestDatabase } from './support/postgres.harness.ts';
import { recordingLogger, recordingMetrics } from './support/recording-ports.ts';

/** Retries without waiting, so four attempts take a few polls instead of minutes. */
const FAST_RETRY = { limit: 3, delaySeconds: 0, backoff: false, maxDelaySeconds: 0 };

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('job runner on PostgreSQL', () => {
  let target: TestDatabase | undefined;
  const runners: JobRunner[] = [];

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop(2000)));
    await target?.drop();
    target = undefined;
  });

  /** `production` keeps the runner's own JOB-4 policy. */
  async function runner(handlers: JobHandlers, consume: boolean, retry: RetryPolicy | 'production' = FAST_RETRY) {
    const logger = recordingLogger();
    const metrics = recordingMetrics();
    const created = createJobRunner({
      connection: { driver: 'postgres', url: target!.url, poolMax: 3, requireTls: false },
      handlers,
      logger,
      metrics,
      consume,
      ...(retry === 'production' ? {} : { retry }),
      pollingIntervalSeconds: 0.5,
    });
    runners.push(created);
    await created.start();
    return { runner: created, logger, metrics };
  }

  it('runs a job enqueued twice under the same singleton key once', async () => {
    ({ target } = await createJobsTestDatabase());
    const producer = await runner({}, false);
    const first = await producer.runner.enqueue(QUEUES.marketClose, {}, { singletonKey: 'sweep' });
    const second = await producer.runner.enqueue(QUEUES.marketClose, {}, { singletonKey: 'sweep' });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();

    let runs = 0;
    const consumer = await runner({ [QUEUES.marketClose]: async () => void (runs += 1) }, true);
    await eventually(() => consumer.metrics.completed.length === 1);
    // Give a duplicate every chance to show up before concluding there is none.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(runs).toBe(1);
  });

  it('coalesces refresh requests made while one is waiting into a single run', async () => {
    ({ target } = await createJobsTestDatabase());
    const producer = await runner({}, false);
    // Only the first queues a job: the coalescing of follow-ups counts on that answer (docs/performance.md#follow-up-coalescing).
    expect(await producer.runner.requestReadModelRefresh()).toBe(true);
    expect(await producer.runner.requestReadModelRefresh()).toBe(false);
    expect(await producer.runner.requestReadModelRefresh()).toBe(false);
    let runs = 0;
    const consumer = await runner({ [QUEUES.readModelRefresh]: async () => void (runs += 1) }, true);
    await eventually(() => consumer.metrics.completed.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(runs).toBe(1);
  });

  it('moves a job that fails every attempt to the dead-letter queue after the 4th attempt', async () => {
    ({ target } = await createJobsTestDatabase());
    const attempts: number[] = [];
    const consumer = await runner(
      {
        [QUEUES.marketNotify]: async ({ attempt }) => {
          attempts.push(attempt);
          throw new Error('notification store unavailable');
        },
      },
      true,
    );
    const id = await consumer.runner.enqueue(QUEUES.marketNotify, { marketId: 42 });

    await eventually(async () => (await consumer.runner.deadLetters()).length === 1);
    const [letter] = await consumer.runner.deadLetters();
    expect(letter).toMatchObject({ sourceQueue: QUEUES.marketNotify, sourceId: id, attempts: 4, data: { marketId: 42 } });
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(consumer.metrics.failed).toEqual(Array(4).fill(QUEUES.marketNotify));
    expect(consumer.logger.events('jobs.attempt_failed')).toHaveLength(3);
    expect(consumer.logger.events('jobs.dead_lettered')).toEqual([
      expect.objectContaining({ level: 'error', fields: expect.objectContaining({ queue: QUEUES.marketNotify, attempt: 4 }) }),
    ]);
    expect((await consumer.runner.refreshStats()).enabled).toBe(true);
  });

  it('a producer-only process enqueues but never works a job, and registers no schedules', async () => {
    ({ target } = await createJobsTestDatabase());
    let runs = 0;
    const producer = await runner({ [QUEUES.ledgerIntegrity]: async () => void (runs += 1) }, false);
    await producer.runner.enqueue(QUEUES.ledgerIntegrity);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(runs).toBe(0);
    expect(producer.runner.status().enabled).toBe(false);
    expect(await producer.runner.deadLetters()).toEqual([]);
    const session = await (await target.open()).reserve();
    try {
      expect(await session.query('SELECT name FROM pgboss.schedule')).toEqual([]);
      const queues = await session.query<{ name: string }>('SELECT name FROM pgboss.queue ORDER BY name');
      expect(queues.map((queue) => queue.name)).toEqual([DEAD_LETTER_QUEUE, ...Object.values(QUEUES)].sort());
    } finally {
      await session.release();
    }
  });

  it('a consumer registers the JOB-3 schedules for the queues it works', async () => {
    ({ target } = await createJobsTestDatabase());
    await runner({ [QUEUES.marketClose]: async () => undefined, [QUEUES.ledgerIntegrity]: async () => undefined }, true);
    const session = await (await target.open()).reserve();
    try {
      const rows = await session.query<{ name: string; key: string; cron: string }>(
        'SELECT name, key, cron FROM pgboss.schedule ORDER BY name, key',
      );
      expect(rows).toEqual([
        { name: QUEUES.ledgerIntegrity, key: 'hourly', cron: '30 * * * *' },
        { name: QUEUES.marketClose, key: 'minutely', cron: '* * * * *' },
      ]);
    } finally {
      await session.release();
    }
  });

  it('a consumer removes the queues and schedules of earlier releases', async () => {
    ({ target } = await createJobsTestDatabase());
    // As an earlier release left them: a queue nothing works any more, with its schedule, and a retired schedule on a kept queue.
    const earlier = new PgBoss({ connectionString: target.url, schema: PGBOSS_SCHEMA, supervise: false, schedule: false });
    await earlier.start();
    for (const queue of RETIRED_QUEUES) {
      await earlier.createQueue(queue);
      await earlier.schedule(queue, '15 3 * * *', {}, { key: 'daily' });
    }
    for (const retired of RETIRED_SCHEDULES) {
      if ((await earlier.getQueue(retired.queue)) === null) await earlier.createQueue(retired.queue);
      await earlier.schedule(retired.queue, '*/10 * * * *', {}, { key: retired.key });
    }
    await earlier.stop({ graceful: false });

    await runner({ [QUEUES.readModelRefresh]: async () => undefined }, true);
    const session = await (await target.open()).reserve();
    try {
      expect(await session.query('SELECT name, key FROM pgboss.schedule')).toEqual([{ name: QUEUES.readModelRefresh, key: 'global' }]);
      const retiredLeft = await session.query(`SELECT name FROM pgboss.queue WHERE name = ANY(string_to_array($1, ','))`, [RETIRED_QUEUES.join(',')]);
      expect(retiredLeft).toEqual([]);
    } finally {
      await session.release();
    }
  });

  it('stores the JOB-4 retry policy on every queue: 3 retries, backoff from 30 s capped at 10 min, dead letters', async () => {
    ({ target } = await createJobsTestDatabase());
    await runner({}, false, 'production');
    const session = await (await target.open()).reserve();
    try {
      const rows = await session.query<Record<string, unknown>>(
        `SELECT name, policy, retry_limit, retry_delay, retry_backoff, retry_delay_max, dead_letter
         FROM pgboss.queue WHERE name <> $1 ORDER BY name`,
        [DEAD_LETTER_QUEUE],
      );
      expect(rows).toHaveLength(Object.values(QUEUES).length);
      for (const row of rows) {
        expect(row).toMatchObject({ retry_limit: 3, retry_delay: 30, retry_backoff: true, retry_delay_max: 600, dead_letter: DEAD_LETTER_QUEUE });
      }
    } finally {
      await session.release();
    }
  });

  it('lets an active job finish when it stops (JOB-5)', async () => {
    ({ target } = await createJobsTestDatabase());
    let started = false;
    let finished = false;
    const consumer = await runner(
      {
        [QUEUES.ledgerIntegrity]: async () => {
          started = true;
          await new Promise((resolve) => setTimeout(resolve, 1500));
          finished = true;
        },
      },
      true,
    );
    await consumer.runner.enqueue(QUEUES.ledgerIntegrity);
    await eventually(() => started);
    runners.splice(runners.indexOf(consumer.runner), 1);
    await consumer.runner.stop(10_000);
    expect(finished).toBe(true);
    expect(consumer.metrics.completed).toEqual([QUEUES.ledgerIntegrity]);
  });
});
