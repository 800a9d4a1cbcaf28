// Market search (docs/api.md#t1-24): case-insensitive substring of title or description. When a specific status finds
// few markets, a fallback search over every public status suggests more.
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { MarketQuery } from '../../ports/market.port.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { PublicStatusFilter } from '../list-markets/list-markets.use-case.ts';
import { marketOverviews, type MarketOverview } from '../shared/market-overview.ts';
import { PUBLIC_LIFECYCLES } from '../shared/market-status.ts';
import type { Page } from '../shared/paging.ts';

export interface SearchMarketsInput extends Page {
  /** trimmed, 1–100 characters */
  readonly query: string;
  readonly status: PublicStatusFilter;
  /** primary and fallback results alike carry this tag (docs/api.md#market-tags) */
  readonly tagSlug?: string;
}

export interface SearchMarketsOutput {
  readonly query: string;
  readonly primaryStatus: PublicStatusFilter;
  readonly primaryResults: MarketOverview[];
  readonly fallbackResults: MarketOverview[];
  readonly primaryCount: number;
  readonly fallbackCount: number;
  readonly totalCount: number;
  readonly fallbackUsed: boolean;
}

export type SearchMarkets = (input: SearchMarketsInput) => ResultAsync<SearchMarketsOutput, InfrastructureError>;

/** A specific status with at most this many hits triggers the fallback search. */
const FALLBACK_THRESHOLD = 5;

export function makeSearchMarkets(deps: Pick<UseCaseDeps, 'markets' | 'bets' | 'users' | 'marketTags' | 'marketGroups' | 'clock'>): SearchMarkets {
  return (input) =>
    safeTry(async function* () {
      const base: MarketQuery = {
        now: deps.clock.now(),
        text: input.query,
        lifecycleIn: PUBLIC_LIFECYCLES,
        ...(input.tagSlug === undefined ? {} : { tagSlug: input.tagSlug }),
        limit: input.limit,
        offset: input.offset,
      };
      const primary = yield* deps.markets.list(input.status === 'all' ? base : { ...base, status: input.status });
      const fallback =
        input.status !== 'all' && primary.total <= FALLBACK_THRESHOLD
          ? (yield* deps.markets.list({
              ...base,
              excludeIds: primary.markets.map((market) => market.id),
              limit: 2 * input.limit,
              offset: 0,
            })).markets
          : [];
      const primaryResults = yield* marketOverviews(deps, primary.markets);
      const fallbackResults = yield* marketOverviews(deps, fallback);
      return ok({
        query: input.query,
        primaryStatus: input.status,
        primaryResults,
        fallbackResults,
        primaryCount: primaryResults.length,
        fallbackCount: fallbackResults.length,
        totalCount: primaryResults.length + fallbackResults.length,
        fallbackUsed: fallbackResults.length > 0,
      });
    });
}
