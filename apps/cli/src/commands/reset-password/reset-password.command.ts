// `pnpm cli reset-password --username <name>`: the recovery path for a user (or the admin) who lost the password.
// A generated one-time password replaces it, older tokens stop working and it must be changed at the next login.
// The password is printed once, never taken from the command line (it would end up in shell history and the
// process list).
import { OPERATOR } from '@socialpredict/domain';
import { requiredText, type CommandDefinition } from '../../command.ts';
import { succeeded } from '../../use-case-failure.ts';
import { operatorCall } from '../../operator-call.ts';

export const resetPasswordCommand: CommandDefinition = {
  name: 'reset-password',
  summary: "Replace a user's password with a generated one-time password (printed once); old sessions end.",
  usage: '--username <name>',
  options: { username: { type: 'string' } },
  run: async (context, options) => {
    const username = requiredText(options, 'username');
    const { useCases } = await context.runtime();
    const { password } = await succeeded(useCases.resetPassword({ actor: OPERATOR, username }, operatorCall(context.env)));
    context.io.out(`Password of ${username} reset; it must be changed at the next login.`);
    context.io.out(`One-time password: ${password}`);
    return 0;
  },
};
