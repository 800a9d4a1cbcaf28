// Markets a user currently stewards (docs/api.md#t1-20, T1-21), newest first.
import type { ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { LifecycleStatus } from '../../model/market.model.ts';
import type { MarketPage } from '../../ports/market.port.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { Page } from '../shared/paging.ts';

export interface ListStewardedMarketsInput extends Page {
  readonly stewardUsername: string;
  /** every lifecycle when absent */
  readonly lifecycleStatus?: LifecycleStatus;
  readonly query?: string;
}

export type ListStewardedMarkets = (input: ListStewardedMarketsInput) => ResultAsync<MarketPage, InfrastructureError>;

export function makeListStewardedMarkets(deps: Pick<UseCaseDeps, 'markets' | 'clock'>): ListStewardedMarkets {
  return (input) =>
    deps.markets.list({
      now: deps.clock.now(),
      stewardedBy: input.stewardUsername,
      ...(input.lifecycleStatus === undefined ? {} : { lifecycleIn: [input.lifecycleStatus] }),
      ...(input.query === undefined ? {} : { text: input.query }),
      limit: input.limit,
      offset: input.offset,
    });
}
