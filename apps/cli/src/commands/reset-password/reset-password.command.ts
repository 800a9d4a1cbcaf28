// `pnpm cli reset-password --username <name>`: the recovery path for a user (or the admin) who lost the password.
// A new generated password replaces the hash, older tokens stop working (password version + 1, http-api §2.2) and
// the user must change it at the next login (§2.5). The password is printed once, never taken from the command
// line (it would end up in shell history and the process list).
import { err, ok, safeTry } from 'neverthrow';
import { generatePassword, userNotFound, type UseCaseDeps } from '@socialpredict/domain';
import { requiredText, type CommandDefinition } from '../../command.ts';
import { useCaseFailure } from '../../use-case-failure.ts';

export type ResetPasswordDeps = Pick<UseCaseDeps, 'unitOfWork' | 'clock' | 'passwordHasher' | 'random'>;

export async function resetPassword(deps: ResetPasswordDeps, username: string): Promise<string> {
  const password = generatePassword(deps.random);
  const result = await deps.passwordHasher.hash(password).andThen((passwordHash) =>
    // The row lock orders this change after any password change in flight.
    deps.unitOfWork.run((tx) =>
      safeTry(async function* () {
        const user = (yield* tx.lockUsers([username])).get(username);
        if (user === undefined) return err(userNotFound(username));
        yield* tx.users.update(username, {
          passwordHash,
          passwordVersion: user.passwordVersion + 1,
          mustChangePassword: true,
          updatedAt: deps.clock.now(),
        });
        return ok(undefined);
      }),
    ),
  );
  if (result.isErr()) throw useCaseFailure(result.error);
  return password;
}

export const resetPasswordCommand: CommandDefinition = {
  name: 'reset-password',
  summary: "Replace a user's password with a generated one-time password (printed once); old sessions end.",
  usage: '--username <name>',
  options: { username: { type: 'string' } },
  run: async (context, options) => {
    const username = requiredText(options, 'username');
    const password = await resetPassword((await context.runtime()).deps, username);
    context.io.out(`Password of ${username} reset; it must be changed at the next login.`);
    context.io.out(`One-time password: ${password}`);
    return 0;
  },
};
