// `readmodel.refresh` (JOB-3, PERF-2): rebuilds the global snapshots (global leaderboard, system metrics) 2 s after
// a write marked them stale and hourly. Each snapshot is saved with the time its rebuild started, so a write that
// landed during the rebuild keeps it marked stale.
import {
  makeGetGlobalLeaderboard,
  makeGetSystemMetrics,
  type Clock,
  type GlobalLeaderboardOutput,
  type ReadModelSnapshotRepository,
  type SystemMetrics,
  type UseCaseDeps,
} from '@socialpredict/domain';
import type { ResultAsync } from 'neverthrow';
import { GLOBAL_READ_MODELS, type GlobalReadModel } from '../global-read-models/global-read-model.kinds.ts';
import type { JobLogger, JobMetrics } from '../job-ports.ts';
import { resultOrThrow } from '../result-or-throw.ts';
import type { JobHandler } from '../runner/job-runner.ts';

export interface ReadModelRefreshDeps {
  builds: GlobalReadModelBuilds;
  snapshots: Pick<ReadModelSnapshotRepository, 'save'>;
  clock: Clock;
  logger: JobLogger;
  metrics: JobMetrics;
}

async function unwrap<T>(result: ResultAsync<T, { code: string; message: string }>, kind: string): Promise<T> {
  const outcome = await result;
  if (outcome.isErr()) throw new Error(`${kind} rebuild failed: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

export interface GlobalReadModelPayloads {
  /** the whole board: readers page through the snapshot */
  global_leaderboard: GlobalLeaderboardOutput;
  system_metrics: SystemMetrics;
}

export type GlobalReadModelBuilds = { [K in GlobalReadModel]: () => Promise<GlobalReadModelPayloads[K]> };

/** The two global read models, computed by the same use cases as a live read. */
export function globalReadModelBuilds(deps: Pick<UseCaseDeps, 'markets' | 'bets' | 'ledger' | 'economics'>): GlobalReadModelBuilds {
  const leaderboard = makeGetGlobalLeaderboard(deps);
  const systemMetrics = makeGetSystemMetrics(deps);
  return {
    global_leaderboard: () => unwrap(leaderboard({ limit: Number.MAX_SAFE_INTEGER, offset: 0 }), 'global_leaderboard'),
    system_metrics: () => unwrap(systemMetrics(), 'system_metrics'),
  };
}

export function readModelRefreshJob(deps: ReadModelRefreshDeps): JobHandler {
  return async () => {
    for (const kind of GLOBAL_READ_MODELS) {
      const builtFrom = deps.clock.now();
      const payload = await deps.builds[kind]();
      await resultOrThrow(deps.snapshots.save(kind, payload, builtFrom));
      deps.metrics.readModelAge(kind, 0);
    }
    deps.logger.debug({ event: 'readmodel.refreshed', kinds: GLOBAL_READ_MODELS }, 'read models rebuilt');
    return { rebuilt: GLOBAL_READ_MODELS };
  };
}

/** For the runner's stats tick: exports the age of every stored snapshot as `socialpredict_readmodel_age_seconds{kind}`. */
export async function exportReadModelAges(
  deps: Pick<ReadModelRefreshDeps, 'clock' | 'metrics'> & { snapshots: Pick<ReadModelSnapshotRepository, 'ages'> },
): Promise<void> {
  for (const { kind, ageSeconds } of await resultOrThrow(deps.snapshots.ages(deps.clock.now()))) {
    deps.metrics.readModelAge(kind, ageSeconds);
  }
}
