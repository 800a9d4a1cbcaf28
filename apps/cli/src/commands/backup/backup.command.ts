// `pnpm cli backup --file <path>` (DEP-5): a `pg_dump -Fc` of the application database, restorable with
// `pnpm cli restore`. Production adds WAL archiving for point-in-time recovery; this is the nightly dump.
import { stat } from 'node:fs/promises';
import { CommandFailure, requiredText, type CommandDefinition } from '../../command.ts';
import { requirePostgres, runPgTool } from '../../runtime/pg-tools.ts';

export const backupCommand: CommandDefinition = {
  name: 'backup',
  summary: 'Dump the database with pg_dump in custom format (-Fc) to a file.',
  usage: '--file <path>',
  options: { file: { type: 'string' } },
  run: async (context, options) => {
    const file = requiredText(options, 'file');
    const connection = requirePostgres(context.config, 'backup');
    const started = Date.now();
    const run = await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`], context.env, connection);
    if (run.exitCode !== 0) throw new CommandFailure(`pg_dump exited with ${run.exitCode}: ${run.stderr || 'no message'}`);
    const { size } = await stat(file);
    context.io.out(`Backup written to ${file} (${size} bytes, ${Date.now() - started} ms).`);
    return 0;
  },
};
