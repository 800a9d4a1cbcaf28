// An administrator's credit grant (docs/market-model.md#ledger; CLI only, no HTTP route): an ADMIN_GRANT posting from the mint,
// under the user's row lock. A negative amount is an adjustment back to the mint, a forced posting the debt limit
// does not apply to.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { adminGrantPostings } from '../../ledger/postings.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  validationFailed,
  type AuthorizationDenied,
  type UserNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { lockExistingUser } from '../shared/locked-user.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';

export interface GrantCreditsInput {
  readonly actor: Actor;
  readonly username: string;
  /** a non-zero safe integer; negative takes credits back */
  readonly amount: number;
}

export interface GrantCreditsOutput {
  readonly username: string;
  readonly amount: number;
  /** the user's balance once the grant is posted */
  readonly balance: number;
}

export type GrantCreditsError = AuthorizationDenied | ValidationFailed | UserNotFound | InfrastructureError;

export type GrantCredits = (input: GrantCreditsInput, commit?: CommitHook<GrantCreditsOutput>) => ResultAsync<GrantCreditsOutput, GrantCreditsError>;

export function makeGrantCredits(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): GrantCredits {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'grant credits');
      const { username, amount } = input;
      if (!Number.isSafeInteger(amount) || amount === 0) {
        return err(validationFailed({ amount: ['must be a non-zero whole number of credits'] }));
      }
      const granted = yield* deps.unitOfWork.run((tx) =>
        safeTry(async function* () {
          const user = yield* lockExistingUser(tx, username);
          yield* tx.ledger.post(adminGrantPostings(username, amount), {
            occurredAt: deps.clock.now(),
            marketId: null,
          });
          return ok({ username, amount, balance: user.accountBalance + amount });
        }),
        commit,
      );
      return ok(granted);
    });
}
