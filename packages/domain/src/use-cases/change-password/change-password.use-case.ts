// Change password (docs/api.md#password-gate, T1-02): verify the current password, apply the policy, store the new hash, clear
// the must-change flag and bump the password version so that every older token stops working.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  invalidCredentials,
  validationFailed,
  type InvalidCredentials,
  type UserNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { lockExistingUser } from '../shared/locked-user.ts';
import { passwordReplacement } from '../shared/password-replacement.ts';
import { passwordPolicyProblems } from './password-policy.ts';

export interface ChangePasswordInput {
  readonly username: string;
  readonly currentPassword: string;
  readonly newPassword: string;
}

export interface ChangePasswordOutput {
  readonly passwordVersion: number;
}

export type ChangePasswordError = UserNotFound | InvalidCredentials | ValidationFailed | InfrastructureError;

export type ChangePassword = (input: ChangePasswordInput, commit?: CommitHook<ChangePasswordOutput>) => ResultAsync<ChangePasswordOutput, ChangePasswordError>;

export function makeChangePassword(deps: Pick<UseCaseDeps, 'unitOfWork' | 'passwordHasher' | 'clock'>): ChangePassword {
  return (input, commit) =>
    // The user row stays locked so that two concurrent changes cannot both build on the same version.
    deps.unitOfWork.run((tx) =>
      safeTry(async function* () {
        const user = yield* lockExistingUser(tx, input.username);
        const check = yield* deps.passwordHasher.verify(user.passwordHash, input.currentPassword);
        if (!check.valid) return err(invalidCredentials());
        const problems = passwordPolicyProblems(input.newPassword, input.currentPassword);
        if (problems.length > 0) {
          return err(validationFailed({ newPassword: problems }, 'The new password breaks the password policy.'));
        }

        const passwordHash = yield* deps.passwordHasher.hash(input.newPassword);
        const patch = passwordReplacement(user, passwordHash, false, deps.clock.now());
        yield* tx.users.update(user.username, patch);
        return ok({ passwordVersion: patch.passwordVersion });
      }),
      commit,
    );
}
