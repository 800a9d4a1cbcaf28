// The tag vocabulary (docs/api.md#market-tags, T1-15): the active tags for everyone (create-page picker, topic
// filters); inactive ones too for administrators.
import { errAsync, type ResultAsync } from 'neverthrow';
import { authorizationDenied, type AuthorizationDenied } from '../../errors/use-case.errors.ts';
import type { MarketTag } from '../../model/market-tag.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { UseCaseDeps } from '../deps.ts';
import { hasAdminRights, type Actor } from '../shared/actor.ts';

export interface ListMarketTagsInput {
  readonly includeInactive: boolean;
  /** required, with administrator rights, to include inactive tags */
  readonly actor?: Actor;
}

export type ListMarketTagsError = AuthorizationDenied | InfrastructureError;

export type ListMarketTags = (input: ListMarketTagsInput) => ResultAsync<readonly MarketTag[], ListMarketTagsError>;

export function makeListMarketTags(deps: Pick<UseCaseDeps, 'marketTags'>): ListMarketTags {
  return (input) => {
    if (input.includeInactive && (input.actor === undefined || !hasAdminRights(input.actor))) {
      return errAsync(authorizationDenied('Only administrators may list inactive tags.'));
    }
    return deps.marketTags.list({ includeInactive: input.includeInactive });
  };
}
