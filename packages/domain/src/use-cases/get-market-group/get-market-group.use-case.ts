// A market group with its answers and their child markets (docs/api.md#market-groups), for anyone.
import { err, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { MarketNotFound } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { groupNotFound, marketGroupDetails, type MarketGroupDetails } from '../shared/market-group-rules.ts';

export type GetMarketGroupError = MarketNotFound | InfrastructureError;

export type GetMarketGroup = (input: { readonly groupId: number }) => ResultAsync<MarketGroupDetails, GetMarketGroupError>;

export function makeGetMarketGroup(deps: Pick<UseCaseDeps, 'users' | 'bets' | 'marketTags' | 'markets' | 'marketGroups'>): GetMarketGroup {
  return (input) =>
    safeTry(async function* () {
      const group = yield* deps.marketGroups.findById(input.groupId);
      if (group === null) return err(groupNotFound(input.groupId));
      return marketGroupDetails(deps, group);
    });
}
