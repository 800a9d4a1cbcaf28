// `market.close` (JOB-3), every minute: a market whose resolution time has passed is already `closed` by derivation
// (http-api §1.6), so the stored lifecycle is left alone. The sweep marks the market's read models and the discovery
// lists stale and records a "resolution due" notice for the steward; the notice is also what marks it handled.
import type { Clock } from '@socialpredict/domain';
import type { JobLogger } from '../job-ports.ts';
import type { JobHandler } from '../runner/job-runner.ts';
import type { DueMarketSource } from '../stores/due-market.store.ts';
import type { NotificationStore } from '../stores/notification.store.ts';
import type { ReadModelStore } from '../stores/read-model.store.ts';

export interface MarketCloseDeps {
  dueMarkets: DueMarketSource;
  readModels: Pick<ReadModelStore, 'markMarketsStale'>;
  notifications: NotificationStore;
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
      const due = await deps.dueMarkets.dueMarkets(now, batchSize);
      if (due.length === 0) break;
      // Stale marks first: if recording the notices fails, the next run finds the markets again and redoes both.
      await deps.readModels.markMarketsStale(
        due.map((market) => market.id),
        now,
      );
      closed += await deps.notifications.record(
        due.map((market) => ({ kind: 'resolution_due', recipient: market.stewardUsername, marketId: market.id, createdAt: now })),
      );
      if (due.length < batchSize) break;
    }
    if (closed > 0) deps.logger.info({ event: 'jobs.markets_closed', count: closed }, 'markets reached their resolution time');
    return { closed };
  };
}
