// Market list entries (docs/api.md#shapes MarketOverview): figures (trader count included) from the running totals and
// one query per page for creators, tags and group links, never a history replay or scan (PERF-3
// (docs/performance.md#perf-3), docs/performance.md#trader-count).
import { ok, ResultAsync, safeTry } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { MarketRecord } from '../../model/market.model.ts';
import type { MarketTag } from '../../model/market-tag.model.ts';
import type { MarketAnswerOf } from '../../model/market-group.model.ts';
import type { Repositories } from '../../ports/unit-of-work.port.ts';
import { probabilityFromTotals } from './market-totals.ts';
import { toCreatorSummary, type CreatorSummary } from './views.ts';

export interface MarketOverview {
  readonly market: MarketRecord;
  readonly creator: CreatorSummary;
  readonly lastProbability: number;
  readonly numUsers: number;
  /** V + marketDust (docs/market-model.md#market-figures) */
  readonly totalVolume: number;
  readonly marketDust: number;
  /** the tags the market carries, active or not (docs/api.md#market-tags) */
  readonly tags: readonly MarketTag[];
  /** the group this market answers, if any (docs/api.md#market-groups) */
  readonly marketGroup?: MarketAnswerOf;
}

export function marketOverviews(
  deps: Pick<Repositories, 'users' | 'marketTags' | 'marketGroups'>,
  markets: readonly MarketRecord[],
): ResultAsync<MarketOverview[], InfrastructureError> {
  return safeTry(async function* () {
    const ids = markets.map((market) => market.id);
    // Independent of each other: sent together, so a list waits for one round trip instead of three.
    const [creators, tags, groups] = yield* ResultAsync.combine([
      deps.users.findByUsernames([...new Set(markets.map((market) => market.creatorUsername))]),
      deps.marketTags.tagsOfMarkets(ids),
      deps.marketGroups.answerLinksOfMarkets(ids),
    ] as const);
    const creatorByName = new Map(creators.map((user) => [user.username, user]));
    return ok(
      markets.map((market) => {
        const marketGroup = groups.get(market.id);
        return {
          market,
          creator: toCreatorSummary(market.creatorUsername, creatorByName.get(market.creatorUsername)),
          lastProbability: probabilityFromTotals(market.seeds, market.totals),
          numUsers: market.totals.traderCount,
          totalVolume: market.totals.volume + market.totals.dust,
          marketDust: market.totals.dust,
          tags: tags.get(market.id) ?? [],
          ...(marketGroup === undefined ? {} : { marketGroup }),
        };
      }),
    );
  });
}
