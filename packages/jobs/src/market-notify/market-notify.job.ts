// `market.notify` (JOB-3): after a resolution, one "market resolved" record per user holding rows in the market.
// Enqueued by the resolve path with `{ marketId }`; delivery channels are future work.
import type { BetRepository, Clock, NotificationRepository } from '@socialpredict/domain';
import { resultOrThrow } from '../result-or-throw.ts';
import type { JobHandler } from '../runner/job-runner.ts';

export interface MarketNotifyDeps {
  bets: Pick<BetRepository, 'listByMarket'>;
  notifications: NotificationRepository;
  clock: Clock;
}

export function marketNotifyJob(deps: MarketNotifyDeps): JobHandler {
  return async ({ data }) => {
    const marketId = Number(data.marketId);
    // A malformed payload can never succeed: it fails every attempt and ends in the dead-letter queue.
    if (!Number.isSafeInteger(marketId) || marketId <= 0) throw new Error(`market.notify needs a market id, got ${String(data.marketId)}`);
    const rows = await deps.bets.listByMarket(marketId);
    if (rows.isErr()) throw new Error(`could not read the rows of market ${marketId}: ${rows.error.message}`);
    const holders = [...new Set(rows.value.map((row) => row.username))].sort();
    const createdAt = deps.clock.now();
    const notified = await resultOrThrow(
      deps.notifications.record(holders.map((recipient) => ({ kind: 'market_resolved', recipient, marketId, createdAt }))),
    );
    return { notified };
  };
}
