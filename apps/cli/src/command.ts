// The shape every subcommand shares: its usage line, its options (node:util parseArgs) and a `run` that gets the
// loaded configuration and lazily opened resources, and returns the exit code.
import type { ParseArgsOptionsConfig } from 'node:util';
import type { AppConfig, Env } from '@socialpredict/config';
import type { Database } from '@socialpredict/persistence';
import type { ApiBridge } from './commands/serve/api-bridge.ts';
import type { AppRuntime, CliLogger, RuntimeBridge } from './runtime/app-runtime.ts';

/**
 * sysexits.h codes, so scripts can tell a typo from a broken configuration from a failed operation; `busy`
 * (EX_TEMPFAIL): the embedded database is held by another process, try again once it stopped.
 */
export const EXIT = { ok: 0, failure: 1, usage: 64, busy: 75, config: 78 } as const;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** stderr is a terminal: progress is a bar redrawn in place there, plain lines otherwise (logs, pipes). */
  readonly terminal: boolean;
  /** Draws `text` over the status line of the terminal; `''` clears it. Only called when `terminal`. */
  status(text: string): void;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface CommandContext {
  config: AppConfig;
  /** the process environment, for child processes (pg_dump, cluster workers) */
  env: Env;
  io: CliIo;
  /** how this process names itself in the embedded database's lock file, e.g. `pnpm start` */
  holder: string;
  /** The application database alone (migrations, backups); opened on first use, closed when the command ends. */
  database(): Promise<Database>;
  /** The application's ports and use cases, as the API process builds them; opened on first use, closed at the end. */
  runtime(): Promise<AppRuntime>;
  /** Structured JSON logs (stderr for one-shot commands, whose report goes to stdout; stdout for services). */
  logger(): Promise<CliLogger>;
  /** The runtime package's entry points (composition, seeding, logger), loaded on first use. */
  composition(): Promise<RuntimeBridge>;
  /** The API's boot, loaded on first use; for `serve` only. */
  api(): Promise<ApiBridge>;
  /** Resolves on SIGTERM or SIGINT (a second one exits at once); for the long-running commands (serve, worker). */
  waitForStop(): Promise<NodeJS.Signals>;
  /** ERR-6: calls `listener` on every uncaught exception or unhandled rejection from now on, instead of crashing. */
  onFatalError(listener: (kind: string, error: unknown) => void): void;
}

export interface CommandDefinition {
  name: string;
  summary: string;
  /** arguments after the command name, e.g. `--username <name>` */
  usage: string;
  options: ParseArgsOptionsConfig;
  /** Commands that only print or talk to child processes still get a validated configuration. */
  run(context: CommandContext, options: OptionValues): Promise<number>;
}

/** A refusal the operator can fix by changing the command line: printed with the usage, exit 64. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An operation that ran and failed for a reason worth one line (no stack): exit 1. */
export class CommandFailure extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.failure) {
    super(message);
    this.name = 'CommandFailure';
    this.exitCode = exitCode;
  }
}

export function requiredText(options: OptionValues, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value.trim();
}

/** A safe integer option; `allowNegative` for adjustments. */
export function requiredInteger(options: OptionValues, name: string, { allowNegative = false } = {}): number {
  const raw = requiredText(options, name);
  const value = /^[+-]?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value === 0 || (!allowNegative && value < 0)) {
    throw new UsageError(`--${name} must be a ${allowNegative ? 'non-zero' : 'positive'} whole number (got ${JSON.stringify(raw)})`);
  }
  return value;
}

export function oneOf<T extends string>(options: OptionValues, name: string, allowed: readonly T[]): T {
  const value = requiredText(options, name).toUpperCase();
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}`);
  return value as T;
}
