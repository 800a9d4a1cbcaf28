// The JOB-3 follow-ups of the writes that change global read models, as the composition wires them onto the job
// queue: sent after a committed write only, a notification fan-out after a resolution, and a queue failure that
// costs a warning instead of the response.
import type { Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger, type FollowUpJobs } from '@socialpredict/runtime';
import { createTestApp, TEST_NOW } from './helpers/test-app.ts';

const WEEK_MS = 7 * 24 * 3600 * 1000;

function recordingJobs(failing = false) {
  const sent: string[] = [];
  const attempt = async (job: string) => {
    sent.push(job);
    if (failing) throw new Error('queue unavailable');
    return null;
  };
  return {
    sent,
    jobs: {
      requestReadModelRefresh: async () => (await attempt('readmodel.refresh')) !== null,
      enqueue: (queue: string, data: Record<string, unknown> = {}) => attempt(`${queue} ${JSON.stringify(data)}`),
    },
  };
}

function recordedLogger() {
  const events: string[] = [];
  const logger = createLogger('warn', { write: (line: string) => void events.push(String((JSON.parse(line) as { event?: unknown }).event)) });
  return { logger, events };
}

async function setting(jobs: FollowUpJobs, logger: Logger = recordedLogger().logger) {
  const app = await createTestApp({}, { jobs, logger });
  await app.user('alice');
  await app.user('bob');
  await app.user('carol');
  return app;
}

/** The drivers' audit origin of these direct calls. */
const BY_TEST = { origin: { actor: 'test', requestId: null } };

/** Fire-and-forget sends settle within a few ticks. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('write follow-ups on the job queue', () => {
  it('refreshes the global read models after each write and notifies holders after a resolution', async () => {
    const { sent, jobs } = recordingJobs();
    const app = await setting(jobs);
    const { useCases } = app;

    const market = (
      await useCases.createMarket({ username: 'alice', questionTitle: 'Rain?', description: '', resolutionDateTime: TEST_NOW + WEEK_MS }, BY_TEST)
    )._unsafeUnwrap();
    (await useCases.placeBet({ username: 'bob', marketId: market.id, amount: 1, outcome: 'YES' }, BY_TEST))._unsafeUnwrap();
    // A later order by another user unlocks bob's shares for sale.
    (await useCases.placeBet({ username: 'carol', marketId: market.id, amount: 1, outcome: 'YES' }, BY_TEST))._unsafeUnwrap();
    (await useCases.sell({ username: 'bob', marketId: market.id, amount: 3, outcome: 'YES' }, BY_TEST))._unsafeUnwrap();
    (await useCases.resolveMarket({ actor: { kind: 'user', username: 'alice', role: 'REGULAR' }, marketId: market.id, resolution: 'YES' }, BY_TEST))._unsafeUnwrap();
    // A new account changes the system metrics.
    (await useCases.registerUser({ actor: { kind: 'user', username: 'admin', role: 'ADMIN' }, username: 'dave' }, BY_TEST))._unsafeUnwrap();
    await settled();

    expect(sent).toEqual([
      ...Array<string>(5).fill('readmodel.refresh'),
      `market.notify {"marketId":${market.id}}`,
      'readmodel.refresh',
    ]);
    await app.close();
  });

  it('sends nothing after a refused write', async () => {
    const { sent, jobs } = recordingJobs();
    const app = await setting(jobs);
    const { useCases } = app;
    expect((await useCases.placeBet({ username: 'bob', marketId: 999, amount: 10, outcome: 'YES' }, BY_TEST)).isErr()).toBe(true);
    expect((await useCases.resolveMarket({ actor: { kind: 'user', username: 'bob', role: 'REGULAR' }, marketId: 999, resolution: 'YES' }, BY_TEST)).isErr()).toBe(true);
    await settled();
    expect(sent).toEqual([]);
    await app.close();
  });

  it('answers the write when the queue fails, logging a warning', async () => {
    const { jobs } = recordingJobs(true);
    const { logger, events } = recordedLogger();
    const app = await setting(jobs, logger);
    const { useCases } = app;
    const created = await useCases.createMarket({ username: 'alice', questionTitle: 'Rain?', description: '', resolutionDateTime: TEST_NOW + WEEK_MS }, BY_TEST);
    expect(created.isOk()).toBe(true);
    await settled();
    expect(events).toEqual(['write.follow_up_failed']);
    await app.close();
  });
});
