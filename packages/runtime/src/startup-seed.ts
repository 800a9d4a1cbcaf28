// Accounts the startup writer guarantees (http-api.md §2.7) and the development fixtures of CFG-7. Each account is
// created with its INITIAL_BALANCE minted in the same transaction, or — when it exists and `reset` is asked —
// given back its role, password and flags. Idempotent by construction.
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import {
  newAccount,
  MINT,
  passwordPolicyProblems,
  transfer,
  userAccount,
  type InfrastructureError,
  type ModeratorStatus,
  type UseCaseDeps,
  type UserRole,
} from '@socialpredict/domain';

export interface SeedAccount {
  username: string;
  displayName: string;
  role: UserRole;
  moderatorStatus: ModeratorStatus;
  password: string;
  mustChangePassword: boolean;
}

type SeedDeps = Pick<UseCaseDeps, 'unitOfWork' | 'passwordHasher' | 'clock' | 'economics'>;

export type SeedOutcome = 'created' | 'reset' | 'kept';

/** Creates the account when missing; with `reset`, an existing one gets the seed's role, password and flags back. */
export function ensureAccount(deps: SeedDeps, account: SeedAccount, reset: boolean): ResultAsync<SeedOutcome, InfrastructureError> {
  return deps.passwordHasher.hash(account.password).andThen((passwordHash) =>
    deps.unitOfWork.run((tx) =>
      tx.lockUsers([account.username]).andThen((locked) => {
        const now = deps.clock.now();
        const existing = locked.get(account.username);
        if (existing !== undefined) {
          if (!reset) return okAsync<SeedOutcome, InfrastructureError>('kept');
          return tx.users
            .update(account.username, {
              role: account.role,
              moderatorStatus: account.moderatorStatus,
              passwordHash,
              passwordVersion: existing.passwordVersion + 1,
              mustChangePassword: account.mustChangePassword,
              updatedAt: now,
            })
            .map((): SeedOutcome => 'reset');
        }
        return tx.users
          .insert(
            newAccount(
              {
                username: account.username,
                displayName: account.displayName,
                role: account.role,
                moderatorStatus: account.moderatorStatus,
                personalEmoji: '🙂',
                mustChangePassword: account.mustChangePassword,
                passwordHash,
              },
              now,
            ),
          )
          .andThen(() =>
            tx.ledger.post(transfer('INITIAL_BALANCE', MINT, userAccount(account.username), deps.economics.user.initialAccountBalance), {
              occurredAt: now,
              marketId: null,
            }),
          )
          .map((): SeedOutcome => 'created');
      }),
    ),
  );
}

export class SeedPasswordRejected extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`ADMIN_PASSWORD breaks the password policy: ${problems.join('; ')}`);
    this.name = 'SeedPasswordRejected';
    this.problems = problems;
  }
}

/** The seeded administrator: must change the password at first login (§2.5). */
export function seedAdmin(deps: SeedDeps, password: string): ResultAsync<SeedOutcome, InfrastructureError | SeedPasswordRejected> {
  const problems = passwordPolicyProblems(password, '');
  if (problems.length > 0) return errAsync(new SeedPasswordRejected(problems));
  return ensureAccount(
    deps,
    { username: 'admin', displayName: 'Administrator', role: 'ADMIN', moderatorStatus: 'none', password, mustChangePassword: true },
    false,
  );
}

export const DEV_PASSWORD = 'password';

/** CFG-7: admin, one active moderator and nine regular users, all with the password `password`, no forced change. */
export function devFixtures(): SeedAccount[] {
  const fixture = (username: string, displayName: string, role: UserRole, moderatorStatus: ModeratorStatus): SeedAccount => ({
    username,
    displayName,
    role,
    moderatorStatus,
    password: DEV_PASSWORD,
    mustChangePassword: false,
  });
  const regulars = Array.from({ length: 9 }, (_, i) => {
    const username = `testuser${String(i + 2).padStart(2, '0')}`;
    return fixture(username, username, 'REGULAR', 'none');
  });
  return [fixture('admin', 'Administrator', 'ADMIN', 'none'), fixture('testuser01', 'testuser01', 'MODERATOR', 'active'), ...regulars];
}

export function seedDevFixtures(deps: SeedDeps): ResultAsync<Record<string, SeedOutcome>, InfrastructureError> {
  return ResultAsync.combine(devFixtures().map((account) => ensureAccount(deps, account, true).map((outcome) => [account.username, outcome] as const))).map(
    (outcomes) => Object.fromEntries(outcomes),
  );
}
