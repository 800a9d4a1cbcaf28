// Every account creation (admin registration, the start-up and development seeds, the load seed): the user row and
// its INITIAL_BALANCE from the mint in one transaction, plus an optional ADMIN_GRANT on top. What happens when the
// username exists is the caller's choice: refuse it, keep the account as it is, or reset it to the given role,
// password and flags (a seed's way of being idempotent).
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { adminGrantPostings, initialBalancePostings } from '../../ledger/postings.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import type { UserRecord } from '../../model/user.model.ts';
import { validationFailed, type AuthorizationDenied, type ValidationFailed } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';
import { newAccount, type AccountBasics } from '../shared/new-account.ts';
import { passwordReplacement } from '../shared/password-replacement.ts';
import { TAKEN, uniqueAsValidation } from '../shared/unique-violation.ts';

export type ExistingAccountPolicy = 'refuse' | 'keep' | 'reset';

export interface ProvisionAccountInput {
  readonly actor: Actor;
  /** the password already hashed, so that a seed of many accounts sharing one password hashes it once */
  readonly account: AccountBasics;
  readonly whenExists: ExistingAccountPolicy;
  /** credits granted (ADMIN_GRANT) on top of the initial balance when the account is created; default none */
  readonly grant?: number;
}

export type ProvisionOutcome = 'created' | 'reset' | 'kept';

export interface ProvisionAccountOutput {
  readonly outcome: ProvisionOutcome;
  readonly user: UserRecord;
}

export type ProvisionAccountError = AuthorizationDenied | ValidationFailed | InfrastructureError;

export type ProvisionAccount = (input: ProvisionAccountInput, commit?: CommitHook<ProvisionAccountOutput>) => ResultAsync<ProvisionAccountOutput, ProvisionAccountError>;

export function makeProvisionAccount(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock' | 'economics'>): ProvisionAccount {
  const { initialAccountBalance } = deps.economics.user;

  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'create accounts');
      const { account } = input;
      const { grant = 0 } = input;
      if (!Number.isSafeInteger(grant) || grant < 0) {
        return err(validationFailed({ grant: ['must be a whole number of credits ≥ 0'] }));
      }
      const provisioned = yield* deps.unitOfWork
        .run((tx) =>
          safeTry(async function* () {
            const now = deps.clock.now();
            // Locking the existing row orders a reset after any password change in flight; a new row is locked by
            // its insert until the postings commit with it (DB-6).
            const existing = (yield* tx.lockUsers([account.username])).get(account.username);
            if (existing !== undefined) {
              switch (input.whenExists) {
                case 'refuse':
                  return err(validationFailed({ username: [TAKEN] }));
                case 'keep':
                  return ok({ outcome: 'kept' as const, user: existing });
                case 'reset': {
                  const reset = yield* tx.users.update(account.username, {
                    ...passwordReplacement(existing, account.passwordHash, account.mustChangePassword, now),
                    role: account.role,
                    moderatorStatus: account.moderatorStatus,
                  });
                  return ok({ outcome: 'reset' as const, user: reset ?? existing });
                }
              }
            }
            const inserted = yield* tx.users.insert(newAccount(account, now));
            yield* tx.ledger.post(
              [...initialBalancePostings(account.username, initialAccountBalance), ...adminGrantPostings(account.username, grant)],
              { occurredAt: now, marketId: null },
            );
            return ok({ outcome: 'created' as const, user: { ...inserted, accountBalance: initialAccountBalance + grant } });
          }),
          commit,
        )
        .mapErr((error) => (error.code === 'INFRASTRUCTURE_ERROR' ? uniqueAsValidation(error) : error));
      return ok(provisioned);
    });
}
