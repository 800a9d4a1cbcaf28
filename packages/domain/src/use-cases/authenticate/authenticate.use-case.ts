// The authenticated request pipeline after rate limiting (docs/api.md#request-pipeline): token → user exists → must-change gate.
// Role checks stay with each use case.
import { err, ok, okAsync, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import {
  invalidToken,
  passwordChangeRequired,
  userNotFound,
  type InvalidToken,
  type PasswordChangeRequired,
  type UserNotFound,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { toUserProfile, type UserProfile } from '../shared/views.ts';

export interface AuthenticateInput {
  readonly token: string;
  /** true only for the change-password route, which the gate lets through (docs/api.md#password-gate) */
  readonly allowPendingPasswordChange: boolean;
}

export type AuthenticateError = InvalidToken | UserNotFound | PasswordChangeRequired | InfrastructureError;

export type Authenticate = (input: AuthenticateInput) => ResultAsync<UserProfile, AuthenticateError>;

export function makeAuthenticate(deps: Pick<UseCaseDeps, 'users' | 'tokenIssuer' | 'accountCache'>): Authenticate {
  const { accountCache } = deps;
  // The account from the in-process cache when it holds it; otherwise read, and kept unless a write forgot the
  // account while it was being read (docs/security.md#account-cache). A token newer than the cached password version
  // proves the cached account outdated (changed on another instance), so it is read again.
  const accountOf = (username: string, tokenVersion: number): ResultAsync<UserProfile | null, InfrastructureError> => {
    const cached = accountCache?.get(username);
    if (cached !== undefined && cached.passwordVersion >= tokenVersion) return okAsync(cached);
    const stamp = accountCache?.stamp() ?? 0;
    return deps.users.findByUsername(username).map((user) => {
      if (user === null) return null;
      const account = toUserProfile(user);
      accountCache?.set(account, stamp);
      return account;
    });
  };
  return (input) =>
    safeTry(async function* () {
      const claims = yield* deps.tokenIssuer.verify(input.token).mapErr((rejection) => invalidToken(rejection.reason));
      const user = yield* accountOf(claims.username, claims.passwordVersion);
      if (user === null) return err(userNotFound(claims.username));
      // A token is valid only for the account it was issued to: a deleted account's token must not pass for a new
      // account of the same name, whatever its password version (docs/api.md#tokens).
      if (claims.userId !== user.id) return err(invalidToken('The token was issued to another account.'));
      // Every password change bumps the version, so older tokens are superseded (docs/api.md#tokens).
      if (claims.passwordVersion < user.passwordVersion) {
        return err(invalidToken('The token was superseded by a password change.'));
      }
      if (user.mustChangePassword && !input.allowPendingPasswordChange) return err(passwordChangeRequired());
      return ok(user);
    });
}
