// `pnpm cli grant-credits --username <name> --amount <n>`: the only way to grant credits (no HTTP route does), an
// ADMIN_GRANT through the ledger (docs/market-model.md#ledger); a negative amount takes credits back.
import { OPERATOR } from '@socialpredict/domain';
import { requiredInteger, requiredText, type CommandDefinition } from '../../command.ts';
import { succeeded } from '../../use-case-failure.ts';
import { operatorCall } from '../../operator-call.ts';

export const grantCreditsCommand: CommandDefinition = {
  name: 'grant-credits',
  summary: 'Grant credits to a user through the ledger (ADMIN_GRANT); a negative amount (--amount=-N) takes them back.',
  usage: '--username <name> --amount <credits>',
  options: { username: { type: 'string' }, amount: { type: 'string' } },
  run: async (context, options) => {
    const username = requiredText(options, 'username');
    const amount = requiredInteger(options, 'amount', { allowNegative: true });
    const { useCases } = await context.runtime();
    const { balance } = await succeeded(useCases.grantCredits({ actor: OPERATOR, username, amount }, operatorCall(context.env)));
    context.io.out(`${amount > 0 ? 'Granted' : 'Took back'} ${Math.abs(amount)} credits ${amount > 0 ? 'to' : 'from'} ${username}; balance now ${balance}.`);
    return 0;
  },
};
