// Login (docs/api.md#login, T1-01): an unknown user and a wrong password fail alike and take the same time.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { ModeratorStatus, UserRole } from '../../model/user.model.ts';
import { invalidCredentials, type InvalidCredentials } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';

export interface LoginInput {
  readonly username: string;
  readonly password: string;
}

export interface LoginOutput {
  readonly token: string;
  readonly username: string;
  readonly role: UserRole;
  readonly moderatorStatus: ModeratorStatus;
  readonly mustChangePassword: boolean;
}

export type LoginError = InvalidCredentials | InfrastructureError;

export type Login = (input: LoginInput) => ResultAsync<LoginOutput, LoginError>;

export function makeLogin(deps: Pick<UseCaseDeps, 'users' | 'passwordHasher' | 'tokenIssuer' | 'clock'>): Login {
  return (input) =>
    safeTry(async function* () {
      const user = yield* deps.users.findByUsername(input.username);
      if (user === null) {
        yield* deps.passwordHasher.verifyDummy(input.password);
        return err(invalidCredentials());
      }
      const check = yield* deps.passwordHasher.verify(user.passwordHash, input.password);
      if (!check.valid) return err(invalidCredentials());
      if (check.needsRehash) {
        const passwordHash = yield* deps.passwordHasher.hash(input.password);
        yield* deps.users.update(user.username, { passwordHash, updatedAt: deps.clock.now() });
      }
      const token = yield* deps.tokenIssuer.issue({
        userId: user.id,
        username: user.username,
        passwordVersion: user.passwordVersion,
      });
      return ok({
        token,
        username: user.username,
        role: user.role,
        moderatorStatus: user.moderatorStatus,
        mustChangePassword: user.mustChangePassword,
      });
    });
}
