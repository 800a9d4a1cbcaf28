// `idempotency.cleanup` (docs/api.md#idempotency): removes the `Idempotency-Key` records whose retention
// (IDEMPOTENCY_TTL_SECONDS, set on each record when it is claimed) has run out. Through the persistence store only.
import type { Clock, IdempotencyStore } from '@socialpredict/domain';
import type { JobLogger } from '../job-ports.ts';
import { resultOrThrow } from '../result-or-throw.ts';
import type { JobHandler } from '../runner/job-runner.ts';

export interface IdempotencyCleanupDeps {
  idempotency: Pick<IdempotencyStore, 'deleteExpired'>;
  clock: Clock;
  logger: JobLogger;
}

export function idempotencyCleanupJob(deps: IdempotencyCleanupDeps): JobHandler {
  return async () => {
    const removed = await resultOrThrow(deps.idempotency.deleteExpired(deps.clock.now()));
    if (removed > 0) deps.logger.info({ event: 'jobs.idempotency_cleaned', count: removed }, 'expired idempotency records removed');
    return { removed };
  };
}
