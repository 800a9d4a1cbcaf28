// The write follow-ups: the table's entries run after a committed write only, stale marks before the answer, and a
// failing follow-up is reported while the write still answers with its result.
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import {
  infrastructureError,
  NO_FOLLOW_UPS,
  OPERATOR,
  WRITE_FOLLOW_UPS,
  withWriteFollowUps,
  type FollowUpFailure,
  type FollowUpStep,
  type GlobalReadModelKind,
  type WriteFollowUpEffects,
} from '@socialpredict/domain';
import { createHarness, seedWorkedExample } from './support/use-case-harness.ts';

function recordingEffects(failing: readonly FollowUpStep[] = []) {
  const done: string[] = [];
  const outcome = (step: FollowUpStep, record: string) => {
    done.push(record);
    return failing.includes(step) ? errAsync(infrastructureError('UNAVAILABLE', `${step} failed`)) : okAsync(undefined);
  };
  const effects: WriteFollowUpEffects = {
    markStale: (kinds: readonly GlobalReadModelKind[]) => outcome('mark_stale', `stale ${kinds.join(',')}`),
    requestRefresh: () => outcome('request_refresh', 'refresh'),
    notifyMarketResolved: (marketId) => outcome('notify', `notify ${marketId}`),
  };
  return { done, effects };
}

function followed(failing: readonly FollowUpStep[] = []) {
  const h = createHarness();
  const { done, effects } = recordingEffects(failing);
  const failures: FollowUpFailure[] = [];
  const useCases = withWriteFollowUps(h, effects, (failure) => failures.push(failure));
  return { h, useCases, done, failures };
}

describe('withWriteFollowUps', () => {
  it('marks, refreshes and notifies after a committed resolution, in that order', async () => {
    const { h, useCases, done, failures } = followed();
    const market = await seedWorkedExample(h);
    (await useCases.resolveMarket({ actor: OPERATOR, marketId: market.id, resolution: 'YES' }))._unsafeUnwrap();
    expect(done).toEqual(['stale global_leaderboard,system_metrics', 'refresh', `notify ${market.id}`]);
    expect(failures).toEqual([]);
  });

  it('notifies each answer market of a resolved group, in ascending id, after one stale mark and refresh', async () => {
    const { h, useCases, done } = followed();
    await h.seedUser('dave');
    const resolutionDateTime = h.ports.clock.now() + 7 * 24 * 3_600_000;
    const created = (await useCases.createMarketGroup({ username: 'dave', questionTitle: 'Who wins?', description: '', resolutionDateTime, answerLabels: ['A', 'B'] }))._unsafeUnwrap();
    done.length = 0;
    (await useCases.resolveMarketGroup({ actor: OPERATOR, groupId: created.group.id, mode: 'na' }))._unsafeUnwrap();
    const ids = created.answers.map(({ answer }) => answer.marketId).sort((a, b) => a - b);
    expect(done).toEqual(['stale global_leaderboard,system_metrics', 'refresh', ...ids.map((id) => `notify ${String(id)}`)]);
  });

  it('marks only the system metrics after a grant, and nothing after a read or a refused write', async () => {
    const { h, useCases, done } = followed();
    await h.seedUser('alice');
    (await useCases.grantCredits({ actor: OPERATOR, username: 'alice', amount: 10 }))._unsafeUnwrap();
    expect(done).toEqual(['stale system_metrics', 'refresh']);
    done.length = 0;
    (await useCases.getUser({ username: 'alice' }))._unsafeUnwrap();
    expect((await useCases.grantCredits({ actor: OPERATOR, username: 'ghost', amount: 10 })).isErr()).toBe(true);
    expect(done).toEqual([]);
  });

  it('awaits the stale mark before answering', async () => {
    const h = createHarness();
    await h.seedUser('alice');
    let marked = false;
    const { effects } = recordingEffects();
    const slowMark = () =>
      ResultAsync.fromSafePromise(new Promise<void>((resolve) => setTimeout(resolve, 5))).map(() => void (marked = true));
    const useCases = withWriteFollowUps(h, { ...effects, markStale: slowMark }, () => undefined);
    (await useCases.grantCredits({ actor: OPERATOR, username: 'alice', amount: 10 }))._unsafeUnwrap();
    expect(marked).toBe(true);
  });

  it('answers a committed grant with its result when every follow-up fails, reporting each failure', async () => {
    const { h, useCases, failures } = followed(['mark_stale', 'request_refresh']);
    await h.seedUser('alice');
    const granted = await useCases.grantCredits({ actor: OPERATOR, username: 'alice', amount: 10 });
    expect(granted._unsafeUnwrap().balance).toBe(10);
    // The refresh request is not awaited; its failure is reported once it settles.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(failures.map(({ useCase, step, error }) => [useCase, step, error.kind])).toEqual([
      ['grantCredits', 'mark_stale', 'UNAVAILABLE'],
      ['grantCredits', 'request_refresh', 'UNAVAILABLE'],
    ]);
    expect(await h.balanceOf('alice')).toBe(10);
  });

  it('reports a failed notification of a committed resolution without failing it', async () => {
    const { h, useCases, failures } = followed(['notify']);
    const market = await seedWorkedExample(h);
    expect((await useCases.resolveMarket({ actor: OPERATOR, marketId: market.id, resolution: 'NO' })).isOk()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(failures.map(({ step }) => step)).toEqual(['notify']);
  });

  it('leaves the use cases without follow-ups untouched', () => {
    const h = createHarness();
    const useCases = withWriteFollowUps(h, recordingEffects().effects, () => undefined);
    expect(WRITE_FOLLOW_UPS.login).toBe(NO_FOLLOW_UPS);
    expect(useCases.login).toBe(h.login);
    expect(useCases.placeBet).not.toBe(h.placeBet);
  });
});
