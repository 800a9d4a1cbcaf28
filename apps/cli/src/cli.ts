// `pnpm cli <subcommand>` (CFG-6): parses the command line, loads the configuration once with the same loader as the
// server (a bad configuration exits 78 naming every bad key, CFG-2), runs the subcommand and closes what it opened.
// Every failure ends with a message on stderr and a non-zero exit code.
import { parseArgs } from 'node:util';
import { formatConfigIssues, loadConfig, type Env } from '@socialpredict/config';
import { DataDirectoryLocked, isOnDisk, openDatabase, type Database } from '@socialpredict/persistence';
import { COMMANDS, DEFAULT_COMMAND } from './commands/index.ts';
import { CommandFailure, EXIT, UsageError, type CliIo, type CommandContext, type CommandDefinition } from './command.ts';
import { loadApiBridge, type ApiBridge } from './commands/serve/api-bridge.ts';
import { loadRuntimeBridge, type AppRuntime, type CliLogger, type RuntimeBridge } from './runtime/app-runtime.ts';

export interface CliProcess {
  argv: readonly string[];
  env: Env;
  io: CliIo;
  /** where JSON logs go: stderr for one-shot commands, stdout for services */
  logStream(service: boolean): NodeJS.WritableStream;
  waitForStop(): Promise<NodeJS.Signals>;
  onFatalError(listener: (kind: string, error: unknown) => void): void;
}

const SERVICES = new Set(['serve', 'worker']);
/** Commands that only read; on PGlite even they need the data directory to themselves. */
const READ_ONLY = new Set(['integrity-check', 'verify-migrations']);

/** How the lock file of an embedded database names this process to the ones it refuses. */
function invocation(env: Env, command: string): string {
  // pnpm names the package script that started the CLI; `cli` itself says nothing more than the command does.
  const script = env.npm_lifecycle_event;
  return script !== undefined && script !== 'cli' ? `pnpm ${script}` : `pnpm cli ${command}`;
}

/** The refusal of DB-2: who holds the embedded database, and what the operator can do instead. */
function heldDatabaseMessage(command: string, held: DataDirectoryLocked, port: number): string {
  const api = `its HTTP API (http://localhost:${port}/docs)`;
  const advice = SERVICES.has(command)
    ? 'A second process cannot share it: stop that one first, or give this one its own PGLITE_DATA_DIR or a DATABASE_URL.'
    : READ_ONLY.has(command)
      ? `PGlite admits one process at a time, readers included: stop that one first, or read through ${api}.`
      : `Nothing was changed. Stop that process first, or make the change through ${api}.`;
  return [
    `${command} refused: ${held.message}.`,
    advice,
    `If no such process is running any more, delete ${held.lockFile}.`,
  ].join('\n');
}

export function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    'Usage: pnpm cli <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    `Without a command, "${DEFAULT_COMMAND}" runs. Settings come from the environment (see docs/configuration.md).`,
    'Run "pnpm cli <command> --help" for the options of one command.',
  ].join('\n');
}

function commandUsage(command: CommandDefinition): string {
  return `Usage: pnpm cli ${command.name}${command.usage === '' ? '' : ` ${command.usage}`}\n\n${command.summary}`;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

export async function runCli(cli: CliProcess): Promise<number> {
  const [first, ...rest] = cli.argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    cli.io.out(usage());
    return EXIT.ok;
  }
  const named = first !== undefined && !first.startsWith('-');
  const name = named ? first : DEFAULT_COMMAND;
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    cli.io.err(`Unknown command "${name}".\n\n${usage()}`);
    return EXIT.usage;
  }
  const args = named ? rest : cli.argv;

  let values: Record<string, string | boolean | undefined>;
  try {
    const parsed = parseArgs({
      args: [...args],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
      strict: true,
    });
    values = parsed.values as Record<string, string | boolean | undefined>;
  } catch (error) {
    cli.io.err(`${describe(error)}\n\n${commandUsage(command)}`);
    return EXIT.usage;
  }
  if (values.help === true) {
    cli.io.out(commandUsage(command));
    return EXIT.ok;
  }

  const loaded = loadConfig(cli.env);
  if (!loaded.ok) {
    cli.io.err(formatConfigIssues(loaded.issues));
    return EXIT.config;
  }
  const config = loaded.config;
  const holder = invocation(cli.env, command.name);
  // A one-shot command on memory:// would report changes made to a database that ends with it.
  const refuseThrowaway = () => {
    if (config.database.url === undefined && !isOnDisk(config.database.pgliteDataDir) && !SERVICES.has(command.name)) {
      throw new CommandFailure(
        `${command.name} needs a database that outlives it: PGLITE_DATA_DIR=${config.database.pgliteDataDir} is private to this process. Point PGLITE_DATA_DIR at the server's data directory, or set DATABASE_URL.`,
      );
    }
  };

  let database: Promise<Database> | undefined;
  let runtime: Promise<AppRuntime> | undefined;
  let logger: Promise<CliLogger> | undefined;
  let composition: Promise<RuntimeBridge> | undefined;
  let api: Promise<ApiBridge> | undefined;
  const context: CommandContext = {
    config,
    env: cli.env,
    io: cli.io,
    holder,
    waitForStop: cli.waitForStop,
    onFatalError: cli.onFatalError,
    composition: () => (composition ??= loadRuntimeBridge()),
    api: () => (api ??= loadApiBridge()),
    logger: () =>
      (logger ??= context.composition().then((bridge) => bridge.createLogger(config, cli.logStream(SERVICES.has(command.name))))),
    database: () => {
      refuseThrowaway();
      return (database ??= openDatabase(config.database, undefined, holder));
    },
    runtime: () => {
      refuseThrowaway();
      return (runtime ??= Promise.all([context.composition(), context.logger()]).then(([bridge, log]) => bridge.openRuntime(config, log, holder)));
    },
  };

  try {
    return await command.run(context, values);
  } catch (error) {
    if (error instanceof UsageError) {
      cli.io.err(`${error.message}\n\n${commandUsage(command)}`);
      return EXIT.usage;
    }
    if (error instanceof DataDirectoryLocked) {
      cli.io.err(heldDatabaseMessage(command.name, error, config.server.port));
      return EXIT.busy;
    }
    cli.io.err(`${command.name} failed: ${describe(error)}`);
    // Startup failures carry their LOG-5 event (startup.incompatibility, startup.migration_failed …); log it too.
    const event = (error as { event?: unknown }).event;
    if (typeof event === 'string' && logger !== undefined) (await logger).fatal({ event, err: error }, describe(error));
    return error instanceof CommandFailure ? error.exitCode : EXIT.failure;
  } finally {
    // Each resource that was opened is closed, whether the command succeeded or not.
    await Promise.allSettled([
      database?.then((opened) => opened.close()),
      runtime?.then((opened) => opened.close()),
    ]);
  }
}
