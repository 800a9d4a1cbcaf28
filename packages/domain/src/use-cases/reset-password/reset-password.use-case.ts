// An administrator's password reset (the recovery path of a user, or the admin, who lost the password): a generated
// one-time password replaces the hash, older tokens stop working and the user must change it at the next login
// (docs/api.md#tokens, docs/api.md#password-gate). The password is returned once; only its hash is stored.
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { commitVia, type CommitHook } from '../../ports/write-records.port.ts';
import { type AuthorizationDenied, type UserNotFound } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { lockExistingUser } from '../shared/locked-user.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';
import { passwordReplacement } from '../shared/password-replacement.ts';
import { generatePassword } from '../register-user/generated-credentials.ts';

export interface ResetPasswordInput {
  readonly actor: Actor;
  readonly username: string;
}

export interface ResetPasswordOutput {
  readonly username: string;
  /** shown once */
  readonly password: string;
}

export type ResetPasswordError = AuthorizationDenied | UserNotFound | InfrastructureError;

export type ResetPassword = (input: ResetPasswordInput, commit?: CommitHook<ResetPasswordOutput>) => ResultAsync<ResetPasswordOutput, ResetPasswordError>;

export function makeResetPassword(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock' | 'passwordHasher' | 'random'>): ResetPassword {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'reset passwords');
      const password = generatePassword(deps.random);
      const passwordHash = yield* deps.passwordHasher.hash(password);
      // The row lock orders this change after any password change in flight.
      const output = { username: input.username, password };
      yield* deps.unitOfWork.run(
        (tx) =>
        safeTry(async function* () {
          const user = yield* lockExistingUser(tx, input.username);
          yield* tx.users.update(user.username, passwordReplacement(user, passwordHash, true, deps.clock.now()));
          return ok(undefined);
        }),
        commitVia(commit, () => output),
      );
      return ok(output);
    });
}
