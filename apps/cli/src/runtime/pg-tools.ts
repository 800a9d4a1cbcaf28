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
  stderr: string;
}

/** Runs a PostgreSQL client tool; a missing binary is a failure with a hint, not a crash. */
export function runPgTool(tool: string, args: readonly string[], env: Env, connection: PgConnection): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, {
      env: { ...env, ...libpqEnvironment(connection) },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new CommandFailure(`${tool} was not found on PATH; install the PostgreSQL client tools (postgresql-client)`)
          : error,
      );
    });
    child.on('close', (code, signal) => resolve({ exitCode: code ?? (signal === null ? 1 : 128), stderr: stderr.trim() }));
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
