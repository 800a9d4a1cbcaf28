// A CommandContext for calling commands in-process: the configuration from a test environment, captured output,
// a recording logger, a recording job queue, and the application runtime built from the real Drizzle adapters with
// instant test doubles for hashing and randomness (argon2 would make every test slow), composed as the CLI does.
import { composeUseCases, followUpEffects } from '@socialpredict/runtime';
import { loadConfig, type Env } from '@socialpredict/config';
import type { UseCaseDeps } from '@socialpredict/domain';
import { drizzleJobRepositories, drizzleRepositories, DrizzleUnitOfWork, openDatabase, type Database } from '@socialpredict/persistence';
import { FakePasswordHasher, FakeTokenIssuer, SeededRandom } from '@socialpredict/adapters/fakes';
import type { CommandContext } from '../../src/command.ts';
import type { ApiBridge } from '../../src/commands/serve/api-bridge.ts';
import type { AppRuntime, CliLogger, RuntimeBridge } from '../../src/runtime/app-runtime.ts';
import { operatorRuntime, type JobProducer } from '../../src/runtime/operator-runtime.ts';

export interface LogLine {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

export function recordingLogger(): CliLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => void lines.push({ level, fields, message });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), fatal: at('fatal') };
}

/** A job queue that records each send as `<queue> <data>`; `failing` makes every send fail after recording it. */
export function recordingJobs(failing = false): JobProducer & { sent: string[] } {
  const sent: string[] = [];
  const send = async (job: string) => {
    sent.push(job);
    if (failing) throw new Error('queue unavailable');
    return null;
  };
  return {
    sent,
    requestReadModelRefresh: async () => (await send('readmodel.refresh')) !== null,
    enqueue: (queue, data = {}) => send(`${queue} ${JSON.stringify(data)}`),
    close: async () => undefined,
  };
}

export interface TestContext {
  context: CommandContext;
  out: string[];
  err: string[];
  /** the frames drawn over the terminal's status line (with `terminal: true`) */
  status: string[];
  logger: ReturnType<typeof recordingLogger>;
  /** what the runtime's write follow-ups sent to the job queue */
  jobs: ReturnType<typeof recordingJobs>;
  /** the runtime's ports, once a command opened it */
  deps(): Promise<UseCaseDeps>;
  close(): Promise<void>;
}

export function testRuntime(database: Database, config: CommandContext['config'], jobs: JobProducer, logger: CliLogger): AppRuntime {
  const clock = { now: () => Date.now() };
  const deps: UseCaseDeps = {
    ...drizzleRepositories(database),
    unitOfWork: new DrizzleUnitOfWork(database),
    clock,
    passwordHasher: new FakePasswordHasher(),
    tokenIssuer: new FakeTokenIssuer(),
    random: new SeededRandom(11),
    economics: config.setup.economics,
    game: config.setup.game,
    probabilityPointsMax: config.api.probabilityPointsMax,
  };
  return operatorRuntime({ database, deps, clock, snapshots: drizzleJobRepositories(database).snapshots }, jobs, { composeUseCases, followUpEffects }, logger);
}

/** `bridges`: fakes of the runtime package's and the API's entry points the command under test calls. */
/** `terminal`: behave as if stderr were a terminal, so progress draws bars instead of printing lines. */
export function testContext(env: Env, bridges: Partial<RuntimeBridge & ApiBridge> = {}, options: { failingJobs?: boolean; terminal?: boolean } = {}): TestContext {
  const loaded = loadConfig({ APP_ENV: 'test', ...env });
  if (!loaded.ok) throw new Error(`test configuration rejected: ${JSON.stringify(loaded.issues)}`);
  const config = loaded.config;
  const out: string[] = [];
  const err: string[] = [];
  const status: string[] = [];
  const logger = recordingLogger();
  const jobs = recordingJobs(options.failingJobs);
  let database: Promise<Database> | undefined;
  let runtime: Promise<AppRuntime> | undefined;
  const context: CommandContext = {
    config,
    env: { PATH: process.env.PATH, ...env },
    holder: 'pnpm cli test',
    io: {
      out: (line) => void out.push(line),
      err: (line) => void err.push(line),
      terminal: options.terminal === true,
      status: (text) => void status.push(text),
    },
    database: () => (database ??= openDatabase(config.database)),
    runtime: () => (runtime ??= openDatabase(config.database).then((opened) => testRuntime(opened, config, jobs, logger))),
    logger: async () => logger,
    composition: async () => bridges as RuntimeBridge,
    api: async () => bridges as ApiBridge,
    waitForStop: () => new Promise(() => undefined),
    onFatalError: () => undefined,
  };
  return {
    context,
    out,
    err,
    status,
    logger,
    jobs,
    deps: async () => (await context.runtime()).deps,
    close: async () => {
      await Promise.allSettled([database?.then((opened) => opened.close()), runtime?.then((opened) => opened.close())]);
    },
  };
}
