// Market page (docs/api.md#t1-25; docs/market-model.md#market-figures): the probability path with timestamps and the market's figures.
import { ok, ResultAsync, safeTry } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { DescriptionAmendment } from '../../model/description-amendment.model.ts';
import type { MarketTag } from '../../model/market-tag.model.ts';
import type { MarketAnswerOf } from '../../model/market-group.model.ts';
import type { CorruptData, MarketNotFound } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { loadMarketWithRows } from '../shared/market-rows.ts';
import { toCreatorSummary } from '../shared/views.ts';
import { marketFigures, type MarketSummary } from '../get-market-summary/get-market-summary.use-case.ts';

export interface MarketDetails extends MarketSummary {
  /** the tags the market carries, active or not (docs/api.md#market-tags) */
  readonly tags: readonly MarketTag[];
  /** the approved amendments in version order (docs/api.md#amendments) */
  readonly descriptionAmendments: readonly DescriptionAmendment[];
  /** the group this market answers, if any: the market page shows the whole group then (docs/api.md#market-groups) */
  readonly marketGroup?: MarketAnswerOf;
}

export type GetMarketDetailsError = MarketNotFound | CorruptData | InfrastructureError;

export type GetMarketDetails = (input: {
  readonly marketId: number;
}) => ResultAsync<MarketDetails, GetMarketDetailsError>;

export function makeGetMarketDetails(
  deps: Pick<UseCaseDeps, 'markets' | 'bets' | 'users' | 'marketTags' | 'amendments' | 'marketGroups' | 'probabilityPointsMax' | 'marketHistoryCache'>,
): GetMarketDetails {
  return (input) =>
    safeTry(async function* () {
      const view = yield* loadMarketWithRows(deps, input.marketId);
      const { market } = view;
      const figures = yield* marketFigures(view, deps.probabilityPointsMax);
      // Independent of each other: sent together, so the page waits for one round trip instead of four.
      const [creator, tagsByMarket, amendments, groupLinks] = yield* ResultAsync.combine([
        deps.users.findByUsername(market.creatorUsername),
        deps.marketTags.tagsOfMarkets([market.id]),
        deps.amendments.listByMarket(market.id),
        deps.marketGroups.answerLinksOfMarkets([market.id]),
      ] as const);
      const tags = tagsByMarket.get(market.id) ?? [];
      const marketGroup = groupLinks.get(market.id);
      return ok({
        market,
        creator: toCreatorSummary(market.creatorUsername, creator ?? undefined),
        ...figures,
        tags,
        descriptionAmendments: amendments.filter((amendment) => amendment.status === 'approved'),
        ...(marketGroup === undefined ? {} : { marketGroup }),
      });
    });
}
