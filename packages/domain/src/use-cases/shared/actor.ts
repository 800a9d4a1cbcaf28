// Who performs a write: an authenticated user with a role, or the operator at the command line, who holds
// administrator rights without being a user of the game.
import { err, ok, type Result } from 'neverthrow';
import { authorizationDenied, type AuthorizationDenied } from '../../errors/use-case.errors.ts';
import type { UserRole } from '../../model/user.model.ts';

export type Actor =
  | { readonly kind: 'user'; readonly username: string; readonly role: UserRole }
  | { readonly kind: 'operator'; readonly name: string };

/** The operator CLI (`pnpm cli …`) and the start-up seeds act as this. */
export const OPERATOR: Actor = { kind: 'operator', name: 'cli' };

export function userActor(user: { readonly username: string; readonly role: UserRole }): Actor {
  return { kind: 'user', username: user.username, role: user.role };
}

export function hasAdminRights(actor: Actor): boolean {
  return actor.kind === 'operator' || actor.role === 'ADMIN';
}

/** The guard of every administrative write; `what` completes "Only administrators may …". */
export function requireAdmin(actor: Actor, what: string): Result<void, AuthorizationDenied> {
  return hasAdminRights(actor) ? ok(undefined) : err(authorizationDenied(`Only administrators may ${what}.`));
}

/** The name a record keeps of who acted (`approvedBy`, `updatedBy`, …): the username, or the operator's name. */
export function actorName(actor: Actor): string {
  return actor.kind === 'user' ? actor.username : actor.name;
}
