// `readmodel.refresh` (JOB-3, PERF-2): rebuilds the global snapshots (global leaderboard, system metrics) 2 s after
// a write marked them stale and hourly, and pre-warms the default discovery page every 10 minutes. Each snapshot is
// saved with the time its rebuild started, so a write that landed during the rebuild keeps it marked stale.
import {
  makeGetGlobalLeaderboard,
  makeGetSystemMetrics,
  type Clock,
  type GlobalLeaderboardOutput,
  type SystemMetrics,
  type UseCaseDeps,
} from '@socialpredict/domain';
import type { ResultAsync } from 'neverthrow';
import type { JobLogger, JobMetrics } from '../job-ports.ts';
import type { JobHandler } from '../runner/job-runner.ts';
import { GLOBAL_READ_MODELS, DISCOVERY_READ_MODEL, type GlobalReadModel, type ReadModelStore } from '../stores/read-model.store.ts';

export type RefreshScope = 'global' | 'discovery';

export interface ReadModelBuilder {
  kind: string;
  key: string;
  scope: RefreshScope;
  build(): Promise<unknown>;
}

export interface ReadModelRefreshDeps {
  builders: readonly ReadModelBuilder[];
  readModels: Pick<ReadModelStore, 'save'>;
  clock: Clock;
  logger: JobLogger;
  metrics: JobMetrics;
}

/** Ages of the snapshots a job keeps fresh; exported as `readmodel_age_seconds{kind}`. */
export const REFRESHED_KINDS: readonly string[] = [...GLOBAL_READ_MODELS, DISCOVERY_READ_MODEL];

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

export function globalReadModelBuilders(deps: Pick<UseCaseDeps, 'markets' | 'bets' | 'ledger' | 'economics'>): ReadModelBuilder[] {
  const builds = globalReadModelBuilds(deps);
  return GLOBAL_READ_MODELS.map((kind) => ({ kind, key: '', scope: 'global', build: builds[kind] }));
}

export function readModelRefreshJob(deps: ReadModelRefreshDeps): JobHandler {
  return async ({ data }) => {
    const scope: RefreshScope = data.scope === 'discovery' ? 'discovery' : 'global';
    const rebuilt: string[] = [];
    for (const builder of deps.builders.filter((candidate) => candidate.scope === scope)) {
      const builtFrom = deps.clock.now();
      const payload = await builder.build();
      await deps.readModels.save(builder.kind, builder.key, payload, builtFrom);
      deps.metrics.readModelAge(builder.kind, 0);
      rebuilt.push(builder.kind);
    }
    deps.logger.debug({ event: 'readmodel.refreshed', scope, kinds: rebuilt }, 'read models rebuilt');
    return { scope, rebuilt };
  };
}

/** For the runner's stats tick: exports the age of every job-maintained snapshot. */
export async function exportReadModelAges(
  deps: Pick<ReadModelRefreshDeps, 'clock' | 'metrics'> & { readModels: Pick<ReadModelStore, 'ages'> },
): Promise<void> {
  for (const { kind, ageSeconds } of await deps.readModels.ages(REFRESHED_KINDS, deps.clock.now())) {
    deps.metrics.readModelAge(kind, ageSeconds);
  }
}
