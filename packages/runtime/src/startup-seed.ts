// Accounts the startup writer guarantees (docs/api.md#user-creation) and the development fixtures of CFG-7. Each account is
// created with its INITIAL_BALANCE minted in the same transaction, or — when it exists and `reset` is asked —
// given back its role, password and flags. Idempotent by construction.
import { errAsync, ResultAsync } from 'neverthrow';
import {
  makeProvisionAccount,
  passwordPolicyProblems,
  type Actor,
  type ModeratorStatus,
  type ProvisionAccountError,
  type ProvisionOutcome,
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

export type SeedOutcome = ProvisionOutcome;

/** The start-up writer seeds with the operator's rights. */
const SEEDER: Actor = { kind: 'operator', name: 'startup-seed' };

/** Creates the account when missing; with `reset`, an existing one gets the seed's role, password and flags back. */
export function ensureAccount(deps: SeedDeps, account: SeedAccount, reset: boolean): ResultAsync<SeedOutcome, ProvisionAccountError> {
  const { password, ...basics } = account;
  return deps.passwordHasher.hash(password).andThen((passwordHash) =>
    makeProvisionAccount(deps)({
      actor: SEEDER,
      account: { ...basics, personalEmoji: '🙂', passwordHash },
      whenExists: reset ? 'reset' : 'keep',
    }).map(({ outcome }) => outcome),
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

/** The seeded administrator: must change the password at first login (docs/api.md#password-gate). */
export function seedAdmin(deps: SeedDeps, password: string): ResultAsync<SeedOutcome, ProvisionAccountError | SeedPasswordRejected> {
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

export function seedDevFixtures(deps: SeedDeps): ResultAsync<Record<string, SeedOutcome>, ProvisionAccountError> {
  return ResultAsync.combine(devFixtures().map((account) => ensureAccount(deps, account, true).map((outcome) => [account.username, outcome] as const))).map(
    (outcomes) => Object.fromEntries(outcomes),
  );
}
