// An administrator replaces the tags of a market, before or after publication (docs/api.md#market-tags). The new
// set follows the creation rules (at most five, unique, active), except that a tag the market already carries may
// stay after it was deactivated.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { marketNotFound, type AuthorizationDenied, type MarketNotFound, type ValidationFailed } from '../../errors/use-case.errors.ts';
import type { MarketWithTags } from '../../model/market-tag.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import type { UseCaseDeps } from '../deps.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';
import { resolveMarketTags } from '../shared/market-tag-rules.ts';

export interface SetMarketTagsInput {
  readonly actor: Actor;
  readonly marketId: number;
  readonly tagSlugs: readonly string[];
}

export type SetMarketTagsError = AuthorizationDenied | ValidationFailed | MarketNotFound | InfrastructureError;

export type SetMarketTags = (input: SetMarketTagsInput, commit?: CommitHook<MarketWithTags>) => ResultAsync<MarketWithTags, SetMarketTagsError>;

export function makeSetMarketTags(deps: Pick<UseCaseDeps, 'unitOfWork'>): SetMarketTags {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'change the tags of a market');
      const tagged = yield* deps.unitOfWork.run(
        (tx) =>
          safeTry(async function* () {
            // The market row lock serialises two administrators editing the same market's tags.
            const market = yield* tx.lockMarket(input.marketId);
            if (market === null) return err(marketNotFound(input.marketId));
            const carried = (yield* tx.marketTags.tagsOfMarkets([market.id])).get(market.id) ?? [];
            const tags = yield* resolveMarketTags(tx.marketTags, input.tagSlugs, new Set(carried.map((tag) => tag.slug)));
            yield* tx.marketTags.setMarketTags(market.id, tags.map((tag) => tag.id));
            return ok({ ...market, tags });
          }),
        commit,
      );
      return ok(tagged);
    });
}
