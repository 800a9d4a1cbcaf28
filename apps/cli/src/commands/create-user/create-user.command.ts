// `pnpm cli create-user --username <name>` (http-api §2.7): the admin createuser use case, run by the operator. The
// generated password is printed once on stdout and never logged; the user must change it at first login.
import { makeRegisterUser, type RegisterUserOutput, type UseCaseDeps } from '@socialpredict/domain';
import { requiredText, type CommandDefinition } from '../../command.ts';
import { markGlobalReadModelsStale } from '../../runtime/read-model-marks.ts';
import { useCaseFailure } from '../../use-case-failure.ts';

/** The operator acts with administrator rights; the use case checks nothing else about the actor. */
export const OPERATOR = { username: 'cli', role: 'ADMIN' } as const;

export type CreateUserDeps = Pick<UseCaseDeps, 'users' | 'unitOfWork' | 'clock' | 'passwordHasher' | 'random' | 'economics'>;

export async function createUser(deps: CreateUserDeps, username: string): Promise<RegisterUserOutput> {
  const result = await makeRegisterUser(deps)({ actor: OPERATOR, username });
  if (result.isErr()) throw useCaseFailure(result.error);
  return result.value;
}

export const createUserCommand: CommandDefinition = {
  name: 'create-user',
  summary: 'Create a REGULAR user with a generated one-time password (printed once).',
  usage: '--username <name>',
  options: { username: { type: 'string' } },
  run: async (context, options) => {
    const username = requiredText(options, 'username');
    const runtime = await context.runtime();
    const created = await createUser(runtime.deps, username);
    // A new account changes the money created, not the leaderboard.
    await markGlobalReadModelsStale(runtime, ['system_metrics']);
    context.io.out(`Created ${created.username} (${created.role}, display name "${created.displayName}").`);
    context.io.out(`One-time password: ${created.password}`);
    return 0;
  },
};
