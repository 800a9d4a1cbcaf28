// An administrator hands a market's stewardship to another user (docs/api.md#proposal-review, docs/api.md#roles): the
// new steward resolves it from then on. Each change is recorded (who, from, to, why, when). The new steward must be
// someone who may create markets in the current game mode — an active moderator in moderator mode, a regular user or
// an active moderator in standard mode — otherwise USER_NOT_FOUND, as for an unknown name (the web app offers only
// such users). A market that is resolved, rejected or cancelled keeps its steward (INVALID_STATE): its work profit
// and its history are settled.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { GameConfig } from '../../model/economics.model.ts';
import type { UserRecord } from '../../model/user.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  invalidState,
  marketNotFound,
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
import { reviewedMarket, reviewReason, type ReviewedMarket } from '../shared/reviewed-market.ts';

export interface ReassignStewardInput {
  readonly actor: Actor;
  readonly marketId: number;
  readonly stewardUsername: string;
  /** 1–500 characters once trimmed */
  readonly reason: string;
}

export type ReassignStewardError =
  | AuthorizationDenied
  | ValidationFailed
  | MarketNotFound
  | UserNotFound
  | InvalidState
  | InfrastructureError;

export type ReassignSteward = (
  input: ReassignStewardInput,
  commit?: CommitHook<ReviewedMarket>,
) => ResultAsync<ReviewedMarket, ReassignStewardError>;

/** Who may steward a market: whoever may create one in this game mode (docs/api.md#game-modes), never an admin. */
export function maySteward(user: Pick<UserRecord, 'role' | 'moderatorStatus'>, game: GameConfig): boolean {
  const activeModerator = user.role === 'MODERATOR' && user.moderatorStatus === 'active';
  return game.mode === 'moderator' ? activeModerator : user.role === 'REGULAR' || activeModerator;
}

export function makeReassignSteward(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock' | 'game'>): ReassignSteward {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'reassign stewards');
      const reason = yield* reviewReason(input.reason);
      const reassigned = yield* deps.unitOfWork.run(
        (tx) =>
          safeTry(async function* () {
            // Market row first, then the new steward's (DB-6): a suspension cannot slip in between check and change.
            const market = yield* tx.lockMarket(input.marketId);
            if (market === null) return err(marketNotFound(input.marketId));
            const steward = yield* lockExistingUser(tx, input.stewardUsername);
            if (!maySteward(steward, deps.game)) {
              const wanted = deps.game.mode === 'moderator' ? 'an active moderator' : 'a regular user or an active moderator';
              return err({ ...userNotFound(steward.username), message: `${steward.username} is not ${wanted}.` });
            }
            if (market.lifecycleStatus === 'resolved' || market.lifecycleStatus === 'rejected' || market.lifecycleStatus === 'cancelled') {
              return err(invalidState(`A ${market.lifecycleStatus} market keeps its steward.`));
            }
            if (steward.username === market.stewardUsername) {
              return err(validationFailed({ stewardUsername: [`${steward.username} is already the steward`] }));
            }
            const now = deps.clock.now();
            const updated = yield* tx.markets.update(market.id, { stewardUsername: steward.username, updatedAt: now });
            yield* tx.stewardshipAudits.record({
              marketId: market.id,
              fromStewardUsername: market.stewardUsername,
              toStewardUsername: steward.username,
              actorUsername: actorName(input.actor),
              reason,
              createdAt: now,
            });
            return reviewedMarket(tx.stewardshipAudits, updated ?? market);
          }),
        commit,
      );
      return ok(reassigned);
    });
}
