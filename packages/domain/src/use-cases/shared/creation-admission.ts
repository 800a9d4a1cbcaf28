// What creating a market or a market group asks of its creator, decided once for both (docs/api.md#game-modes,
// docs/market-model.md#creation-fees): the game mode's rule on who may create and in which state, the governance
// auto-approval read in the transaction, a resolution time far enough ahead, and the debt rule for the creation cost.
import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import {
  domainFailure,
  userNotApproved,
  validationFailed,
  type DomainFailure,
  type UserNotApproved,
  type UserNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import { withinDebtLimit } from '../../math/index.ts';
import type { GameConfig } from '../../model/economics.model.ts';
import type { LifecycleStatus } from '../../model/market.model.ts';
import type { UserRecord } from '../../model/user.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { TransactionContext } from '../../ports/unit-of-work.port.ts';
import type { UseCaseDeps } from '../deps.ts';
import { lockExistingUser } from './locked-user.ts';

const HOUR_MS = 3_600_000;

/** `approvedBy` of a proposal the governance setting published (docs/api.md#game-modes). */
export const AUTO_APPROVAL = 'auto-approval';

export interface CreationAdmission {
  /** locked in the caller's transaction (DB-6), before the debt check and the posting */
  readonly creator: UserRecord;
  readonly lifecycleStatus: LifecycleStatus;
  /** a proposal the governance setting published at once */
  readonly autoApproved: boolean;
  readonly now: number;
}

export type CreationAdmissionError = UserNotFound | UserNotApproved | ValidationFailed | DomainFailure<'INSUFFICIENT_BALANCE'> | InfrastructureError;

export function admitCreation(
  tx: TransactionContext,
  deps: Pick<UseCaseDeps, 'clock' | 'economics' | 'game'>,
  request: { readonly username: string; readonly resolutionDateTime: number; readonly what: 'market' | 'market group' },
): ResultAsync<CreationAdmission, CreationAdmissionError> {
  const { minimumFutureHours } = deps.economics.marketcreation;
  const { createMarketCost } = deps.economics.marketincentives;
  const { maximumDebtAllowed } = deps.economics.user;
  return safeTry(async function* () {
    const creator = yield* lockExistingUser(tx, request.username);
    const requested = yield* initialLifecycle(creator, deps.game);
    const autoApproved = requested === 'proposed' && (yield* tx.settings.get('governance')).value.autoApproveMarketProposals;
    const now = deps.clock.now();
    if (!(request.resolutionDateTime > now + minimumFutureHours * HOUR_MS)) {
      return err(validationFailed({ resolutionDateTime: [`must be more than ${String(minimumFutureHours)} hour(s) in the future`] }));
    }
    if (!withinDebtLimit(creator.accountBalance, createMarketCost, maximumDebtAllowed)) {
      return err(domainFailure('INSUFFICIENT_BALANCE', `Creating the ${request.what} would exceed the allowed debt.`));
    }
    return ok({ creator, lifecycleStatus: autoApproved ? 'published' : requested, autoApproved, now });
  });
}

/** The state a new market or group starts in under the game mode, or why its creator may not create one. */
export function initialLifecycle(
  creator: Pick<UserRecord, 'role' | 'moderatorStatus'>,
  game: GameConfig,
): Result<LifecycleStatus, UserNotApproved> {
  const activeModerator = creator.role === 'MODERATOR' && creator.moderatorStatus === 'active';
  if (game.mode === 'moderator') {
    if (!activeModerator) return err(userNotApproved('Only active moderators may create markets.'));
    return ok(game.moderation.marketApprovalRequired ? 'proposed' : 'published');
  }
  if (creator.moderatorStatus === 'suspended') {
    return err(userNotApproved('A suspended moderator may not create markets.'));
  }
  return ok('published');
}
