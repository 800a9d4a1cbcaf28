// Admin-created users (docs/api.md#user-creation, T1-42): a REGULAR user with a generated one-time password, the must-change
// flag, a unique display name derived from the username, a random face emoji and the initial balance minted to it.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { commitVia, type CommitHook } from '../../ports/write-records.port.ts';
import { validationFailed, type AuthorizationDenied, type ValidationFailed } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { makeProvisionAccount } from '../provision-account/provision-account.use-case.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';
import { USERNAME_PATTERN } from '../shared/input-rules.ts';
import { TAKEN } from '../shared/unique-violation.ts';
import { generatePassword, pickFaceEmoji } from './generated-credentials.ts';

export interface RegisterUserInput {
  /** the authenticated caller, or the operator */
  readonly actor: Actor;
  /** already trimmed by the HTTP adapter */
  readonly username: string;
}

export interface RegisterUserOutput {
  readonly username: string;
  readonly displayName: string;
  readonly role: 'REGULAR';
  /** shown once; only its hash is stored */
  readonly password: string;
}

export type RegisterUserError = AuthorizationDenied | ValidationFailed | InfrastructureError;

export type RegisterUser = (input: RegisterUserInput, commit?: CommitHook<RegisterUserOutput>) => ResultAsync<RegisterUserOutput, RegisterUserError>;

/** Display names tried after the username itself is taken; a collision on all of them is reported, not retried. */
const DISPLAY_NAME_ATTEMPTS = 5;
const DISPLAY_NAME_SUFFIX_RANGE = 10_000;

type RegisterUserDeps = Pick<UseCaseDeps, 'users' | 'unitOfWork' | 'clock' | 'passwordHasher' | 'random' | 'economics'>;

export function makeRegisterUser(deps: RegisterUserDeps): RegisterUser {
  const provisionAccount = makeProvisionAccount(deps);

  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'create users');
      const { username } = input;
      if (!USERNAME_PATTERN.test(username)) {
        return err(validationFailed({ username: ['must be 3 to 30 lowercase letters or digits'] }));
      }
      if ((yield* deps.users.findByUsername(username)) !== null) return err(validationFailed({ username: [TAKEN] }));
      const displayName = yield* freeDisplayName(deps, username);

      const password = generatePassword(deps.random);
      const passwordHash = yield* deps.passwordHasher.hash(password);
      const output = { username, displayName, role: 'REGULAR' as const, password };
      yield* provisionAccount(
        {
        actor: input.actor,
        account: {
          username,
          displayName,
          role: 'REGULAR',
          moderatorStatus: 'none',
          personalEmoji: pickFaceEmoji(deps.random),
          mustChangePassword: true,
          passwordHash,
        },
        whenExists: 'refuse',
        },
        commitVia(commit, () => output),
      );
      return ok(output);
    });
}

function freeDisplayName(
  deps: Pick<RegisterUserDeps, 'users' | 'random'>,
  username: string,
): ResultAsync<string, ValidationFailed | InfrastructureError> {
  return safeTry(async function* () {
    const candidates = [username];
    for (let i = 0; i < DISPLAY_NAME_ATTEMPTS; i += 1) {
      candidates.push(`${username}${deps.random.int(DISPLAY_NAME_SUFFIX_RANGE)}`);
    }
    for (const candidate of candidates) {
      if (!(yield* deps.users.isDisplayNameTaken(candidate))) return ok(candidate);
    }
    return err(validationFailed({ username: ['no free display name could be derived from it'] }));
  });
}
