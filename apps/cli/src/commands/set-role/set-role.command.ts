// `pnpm cli set-role --username <name> --role ADMIN|MODERATOR|REGULAR` (http-api §2.6): a moderator starts
// `active`; every other role has moderator status `none`. Roles are re-read on every request, so the change takes
// effect at the user's next call.
import { err, ok, safeTry } from 'neverthrow';
import { userNotFound, type UseCaseDeps, type UserRecord, type UserRole } from '@socialpredict/domain';
import { oneOf, requiredText, type CommandDefinition } from '../../command.ts';
import { useCaseFailure } from '../../use-case-failure.ts';

export const ROLES: readonly UserRole[] = ['ADMIN', 'MODERATOR', 'REGULAR'];

export type SetRoleDeps = Pick<UseCaseDeps, 'unitOfWork' | 'clock'>;

export async function setRole(deps: SetRoleDeps, username: string, role: UserRole): Promise<UserRecord> {
  const result = await deps.unitOfWork.run((tx) =>
    safeTry(async function* () {
      if ((yield* tx.lockUsers([username])).get(username) === undefined) return err(userNotFound(username));
      const updated = yield* tx.users.update(username, {
        role,
        moderatorStatus: role === 'MODERATOR' ? 'active' : 'none',
        updatedAt: deps.clock.now(),
      });
      return updated === null ? err(userNotFound(username)) : ok(updated);
    }),
  );
  if (result.isErr()) throw useCaseFailure(result.error);
  return result.value;
}

export const setRoleCommand: CommandDefinition = {
  name: 'set-role',
  summary: "Change a user's role (ADMIN, MODERATOR or REGULAR).",
  usage: '--username <name> --role <ADMIN|MODERATOR|REGULAR>',
  options: { username: { type: 'string' }, role: { type: 'string' } },
  run: async (context, options) => {
    const username = requiredText(options, 'username');
    const role = oneOf(options, 'role', ROLES);
    const user = await setRole((await context.runtime()).deps, username, role);
    context.io.out(`${user.username} is now ${user.role} (moderator status ${user.moderatorStatus}).`);
    return 0;
  },
};
