// The administrators' review page (docs/api.md#proposal-review, docs/api.md#market-groups): single markets and market
// groups in one list, newest first, each group once as its own row (its answer markets are not listed apart). Groups
// are few, so they are filtered in full and merged with the first offset + limit markets.
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { AuthorizationDenied } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { requireAdmin } from '../shared/actor.ts';
import { reviewedMarketGroup, type ReviewedMarketGroup } from '../shared/market-group-rules.ts';
import { publicMarketStatus } from '../shared/market-status.ts';
import { withStewardshipAudits, type ReviewedMarket } from '../shared/reviewed-market.ts';
import { statusFilter, type ListReviewMarketsInput } from '../list-review-markets/list-review-markets.use-case.ts';

export type ReviewQueueRow = { readonly kind: 'market'; readonly reviewed: ReviewedMarket } | { readonly kind: 'group'; readonly reviewed: ReviewedMarketGroup };

export interface ReviewQueuePage {
  readonly rows: readonly ReviewQueueRow[];
  /** all matching markets and groups, regardless of the page */
  readonly total: number;
}

export type ListReviewQueue = (input: ListReviewMarketsInput) => ResultAsync<ReviewQueuePage, AuthorizationDenied | InfrastructureError>;

const GROUP_SCAN_LIMIT = 100_000;

export function makeListReviewQueue(
  deps: Pick<UseCaseDeps, 'markets' | 'marketGroups' | 'stewardshipAudits' | 'users' | 'bets' | 'marketTags' | 'clock'>,
): ListReviewQueue {
  return (input) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'review markets');
      const now = deps.clock.now();
      const text = input.query?.trim() ?? '';
      const textFilter = text === '' ? {} : { text };
      const filter = statusFilter(input.status);
      const answerIds = yield* deps.marketGroups.answerMarketIds();
      const markets = yield* deps.markets.list({ now, ...filter, ...textFilter, excludeIds: answerIds, limit: input.offset + input.limit, offset: 0 });
      const groupPage = yield* deps.marketGroups.list({
        ...(filter.lifecycleIn === undefined ? {} : { lifecycleIn: filter.lifecycleIn }),
        ...textFilter,
        limit: GROUP_SCAN_LIMIT,
        offset: 0,
      });
      const groups = groupPage.groups.filter((group) => filter.status === undefined || publicMarketStatus(group, now) === filter.status);
      const merged = [
        ...markets.markets.map((market) => ({ kind: 'market' as const, createdAt: market.createdAt, id: market.id, market })),
        ...groups.map((group) => ({ kind: 'group' as const, createdAt: group.createdAt, id: group.id, group })),
      ]
        .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
        .slice(input.offset, input.offset + input.limit);
      const reviewedMarkets = yield* withStewardshipAudits(
        deps.stewardshipAudits,
        merged.flatMap((row) => (row.kind === 'market' ? [row.market] : [])),
      );
      const byId = new Map(reviewedMarkets.map((reviewed) => [reviewed.market.id, reviewed]));
      const rows: ReviewQueueRow[] = [];
      for (const row of merged) {
        if (row.kind === 'group') rows.push({ kind: 'group', reviewed: yield* reviewedMarketGroup(deps, row.group) });
        else {
          const reviewed = byId.get(row.market.id);
          if (reviewed !== undefined) rows.push({ kind: 'market', reviewed });
        }
      }
      return ok({ rows, total: markets.total + groups.length });
    });
}
