// Public market lists (docs/api.md#t1-22, T1-23): published, closed and resolved markets, newest first.
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { UseCaseDeps } from '../deps.ts';
import { marketOverviews, type MarketOverview } from '../shared/market-overview.ts';
import { PUBLIC_LIFECYCLES } from '../shared/market-status.ts';
import type { Page } from '../shared/paging.ts';

export type PublicStatusFilter = 'active' | 'closed' | 'resolved' | 'all';

export interface ListMarketsInput extends Page {
  readonly status: PublicStatusFilter;
  readonly createdBy?: string;
  /** markets carrying this tag (docs/api.md#market-tags) */
  readonly tagSlug?: string;
}

export interface MarketOverviewPage {
  readonly markets: MarketOverview[];
  /** all matching markets; the wire may report the page size instead (docs/api.md#t1-22) */
  readonly total: number;
}

export type ListMarkets = (input: ListMarketsInput) => ResultAsync<MarketOverviewPage, InfrastructureError>;

export function makeListMarkets(deps: Pick<UseCaseDeps, 'markets' | 'bets' | 'users' | 'marketTags' | 'marketGroups' | 'clock'>): ListMarkets {
  return (input) =>
    safeTry(async function* () {
      const page = yield* deps.markets.list({
        now: deps.clock.now(),
        lifecycleIn: PUBLIC_LIFECYCLES,
        ...(input.status === 'all' ? {} : { status: input.status }),
        ...(input.createdBy === undefined ? {} : { createdBy: input.createdBy }),
        ...(input.tagSlug === undefined ? {} : { tagSlug: input.tagSlug }),
        limit: input.limit,
        offset: input.offset,
      });
      return ok({ markets: yield* marketOverviews(deps, page.markets), total: page.total });
    });
}
