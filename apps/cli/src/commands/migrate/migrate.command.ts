// `pnpm cli migrate` (DB-3): the writer's job as a one-shot process, e.g. the compose `migrate` service before the
// API instances (STARTUP_WRITER=false) start. Concurrent runs wait on the advisory lock; a re-run applies nothing.
import { migrate } from '@socialpredict/persistence';
import { CommandFailure, type CommandDefinition } from '../../command.ts';

export const migrateCommand: CommandDefinition = {
  name: 'migrate',
  summary: 'Apply the pending database migrations (safe to run concurrently and repeatedly).',
  usage: '',
  options: {},
  run: async (context) => {
    const result = await migrate(await context.database());
    if (result.isErr()) throw new CommandFailure(`applying the migrations failed: ${result.error.message}`);
    const report = result.value;
    context.io.out(
      report.applied.length === 0
        ? `Database schema is up to date (${report.total} migration(s)).`
        : `Applied ${report.applied.length} of ${report.total} migration(s): ${report.applied.join(', ')}.`,
    );
    return 0;
  },
};
