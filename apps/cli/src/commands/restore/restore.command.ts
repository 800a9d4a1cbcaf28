// `pnpm cli restore --file <path> [--clean]` (DEP-5): pg_restore of a `backup` dump into the configured database,
// in one transaction, stopping at the first error. A database that already holds tables is refused unless
// `--clean` says to replace them, so a slip of DATABASE_URL cannot overwrite live data silently.
import { access } from 'node:fs/promises';
import { CommandFailure, requiredText, type CommandDefinition } from '../../command.ts';
import { startProgress } from '@socialpredict/adapters/progress';
import { libpqEnvironment, requirePostgres, runPgTool } from '../../runtime/pg-tools.ts';

async function userTableCount(context: Parameters<CommandDefinition['run']>[0]): Promise<number> {
  const session = await (await context.database()).reserve();
  try {
    const [row] = await session.query<{ tables: number | string }>(
      `SELECT count(*) AS tables FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    return Number(row?.tables ?? 0);
  } finally {
    await session.release();
  }
}

export const restoreCommand: CommandDefinition = {
  name: 'restore',
  summary: 'Restore a backup file into the database (an empty one, or any with --clean).',
  usage: '--file <path> [--clean]',
  options: { file: { type: 'string' }, clean: { type: 'boolean' } },
  run: async (context, options) => {
    const file = requiredText(options, 'file');
    const connection = requirePostgres(context.config, 'restore');
    await access(file).catch(() => {
      throw new CommandFailure(`backup file ${file} does not exist or cannot be read`);
    });
    const clean = options.clean === true;
    const tables = await userTableCount(context);
    if (tables > 0 && !clean) {
      throw new CommandFailure(`the target database already has ${tables} table(s); pass --clean to replace its contents`);
    }
    const started = Date.now();
    // The dump's table of contents has one TABLE DATA entry per table whose rows the restore loads.
    const contents = await runPgTool('pg_restore', ['--list', file], context.env, connection);
    if (contents.exitCode !== 0) throw new CommandFailure(`pg_restore --list exited with ${contents.exitCode}: ${contents.stderr || 'no message'}`);
    const progress = startProgress(context.io, 'Restoring tables', contents.stdout.split('\n').filter((line) => / TABLE DATA /.test(line)).length);
    // Without --dbname pg_restore would print the SQL instead; the name alone carries no credentials.
    const args = [`--dbname=${libpqEnvironment(connection).PGDATABASE}`, '--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--verbose', ...(clean ? ['--clean', '--if-exists'] : []), file];
    const run = await runPgTool('pg_restore', args, context.env, connection, (line) => {
      if (line.includes('processing data for table')) progress.tick();
    });
    progress.finish();
    if (run.exitCode !== 0) throw new CommandFailure(`pg_restore exited with ${run.exitCode}: ${run.stderr || 'no message'}`);
    context.io.out(`Restored ${file} (${Date.now() - started} ms).`);
    return 0;
  },
};
