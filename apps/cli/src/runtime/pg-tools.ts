// pg_dump / pg_restore as child processes. Connection settings travel as libpq environment variables rather than a
// URL argument, so the password never shows in the process list.
import { spawn } from 'node:child_process';
import type { Env } from '@socialpredict/config';
import { CommandFailure } from '../command.ts';

export interface PgConnection {
  url: string;
  requireTls: boolean;
}

export function libpqEnvironment(connection: PgConnection): Record<string, string> {
  const url = new URL(connection.url);
  const variables: Record<string, string> = {
    PGHOST: decodeURIComponent(url.hostname) || 'localhost',
    PGPORT: url.port || '5432',
    PGDATABASE: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres',
  };
  if (url.username !== '') variables.PGUSER = decodeURIComponent(url.username);
  if (url.password !== '') variables.PGPASSWORD = decodeURIComponent(url.password);
  const sslmode = url.searchParams.get('sslmode') ?? (connection.requireTls ? 'require' : null);
  if (sslmode !== null) variables.PGSSLMODE = sslmode;
  return variables;
}

export interface ToolRun {
  exitCode: number;
  /** what the tool printed (pg_restore --list); dumps and restores go to their file or database instead */
  stdout: string;
  stderr: string;
}

/**
 * Runs a PostgreSQL client tool; a missing binary is a failure with a hint, not a crash. With `onVerbose`, the tool's
 * `--verbose` chatter (`pg_dump: dumping contents of table …`) goes there line by line, and only its errors,
 * warnings and their detail lines are kept for the failure message.
 */
export function runPgTool(
  tool: string,
  args: readonly string[],
  env: Env,
  connection: PgConnection,
  onVerbose?: (line: string) => void,
): Promise<ToolRun> {
  const chatter = new RegExp(`^${tool}: (?!(error|warning|detail|hint):)`, 'i');
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, {
      env: { ...env, ...libpqEnvironment(connection) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let partial = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (onVerbose !== undefined && chatter.test(line)) onVerbose(line);
        else stderr += `${line}\n`;
      }
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new CommandFailure(`${tool} was not found on PATH; install the PostgreSQL client tools (postgresql-client)`)
          : error,
      );
    });
    child.on('close', (code, signal) => resolve({ exitCode: code ?? (signal === null ? 1 : 128), stdout, stderr: `${stderr}${partial}`.trim() }));
  });
}

/** The PostgreSQL connection of the configuration; PGlite has no server for the client tools to talk to. */
export function requirePostgres(config: { database: { url: string | undefined; requireTls: boolean } }, what: string): PgConnection {
  if (config.database.url === undefined) {
    throw new CommandFailure(
      `${what} needs PostgreSQL (DATABASE_URL); with embedded PGlite, stop the server and copy the PGLITE_DATA_DIR folder instead`,
    );
  }
  return { url: config.database.url, requireTls: config.database.requireTls };
}
