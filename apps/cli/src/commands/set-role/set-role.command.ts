// `pnpm cli set-role --username <name> (--role ADMIN|MODERATOR|REGULAR | --suspend | --unsuspend) [--reason <text>]`
// (docs/api.md#roles, docs/api.md#user-governance): a new moderator starts `active`, every other role has moderator
// status `none`; --suspend and --unsuspend change a moderator's standing only, and --suspend needs a --reason
// (1–500 characters), kept on the user and the audit row like every reason given. Roles are re-read on every request,
// so the change applies at the user's next call.
import { OPERATOR, type RoleChange, type UserRole } from '@socialpredict/domain';
import { oneOf, requiredText, UsageError, type CommandDefinition, type OptionValues } from '../../command.ts';
import { succeeded } from '../../use-case-failure.ts';
import { operatorCall } from '../../operator-call.ts';

export const ROLES: readonly UserRole[] = ['ADMIN', 'MODERATOR', 'REGULAR'];

function roleChange(options: OptionValues): RoleChange {
  const chosen = [options.role !== undefined, options.suspend === true, options.unsuspend === true].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError('give exactly one of --role, --suspend or --unsuspend');
  if (options.suspend === true) {
    if (typeof options.reason !== 'string' || options.reason.trim() === '') throw new UsageError('--suspend needs a --reason');
    return { kind: 'suspend' };
  }
  if (options.unsuspend === true) return { kind: 'unsuspend' };
  return { kind: 'role', role: oneOf(options, 'role', ROLES) };
}

export const setRoleCommand: CommandDefinition = {
  name: 'set-role',
  summary: "Change a user's role (ADMIN, MODERATOR or REGULAR), or suspend (with a reason) or reinstate a moderator.",
  usage: '--username <name> (--role <ADMIN|MODERATOR|REGULAR> | --suspend --reason <text> | --unsuspend) [--reason <text>]',
  options: {
    username: { type: 'string' },
    role: { type: 'string' },
    suspend: { type: 'boolean' },
    unsuspend: { type: 'boolean' },
    reason: { type: 'string' },
  },
  run: async (context, options) => {
    const username = requiredText(options, 'username');
    const change = roleChange(options);
    const reason = typeof options.reason === 'string' ? { reason: options.reason } : {};
    const { useCases } = await context.runtime();
    const user = await succeeded(useCases.setRole({ actor: OPERATOR, username, change, ...reason }, operatorCall(context.env)));
    const why = user.moderatorSuspensionReason === null ? '' : `: ${user.moderatorSuspensionReason}`;
    context.io.out(`${user.username} is now ${user.role} (moderator status ${user.moderatorStatus}${why}).`);
    return 0;
  },
};
