// `pnpm cli backup --file <path>` (DEP-5): a `pg_dump -Fc` of the application database, restorable with
// `pnpm cli restore`. Production adds WAL archiving for point-in-time recovery; this is the nightly dump.
import { stat } from 'node:fs/promises';
import { CommandFailure, requiredText, type CommandContext, type CommandDefinition } from '../../command.ts';
import { startProgress } from '@socialpredict/adapters/progress';
import { requirePostgres, runPgTool } from '../../runtime/pg-tools.ts';

/** The tables whose rows pg_dump writes, one "dumping contents" line each (partitioned parents hold no rows). */
async function tableCount(context: CommandContext): Promise<number> {
  const session = await (await context.database()).reserve();
  try {
    const [row] = await session.query<{ tables: number | string }>(
      `SELECT count(*) AS tables FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'`,
    );
    return Number(row?.tables ?? 0);
  } finally {
    await session.release();
  }
}

export const backupCommand: CommandDefinition = {
  name: 'backup',
  summary: 'Dump the database with pg_dump in custom format (-Fc) to a file.',
  usage: '--file <path>',
  options: { file: { type: 'string' } },
  run: async (context, options) => {
    const file = requiredText(options, 'file');
    const connection = requirePostgres(context.config, 'backup');
    const started = Date.now();
    const progress = startProgress(context.io, 'Backing up tables', await tableCount(context));
    const args = ['--format=custom', '--no-owner', '--no-privileges', '--verbose', `--file=${file}`];
    const run = await runPgTool('pg_dump', args, context.env, connection, (line) => {
      if (line.includes('dumping contents of table')) progress.tick();
    });
    progress.finish();
    if (run.exitCode !== 0) throw new CommandFailure(`pg_dump exited with ${run.exitCode}: ${run.stderr || 'no message'}`);
    const { size } = await stat(file);
    context.io.out(`Backup written to ${file} (${size} bytes, ${Date.now() - started} ms).`);
    return 0;
  },
};
