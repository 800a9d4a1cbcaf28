// An administrator's change of a user's role or moderator standing (docs/api.md#roles, docs/api.md#user-governance):
// a new moderator starts `active`, every other role has moderator status `none`; only a moderator can be suspended
// or reinstated. A suspension keeps who suspended, why and when until the moderator is reinstated or changes role;
// the reason of every change also goes to the audit log. Roles are re-read on every request, so the change takes
// effect at the user's next call.
import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import type { UserPatch, UserRecord, UserRole } from '../../model/user.model.ts';
import {
  invalidState,
  validationFailed,
  type AuthorizationDenied,
  type InvalidState,
  type UserNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { lockExistingUser } from '../shared/locked-user.ts';
import { actorName, requireAdmin, type Actor } from '../shared/actor.ts';
import { toUserProfile, type UserProfile } from '../shared/views.ts';

/**
 * `role` sets any role (the operator's `set-role`); `promote` only turns a REGULAR user into an active moderator
 * (the administrators' promotion route), so an administrator or a moderator is left as is.
 */
export type RoleChange =
  | { readonly kind: 'role'; readonly role: UserRole }
  | { readonly kind: 'promote' }
  | { readonly kind: 'suspend' }
  | { readonly kind: 'unsuspend' };

export interface SetRoleInput {
  readonly actor: Actor;
  readonly username: string;
  readonly change: RoleChange;
  /** required to suspend, optional otherwise; 1–500 characters once trimmed */
  readonly reason?: string;
}

export type SetRoleOutput = UserProfile;

export type SetRoleError = AuthorizationDenied | ValidationFailed | UserNotFound | InvalidState | InfrastructureError;

export type SetRole = (input: SetRoleInput, commit?: CommitHook<SetRoleOutput>) => ResultAsync<SetRoleOutput, SetRoleError>;

export const MAX_REASON_LENGTH = 500;

const NOT_SUSPENDED = { moderatorSuspensionReason: null, moderatorSuspendedBy: null, moderatorSuspendedAt: null } as const;

export function makeSetRole(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): SetRole {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'change roles');
      const reason = yield* reasonOf(input);
      const changed = yield* deps.unitOfWork.run((tx) =>
        safeTry(async function* () {
          const user = yield* lockExistingUser(tx, input.username);
          const now = deps.clock.now();
          const change = yield* roleChange(user, input.change, { reason, by: actorName(input.actor), at: now });
          const updated = yield* tx.users.update(user.username, { ...change, updatedAt: now });
          return ok(toUserProfile(updated ?? user));
        }),
        commit,
      );
      return ok(changed);
    });
}

/** The trimmed reason, `null` when none was given; a suspension needs one. */
function reasonOf(input: SetRoleInput): Result<string | null, ValidationFailed> {
  const reason = input.reason?.trim() ?? '';
  if ([...reason].length > MAX_REASON_LENGTH) {
    return err(validationFailed({ reason: [`at most ${String(MAX_REASON_LENGTH)} characters`] }));
  }
  if (reason === '' && input.change.kind === 'suspend') {
    return err(validationFailed({ reason: ['required to suspend a moderator'] }));
  }
  return ok(reason === '' ? null : reason);
}

interface Suspension {
  readonly reason: string | null;
  readonly by: string;
  readonly at: number;
}

function roleChange(user: UserRecord, change: RoleChange, suspension: Suspension): Result<Omit<UserPatch, 'updatedAt'>, InvalidState> {
  switch (change.kind) {
    case 'role':
      return ok({ role: change.role, moderatorStatus: change.role === 'MODERATOR' ? 'active' : 'none', ...NOT_SUSPENDED });
    case 'promote':
      return user.role === 'REGULAR'
        ? ok({ role: 'MODERATOR', moderatorStatus: 'active', ...NOT_SUSPENDED })
        : err(invalidState(`${user.username} is already ${user.role === 'ADMIN' ? 'an administrator' : 'a moderator'}.`));
    case 'suspend':
      return user.role === 'MODERATOR'
        ? ok({
            moderatorStatus: 'suspended',
            moderatorSuspensionReason: suspension.reason,
            moderatorSuspendedBy: suspension.by,
            moderatorSuspendedAt: suspension.at,
          })
        : err(invalidState(`${user.username} is not a moderator.`));
    case 'unsuspend':
      return user.role === 'MODERATOR' ? ok({ moderatorStatus: 'active', ...NOT_SUSPENDED }) : err(invalidState(`${user.username} is not a moderator.`));
  }
}
