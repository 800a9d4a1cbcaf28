// An administrator's change of a user's role or moderator standing (docs/api.md#roles): a new moderator starts
// `active`, every other role has moderator status `none`; only a moderator can be suspended or reinstated. Roles are
// re-read on every request, so the change takes effect at the user's next call.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import type { ModeratorStatus, UserPatch, UserRecord, UserRole } from '../../model/user.model.ts';
import {
  invalidState,
  type AuthorizationDenied,
  type InvalidState,
  type UserNotFound,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { lockExistingUser } from '../shared/locked-user.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';

export type RoleChange =
  | { readonly kind: 'role'; readonly role: UserRole }
  | { readonly kind: 'suspend' }
  | { readonly kind: 'unsuspend' };

export interface SetRoleInput {
  readonly actor: Actor;
  readonly username: string;
  readonly change: RoleChange;
}

export interface SetRoleOutput {
  readonly username: string;
  readonly role: UserRole;
  readonly moderatorStatus: ModeratorStatus;
}

export type SetRoleError = AuthorizationDenied | UserNotFound | InvalidState | InfrastructureError;

export type SetRole = (input: SetRoleInput, commit?: CommitHook<SetRoleOutput>) => ResultAsync<SetRoleOutput, SetRoleError>;

export function makeSetRole(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): SetRole {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'change roles');
      const changed = yield* deps.unitOfWork.run((tx) =>
        safeTry(async function* () {
          const user = yield* lockExistingUser(tx, input.username);
          const change = roleChange(user, input.change);
          if (change === null) return err(invalidState(`${user.username} is not a moderator.`));
          const updated = yield* tx.users.update(user.username, { ...change, updatedAt: deps.clock.now() });
          const { username, role, moderatorStatus } = updated ?? user;
          return ok({ username, role, moderatorStatus });
        }),
        commit,
      );
      return ok(changed);
    });
}

/** `null` when the change does not apply to the user's role. */
function roleChange(user: UserRecord, change: RoleChange): Omit<UserPatch, 'updatedAt'> | null {
  switch (change.kind) {
    case 'role':
      return { role: change.role, moderatorStatus: change.role === 'MODERATOR' ? 'active' : 'none' };
    case 'suspend':
      return user.role === 'MODERATOR' ? { moderatorStatus: 'suspended' } : null;
    case 'unsuspend':
      return user.role === 'MODERATOR' ? { moderatorStatus: 'active' } : null;
  }
}
