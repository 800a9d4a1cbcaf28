// The JOB-3 follow-ups of the writes that change global read models, as the composition wires them onto the job
// queue: sent after a committed write only, a notification fan-out after a resolution, and a queue failure that
// costs a warning instead of the response.
import type { Logger } from 'pino';
import { okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { Actor, Notification } from '@socialpredict/domain';
import { marketNotifyJob } from '@socialpredict/jobs';
import { createLogger, type FollowUpJobs } from '@socialpredict/runtime';
import { createTestApp, TEST_NOW } from './helpers/test-app.ts';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** A queue that queues every job it is sent (a refresh request always starts a new debounced job). */
function recordingJobs(failing = false) {
  const sent: string[] = [];
  const attempt = async (job: string) => {
    sent.push(job);
    if (failing) throw new Error('queue unavailable');
    return 'job-id';
  };
  return {
    sent,
    jobs: {
      requestReadModelRefresh: async () => (await attempt('readmodel.refresh')) !== null,
      enqueue: (queue: string, data: Record<string, unknown> = {}) => attempt(`${queue} ${JSON.stringify(data)}`),
    },
  };
}

/** Past the debounce of the job the previous refresh request queued: the next write needs one of its own. */
const REFRESH_COVERAGE_MS = 2_000;

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

    const later = () => app.ports.clock.advance(REFRESH_COVERAGE_MS);
    const market = (
      await useCases.createMarket({ username: 'alice', questionTitle: 'Rain?', description: '', resolutionDateTime: TEST_NOW + WEEK_MS }, BY_TEST)
    )._unsafeUnwrap();
    later();
    (await useCases.placeBet({ username: 'bob', marketId: market.id, amount: 1, outcome: 'YES' }, BY_TEST))._unsafeUnwrap();
    // Within the coverage of the job just queued: no request of its own.
    (await useCases.placeBet({ username: 'carol', marketId: market.id, amount: 1, outcome: 'YES' }, BY_TEST))._unsafeUnwrap();
    later();
    // carol's order unlocked bob's shares for sale.
    (await useCases.sell({ username: 'bob', marketId: market.id, amount: 3, outcome: 'YES' }, BY_TEST))._unsafeUnwrap();
    later();
    (await useCases.resolveMarket({ actor: { kind: 'user', username: 'alice', role: 'REGULAR' }, marketId: market.id, resolution: 'YES' }, BY_TEST))._unsafeUnwrap();
    later();
    // A new account changes the system metrics.
    (await useCases.registerUser({ actor: { kind: 'user', username: 'admin', role: 'ADMIN' }, username: 'dave' }, BY_TEST))._unsafeUnwrap();
    await settled();

    expect(sent).toEqual([
      ...Array<string>(4).fill('readmodel.refresh'),
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

  // JOB-3: a group settles every answer as if it were resolved alone (shared/market-settlement.ts); its holders hear of
  // it the same way, because both writes declare the same follow-ups (write-follow-ups.ts, MARKETS_RESOLVED).
  it('notifies the holders of every answer of a resolved group exactly as resolving each market alone does', async () => {
    const { sent, jobs } = recordingJobs();
    const app = await setting(jobs);
    const { useCases } = app;
    const alice: Actor = { kind: 'user', username: 'alice', role: 'REGULAR' };
    // The same trades on each side: [answer index, trader, outcome]; nobody trades the third answer.
    const trades = [
      [0, 'bob', 'YES'],
      [0, 'carol', 'NO'],
      [1, 'carol', 'YES'],
    ] as const;
    const answers = ['Reds', 'Blues', 'Greens'];

    const group = (
      await useCases.createMarketGroup({ username: 'alice', questionTitle: 'Who wins?', description: '', resolutionDateTime: TEST_NOW + WEEK_MS, answerLabels: answers }, BY_TEST)
    )._unsafeUnwrap();
    const children = group.answers.map(({ answer }) => answer.marketId);
    const lone: number[] = [];
    for (const label of answers) {
      lone.push((await useCases.createMarket({ username: 'alice', questionTitle: `Do the ${label} win?`, description: '', resolutionDateTime: TEST_NOW + WEEK_MS }, BY_TEST))._unsafeUnwrap().id);
    }
    for (const [index, username, outcome] of trades) {
      for (const marketId of [children[index], lone[index]]) (await useCases.placeBet({ username, marketId: Number(marketId), amount: 5, outcome }, BY_TEST))._unsafeUnwrap();
    }
    await settled();
    sent.length = 0;

    app.ports.clock.advance(REFRESH_COVERAGE_MS);
    (await useCases.resolveMarketGroup({ actor: alice, groupId: group.group.id, mode: 'exclusive_yes', winningMarketId: Number(children[1]) }, BY_TEST))._unsafeUnwrap();
    await settled();
    const byGroup = sent.splice(0);
    for (const [index, marketId] of lone.entries()) {
      app.ports.clock.advance(REFRESH_COVERAGE_MS);
      (await useCases.resolveMarket({ actor: alice, marketId, resolution: index === 1 ? 'YES' : 'NO' }, BY_TEST))._unsafeUnwrap();
    }
    await settled();
    const alone = sent.splice(0);

    const notifyJobs = (jobsSent: string[]) => jobsSent.filter((job) => job.startsWith('market.notify '));
    expect(notifyJobs(byGroup)).toEqual(children.map((marketId) => `market.notify {"marketId":${String(marketId)}}`));
    expect(notifyJobs(alone)).toEqual(lone.map((marketId) => `market.notify {"marketId":${String(marketId)}}`));
    // One refresh for the group's one transaction, one per lone resolution.
    expect(byGroup.filter((job) => job === 'readmodel.refresh')).toHaveLength(1);

    // The queued jobs then record the same notices per answer as per lone market.
    const recorded: Notification[] = [];
    const handler = marketNotifyJob({
      bets: app.ports.bets,
      notifications: { record: (notices) => okAsync(recorded.push(...notices)) },
      clock: app.ports.clock,
    });
    const signal = new AbortController().signal;
    for (const job of [...notifyJobs(byGroup), ...notifyJobs(alone)]) {
      await handler({ data: JSON.parse(job.slice('market.notify '.length)) as Record<string, unknown>, attempt: 1, signal });
    }
    const recipients = (marketIds: number[]) =>
      marketIds.map((marketId) => recorded.filter((notice) => notice.marketId === marketId).map(({ kind, recipient }) => `${kind} ${recipient}`));
    expect(recipients(children)).toEqual([['market_resolved bob', 'market_resolved carol'], ['market_resolved carol'], []]);
    expect(recipients(children)).toEqual(recipients(lone));
    await app.close();
  });
});
