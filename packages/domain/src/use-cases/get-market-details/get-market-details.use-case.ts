// Market page (docs/api.md#t1-25; docs/market-model.md#market-figures): the probability path with timestamps and the market's figures.
import { ok, ResultAsync, safeTry } from 'neverthrow';
import { marketDust, marketVolume, orderRows, probabilitySeries } from '../../math/index.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { DescriptionAmendment } from '../../model/description-amendment.model.ts';
import type { MarketRecord } from '../../model/market.model.ts';
import type { MarketTag } from '../../model/market-tag.model.ts';
import type { MarketAnswerOf } from '../../model/market-group.model.ts';
import { CORRUPT_DATA_CODES, type CorruptData, type MarketNotFound } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { callMath } from '../shared/math-call.ts';
import { loadMarketWithRows } from '../shared/market-rows.ts';
import { toCreatorSummary, type CreatorSummary } from '../shared/views.ts';
import { thinProbabilityPath, type ProbabilityPoint } from './probability-path.ts';

export interface MarketDetails {
  readonly market: MarketRecord;
  readonly creator: CreatorSummary;
  /** thinned to at most `probabilityPointsMax` points; shared by the reads of one cached history, never mutated */
  readonly probabilityChanges: readonly ProbabilityPoint[];
  readonly probabilityChangesTruncated: boolean;
  readonly numUsers: number;
  readonly totalVolume: number;
  readonly marketDust: number;
  /** exact, whatever the thinning */
  readonly lastProbability: number;
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
      const { market, rows, derive } = yield* loadMarketWithRows(deps, input.marketId);
      const figures = yield* callMath(
        () =>
          derive('details', () => {
            const series = probabilitySeries(rows, market.seeds);
            // series[i + 1] is the probability right after the i-th row in canonical order (docs/market-model.md#wpam-probability).
            const path: ProbabilityPoint[] = [
              { probability: market.seeds.initialProbability, timestamp: market.createdAt },
              ...orderRows(rows).map((row, i) => ({ probability: series[i + 1] as number, timestamp: row.placedAt })),
            ];
            const dust = marketDust(rows);
            return {
              thinned: thinProbabilityPath(path, deps.probabilityPointsMax),
              numUsers: new Set(rows.map((row) => row.username)).size,
              totalVolume: marketVolume(rows) + dust,
              dust,
              lastProbability: series[series.length - 1] as number,
            };
          }),
        CORRUPT_DATA_CODES,
      );
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
        probabilityChanges: figures.thinned.points,
        probabilityChangesTruncated: figures.thinned.truncated,
        numUsers: figures.numUsers,
        totalVolume: figures.totalVolume,
        marketDust: figures.dust,
        lastProbability: figures.lastProbability,
        tags,
        descriptionAmendments: amendments.filter((amendment) => amendment.status === 'approved'),
        ...(marketGroup === undefined ? {} : { marketGroup }),
      });
    });
}
