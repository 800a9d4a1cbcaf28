// The answer-addition queues (docs/api.md#market-groups): one group's (its steward, active moderators, administrators),
// the caller's own (additions to the groups it stewards) and the administrators' (every group).
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { GroupAnswerAdditionStatus } from '../../model/market-group.model.ts';
import type { AnswerAdditionPage } from '../../ports/market-group.port.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { authorizationDenied, type AuthorizationDenied, type MarketNotFound } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { hasAdminRights, requireAdmin, type Actor } from '../shared/actor.ts';
import { groupNotFound } from '../shared/market-group-rules.ts';
import type { Page } from '../shared/paging.ts';

export interface ListGroupAnswerAdditionsInput extends Page {
  readonly actor: Actor;
  /** `group`: the additions of `groupId`; `own`: of the groups the caller stewards; `admin`: of every group */
  readonly scope: 'group' | 'own' | 'admin';
  readonly groupId?: number;
  readonly status?: GroupAnswerAdditionStatus;
}

export type ListGroupAnswerAdditionsError = MarketNotFound | AuthorizationDenied | InfrastructureError;

export type ListGroupAnswerAdditions = (input: ListGroupAnswerAdditionsInput) => ResultAsync<AnswerAdditionPage, ListGroupAnswerAdditionsError>;

export function makeListGroupAnswerAdditions(deps: Pick<UseCaseDeps, 'marketGroups' | 'users'>): ListGroupAnswerAdditions {
  return (input) =>
    safeTry(async function* () {
      const page = { limit: input.limit, offset: input.offset };
      const filters = { ...(input.status === undefined ? {} : { status: input.status }), ...(input.groupId === undefined ? {} : { groupId: input.groupId }) };
      if (input.scope === 'admin') {
        yield* requireAdmin(input.actor, 'list every answer addition');
        return deps.marketGroups.listAdditions({ ...filters, ...page });
      }
      if (input.actor.kind !== 'user') return deps.marketGroups.listAdditions({ ...filters, ...page });
      if (input.scope === 'own') return deps.marketGroups.listAdditions({ ...filters, stewardedBy: input.actor.username, ...page });
      const groupId = input.groupId ?? 0;
      const group = yield* deps.marketGroups.findById(groupId);
      if (group === null) return err(groupNotFound(groupId));
      if (!hasAdminRights(input.actor) && input.actor.username !== group.stewardUsername) {
        const user = yield* deps.users.findByUsername(input.actor.username);
        if (user?.role !== 'MODERATOR' || user.moderatorStatus !== 'active') {
          return err(authorizationDenied('Only the steward, active moderators and administrators may see the answers proposed for a group.'));
        }
      }
      return ok(yield* deps.marketGroups.listAdditions({ ...filters, groupId, ...page }));
    });
}
