// `pnpm cli verify-migrations` (DB-3): what a non-writer checks before serving, as a command for the release
// procedure and the restore drill: every journal entry applied and none edited since. Changes nothing.
import { verifyMigrations } from '@socialpredict/persistence';
import { CommandFailure, type CommandDefinition } from '../../command.ts';

export const verifyMigrationsCommand: CommandDefinition = {
  name: 'verify-migrations',
  summary: 'Check that every migration is applied and unchanged; exit 1 otherwise.',
  usage: '',
  options: {},
  run: async (context) => {
    const result = await verifyMigrations(await context.database());
    if (result.isErr()) {
      const problem = result.error;
      if (problem.code === 'INFRASTRUCTURE_ERROR') throw new CommandFailure(`reading the migration state failed: ${problem.message}`);
      const parts = [
        problem.missing.length > 0 ? `not applied: ${problem.missing.join(', ')}` : '',
        problem.changed.length > 0 ? `edited after being applied: ${problem.changed.join(', ')}` : '',
      ].filter((part) => part !== '');
      throw new CommandFailure(`the database schema does not match this build (${parts.join('; ')})`);
    }
    context.io.out('Every migration is applied and unchanged.');
    return 0;
  },
};
