// `market.close` (JOB-3), every minute: a market whose resolution time has passed is already `closed` by derivation
// (docs/api.md#market-state), so the stored lifecycle is left alone. The sweep records a "resolution due" notice for the
// steward; the notice is also what marks the market handled.
import type { Clock, DueMarketRepository, NotificationRepository } from '@socialpredict/domain';
import type { JobLogger } from '../job-ports.ts';
import { resultOrThrow } from '../result-or-throw.ts';
import type { JobHandler } from '../runner/job-runner.ts';

export interface MarketCloseDeps {
  dueMarkets: DueMarketRepository;
  notifications: NotificationRepository;
  clock: Clock;
  logger: JobLogger;
  /** markets handled per round trip */
  batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 200;

export function marketCloseJob(deps: MarketCloseDeps): JobHandler {
  const batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  return async () => {
    const now = deps.clock.now();
    let closed = 0;
    for (;;) {
      const due = await resultOrThrow(deps.dueMarkets.listDue(now, batchSize));
      if (due.length === 0) break;
      closed += await resultOrThrow(
        deps.notifications.record(
          due.map((market) => ({ kind: 'resolution_due', recipient: market.stewardUsername, marketId: market.id, createdAt: now })),
        ),
      );
      if (due.length < batchSize) break;
    }
    if (closed > 0) deps.logger.info({ event: 'jobs.markets_closed', count: closed }, 'markets reached their resolution time');
    return { closed };
  };
}
