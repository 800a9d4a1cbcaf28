// `snapshot.cleanup` (JOB-3), daily: market-scoped and discovery snapshots nobody read for a week are deleted (a
// read rebuilds any snapshot older than its 10-minute target, so an old one has not been read since). The global
// snapshots are never deleted: readers always expect one.
import type { Clock } from '@socialpredict/domain';
import type { JobLogger } from '../job-ports.ts';
import type { JobHandler } from '../runner/job-runner.ts';
import type { ReadModelStore } from '../stores/read-model.store.ts';

export const SNAPSHOT_MAX_IDLE_MS = 7 * 24 * 3600 * 1000;

export interface SnapshotCleanupDeps {
  readModels: Pick<ReadModelStore, 'deleteOlderThan'>;
  clock: Clock;
  logger: JobLogger;
}

export function snapshotCleanupJob(deps: SnapshotCleanupDeps): JobHandler {
  return async () => {
    const deleted = await deps.readModels.deleteOlderThan(deps.clock.now() - SNAPSHOT_MAX_IDLE_MS);
    if (deleted > 0) deps.logger.info({ event: 'jobs.snapshots_deleted', count: deleted }, 'unused snapshots deleted');
    return { deleted };
  };
}
