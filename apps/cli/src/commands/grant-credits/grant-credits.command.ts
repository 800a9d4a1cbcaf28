// `pnpm cli grant-credits --username <name> --amount <n>`: the only way to grant credits (no HTTP route does). An
// ADMIN_GRANT posting from the mint through the ledger (market-math §15), under the user's row lock; a negative
// amount is an adjustment back to the mint, a forced posting the debt limit does not apply to.
import { err, ok, safeTry } from 'neverthrow';
import { adminGrantPostings, userNotFound, type UseCaseDeps } from '@socialpredict/domain';
import { requiredInteger, requiredText, type CommandDefinition } from '../../command.ts';
import { markGlobalReadModelsStale } from '../../runtime/read-model-marks.ts';
import { useCaseFailure } from '../../use-case-failure.ts';

export type GrantCreditsDeps = Pick<UseCaseDeps, 'unitOfWork' | 'clock'>;

/** Returns the balance after the grant. */
export async function grantCredits(deps: GrantCreditsDeps, username: string, amount: number): Promise<number> {
  const result = await deps.unitOfWork.run((tx) =>
    safeTry(async function* () {
      const user = (yield* tx.lockUsers([username])).get(username);
      if (user === undefined) return err(userNotFound(username));
      yield* tx.ledger.post(adminGrantPostings(username, amount), {
        occurredAt: deps.clock.now(),
        marketId: null,
      });
      return ok(user.accountBalance + amount);
    }),
  );
  if (result.isErr()) throw useCaseFailure(result.error);
  return result.value;
}

export const grantCreditsCommand: CommandDefinition = {
  name: 'grant-credits',
  summary: 'Grant credits to a user through the ledger (ADMIN_GRANT); a negative amount (--amount=-N) takes them back.',
  usage: '--username <name> --amount <credits>',
  options: { username: { type: 'string' }, amount: { type: 'string' } },
  run: async (context, options) => {
    const username = requiredText(options, 'username');
    const amount = requiredInteger(options, 'amount', { allowNegative: true });
    const runtime = await context.runtime();
    const balance = await grantCredits(runtime.deps, username, amount);
    await markGlobalReadModelsStale(runtime, ['system_metrics']);
    context.io.out(`${amount > 0 ? 'Granted' : 'Took back'} ${Math.abs(amount)} credits ${amount > 0 ? 'to' : 'from'} ${username}; balance now ${balance}.`);
    return 0;
  },
};
