// An administrator replaces the tags of a market group (docs/api.md#market-groups, docs/api.md#market-tags): every
// answer market carries the group's tags. A tag the group already carries may stay once deactivated.
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import type { AuthorizationDenied, MarketNotFound, ValidationFailed } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';
import { lockGroupWithAnswers, reviewedMarketGroup, type ReviewedMarketGroup } from '../shared/market-group-rules.ts';
import { resolveMarketTags } from '../shared/market-tag-rules.ts';

export interface SetMarketGroupTagsInput {
  readonly actor: Actor;
  readonly groupId: number;
  readonly tagSlugs: readonly string[];
}

export type SetMarketGroupTagsError = AuthorizationDenied | ValidationFailed | MarketNotFound | InfrastructureError;

export type SetMarketGroupTags = (
  input: SetMarketGroupTagsInput,
  commit?: CommitHook<ReviewedMarketGroup>,
) => ResultAsync<ReviewedMarketGroup, SetMarketGroupTagsError>;

export function makeSetMarketGroupTags(deps: Pick<UseCaseDeps, 'unitOfWork'>): SetMarketGroupTags {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'edit the tags of market groups');
      const tagged = yield* deps.unitOfWork.run(
        (tx) =>
          safeTry(async function* () {
            const { group, markets } = yield* lockGroupWithAnswers(tx, input.groupId);
            const current = yield* tx.marketTags.tagsOfMarkets(markets.map((market) => market.id));
            const kept = new Set([...current.values()].flat().map((tag) => tag.slug));
            const tags = yield* resolveMarketTags(tx.marketTags, input.tagSlugs, kept);
            for (const market of markets) yield* tx.marketTags.setMarketTags(market.id, tags.map((tag) => tag.id));
            return reviewedMarketGroup(tx, group);
          }),
        commit,
      );
      return ok(tagged);
    });
}
