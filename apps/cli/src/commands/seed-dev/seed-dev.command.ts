// `pnpm cli seed-dev` and `pnpm seed:dev` (CFG-7): the development fixtures (admin, testuser01 moderator, testuser02…10), created or
// reset, all with the development password. Refused outside the development and test profiles.
import { CommandFailure, EXIT, type CommandDefinition } from '../../command.ts';

export const seedDevCommand: CommandDefinition = {
  name: 'seed-dev',
  summary: 'Create or reset the development accounts (development and test profiles only).',
  usage: '',
  options: {},
  run: async (context) => {
    const { appEnv } = context.config;
    if (appEnv !== 'development' && appEnv !== 'test') {
      throw new CommandFailure(`seed-dev refuses to run with APP_ENV=${appEnv}; it is for development and test only`, EXIT.config);
    }
    const composition = await context.composition();
    const seeded = await composition.seedDevFixtures((await context.runtime()).deps);
    if (seeded.isErr()) throw new CommandFailure(seeded.error.message);
    for (const [username, outcome] of Object.entries(seeded.value)) context.io.out(`${username}: ${outcome}`);
    context.io.out(`All development accounts use the password "${composition.devPassword}".`);
    return 0;
  },
};
