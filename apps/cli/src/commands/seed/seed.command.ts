// `pnpm cli seed` (DB-4): the startup writer's seeding (the `admin` account, docs/api.md#user-creation) as its own step, for
// deployments whose API instances are not writers. Same code (@socialpredict/runtime) as the server's boot; idempotent.
import type { CommandDefinition } from '../../command.ts';

export const seedCommand: CommandDefinition = {
  name: 'seed',
  summary: 'Create the seeded accounts (admin, from ADMIN_PASSWORD) when missing; idempotent.',
  usage: '',
  options: {},
  run: async (context) => {
    const composition = await context.composition();
    await composition.seedStartupData(await context.runtime(), context.config, await context.logger());
    context.io.out('Seed data present.');
    return 0;
  },
};
