// An administrator hands a market group's stewardship to another user (docs/api.md#market-groups): the group and every
// answer market change steward together, each answer's change recorded as for a single market (who, from, to, why).
// The eligibility rule and the settled-state rule are those of a single market (reassign-steward).
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  invalidState,
  userNotFound,
  validationFailed,
  type AuthorizationDenied,
  type InvalidState,
  type MarketNotFound,
  type UserNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { actorName, requireAdmin, type Actor } from '../shared/actor.ts';
import { lockExistingUser } from '../shared/locked-user.ts';
import { lockGroupWithAnswers, reviewedMarketGroup, type ReviewedMarketGroup } from '../shared/market-group-rules.ts';
import { reviewReason } from '../shared/reviewed-market.ts';
import { maySteward } from '../reassign-steward/reassign-steward.use-case.ts';

export interface ReassignGroupStewardInput {
  readonly actor: Actor;
  readonly groupId: number;
  readonly stewardUsername: string;
  readonly reason: string;
}

export type ReassignGroupStewardError = AuthorizationDenied | ValidationFailed | MarketNotFound | UserNotFound | InvalidState | InfrastructureError;

export type ReassignGroupSteward = (
  input: ReassignGroupStewardInput,
  commit?: CommitHook<ReviewedMarketGroup>,
) => ResultAsync<ReviewedMarketGroup, ReassignGroupStewardError>;

export function makeReassignGroupSteward(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock' | 'game'>): ReassignGroupSteward {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'reassign stewards');
      const reason = yield* reviewReason(input.reason);
      const reassigned = yield* deps.unitOfWork.run(
        (tx) =>
          safeTry(async function* () {
            // Group, answer markets, then the new steward's row (docs/architecture.md#group-lock-order).
            const { group, markets } = yield* lockGroupWithAnswers(tx, input.groupId);
            const steward = yield* lockExistingUser(tx, input.stewardUsername);
            if (!maySteward(steward, deps.game)) return err({ ...userNotFound(steward.username), message: `${steward.username} may not steward markets.` });
            if (group.lifecycleStatus === 'resolved' || group.lifecycleStatus === 'rejected' || group.lifecycleStatus === 'cancelled') {
              return err(invalidState(`A ${group.lifecycleStatus} market group keeps its steward.`));
            }
            if (steward.username === group.stewardUsername) return err(validationFailed({ stewardUsername: [`${steward.username} is already the steward`] }));
            const now = deps.clock.now();
            for (const market of markets) {
              yield* tx.markets.update(market.id, { stewardUsername: steward.username, updatedAt: now });
              yield* tx.stewardshipAudits.record({
                marketId: market.id,
                fromStewardUsername: market.stewardUsername,
                toStewardUsername: steward.username,
                actorUsername: actorName(input.actor),
                reason,
                createdAt: now,
              });
            }
            const updated = yield* tx.marketGroups.update(group.id, { stewardUsername: steward.username, updatedAt: now });
            return reviewedMarketGroup(tx, updated ?? group);
          }),
        commit,
      );
      return ok(reassigned);
    });
}
