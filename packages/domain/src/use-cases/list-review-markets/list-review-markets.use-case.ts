// The administrators' review queue (docs/api.md#proposal-review): markets of any lifecycle, filtered by review
// status and a title/description search, newest first, each with its steward changes.
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { MarketQuery } from '../../ports/market.port.ts';
import type { AuthorizationDenied } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';
import type { Page } from '../shared/paging.ts';
import { withStewardshipAudits, type ReviewedMarket } from '../shared/reviewed-market.ts';

export const REVIEW_STATUSES = ['proposed', 'published', 'rejected', 'closed', 'resolved', 'all'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ListReviewMarketsInput extends Page {
  readonly actor: Actor;
  readonly status: ReviewStatus;
  /** a case-insensitive substring of the title or the description; empty matches all */
  readonly query?: string;
}

export interface ReviewMarketPage {
  readonly markets: ReviewedMarket[];
  /** all matching markets, regardless of the page */
  readonly total: number;
}

export type ListReviewMarkets = (input: ListReviewMarketsInput) => ResultAsync<ReviewMarketPage, AuthorizationDenied | InfrastructureError>;

/** `closed` is the public status (closed, or published past its resolution time); the others are stored lifecycles. */
export function statusFilter(status: ReviewStatus): Pick<MarketQuery, 'status' | 'lifecycleIn'> {
  switch (status) {
    case 'all':
      return {};
    case 'closed':
      return { status: 'closed' };
    default:
      return { lifecycleIn: [status] };
  }
}

export function makeListReviewMarkets(deps: Pick<UseCaseDeps, 'markets' | 'stewardshipAudits' | 'clock'>): ListReviewMarkets {
  return (input) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'review markets');
      const text = input.query?.trim() ?? '';
      const page = yield* deps.markets.list({
        now: deps.clock.now(),
        ...statusFilter(input.status),
        ...(text === '' ? {} : { text }),
        limit: input.limit,
        offset: input.offset,
      });
      return ok({ markets: yield* withStewardshipAudits(deps.stewardshipAudits, page.markets), total: page.total });
    });
}
