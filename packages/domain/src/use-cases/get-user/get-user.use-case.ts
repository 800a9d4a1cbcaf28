// A user's profile (docs/api.md#t1-03, T1-17) and spendable credit (T1-16).
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { userNotFound, type UserNotFound } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { toUserProfile, type UserProfile } from '../shared/views.ts';

export type GetUserError = UserNotFound | InfrastructureError;

export type GetUser = (input: { readonly username: string }) => ResultAsync<UserProfile, GetUserError>;

export function makeGetUser(deps: Pick<UseCaseDeps, 'users'>): GetUser {
  return (input) =>
    safeTry(async function* () {
      const user = yield* deps.users.findByUsername(input.username);
      if (user === null) return err(userNotFound(input.username));
      return ok(toUserProfile(user));
    });
}

export type GetUserCredit = (input: {
  readonly username: string;
}) => ResultAsync<{ readonly credit: number }, InfrastructureError>;

/** `maximumDebtAllowed + accountBalance`; an unknown user has the full debt allowance (docs/api.md#t1-16). */
export function makeGetUserCredit(deps: Pick<UseCaseDeps, 'users' | 'economics'>): GetUserCredit {
  const { maximumDebtAllowed } = deps.economics.user;
  return (input) =>
    deps.users
      .findByUsername(input.username)
      .map((user) => ({ credit: maximumDebtAllowed + (user?.accountBalance ?? 0) }));
}
