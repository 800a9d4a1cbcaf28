// `pnpm cli list-users [--usertype ADMIN|MODERATOR|REGULAR] [--query <text>] [--limit <n>] [--offset <n>]`: the
// administrators' user list (docs/api.md#user-governance) for operators, in username order, one JSON object per line,
// then how many matched in all. Paging is as strict as the route's: limit 1–250 (default 100), offset 0–100 000.
import { OPERATOR, USER_LIST_LIMITS, type UserRole } from '@socialpredict/domain';
import { oneOf, UsageError, type CommandDefinition, type OptionValues } from '../../command.ts';
import { succeeded } from '../../use-case-failure.ts';
import { ROLES } from '../set-role/set-role.command.ts';

/** A whole number, checked for range by the use case like the route's paging. */
function paging(options: OptionValues, name: 'limit' | 'offset', fallback: number): number {
  const value = options[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) throw new UsageError(`--${name} must be a whole number`);
  return Number(value);
}

export const listUsersCommand: CommandDefinition = {
  name: 'list-users',
  summary: 'List users in username order, by role and search (one JSON object per line, then the total).',
  usage: '[--usertype <ADMIN|MODERATOR|REGULAR>] [--query <text>] [--limit <1-250>] [--offset <n>]',
  options: { usertype: { type: 'string' }, query: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } },
  run: async (context, options) => {
    const role: UserRole | undefined = options.usertype === undefined ? undefined : oneOf(options, 'usertype', ROLES);
    const input = {
      actor: OPERATOR,
      limit: paging(options, 'limit', USER_LIST_LIMITS.defaultLimit),
      offset: paging(options, 'offset', 0),
      ...(role === undefined ? {} : { role }),
      ...(typeof options.query === 'string' ? { query: options.query } : {}),
    };
    const { useCases } = await context.runtime();
    const page = await succeeded(useCases.listUsers(input));
    const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
    for (const user of page.users) {
      // The fields of the API's AdminUser (docs/api.md#shapes).
      context.io.out(
        JSON.stringify({
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          usertype: user.role,
          moderatorStatus: user.moderatorStatus,
          accountBalance: user.accountBalance,
          mustChangePassword: user.mustChangePassword,
          moderatorSuspensionReason: user.moderatorSuspensionReason,
          moderatorSuspendedBy: user.moderatorSuspendedBy,
          moderatorSuspendedAt: iso(user.moderatorSuspendedAt),
          createdAt: iso(user.createdAt),
          updatedAt: iso(user.updatedAt),
        }),
      );
    }
    context.io.out(`${String(page.users.length)} shown of ${String(page.total)} matching (offset ${String(input.offset)}).`);
    return 0;
  },
};
