// `pnpm cli create-user --username <name>` (docs/api.md#user-creation): the admin createuser use case, run by the operator. The
// generated password is printed once on stdout and never logged; the user must change it at first login.
import { OPERATOR } from '@socialpredict/domain';
import { requiredText, type CommandDefinition } from '../../command.ts';
import { succeeded } from '../../use-case-failure.ts';
import { operatorCall } from '../../operator-call.ts';

export const createUserCommand: CommandDefinition = {
  name: 'create-user',
  summary: 'Create a REGULAR user with a generated one-time password (printed once).',
  usage: '--username <name>',
  options: { username: { type: 'string' } },
  run: async (context, options) => {
    const username = requiredText(options, 'username');
    const { useCases } = await context.runtime();
    const created = await succeeded(useCases.registerUser({ actor: OPERATOR, username }, operatorCall(context.env)));
    context.io.out(`Created ${created.username} (${created.role}, display name "${created.displayName}").`);
    context.io.out(`One-time password: ${created.password}`);
    return 0;
  },
};
