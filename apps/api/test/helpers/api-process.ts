// For tests that boot the whole API: `pnpm start` as a real process (the CLI's `serve` with its signal handling; a
// free port of its own, only the environment the test gives, its exit observable), or startApi in-process with a
// logger that keeps the event names.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@socialpredict/runtime';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
/** The one entry of `pnpm start` and every operator command. */
export const CLI_ENTRY = fileURLToPath(new URL('../../../cli/src/main.ts', import.meta.url));

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** ms since the process was spawned */
  at: number;
}

export interface ApiProcess {
  baseUrl: string;
  /** resolves when the process has exited */
  exited: Promise<Exit>;
  signal(signal: NodeJS.Signals): void;
  /** the signal to the whole process group (only with `processGroup`), as a container runtime delivers it */
  signalGroup(signal: NodeJS.Signals): void;
  /** everything written to stdout and stderr so far (JSON log lines) */
  output(): string;
  /** the `event` fields of the complete log lines so far */
  events(): string[];
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/** Spawns the API and resolves once `/readyz` answers 200; rejects with the output when it exits first. */
export async function startApiProcess(env: Record<string, string>, readyWithinMs = 60_000, processGroup = false): Promise<ApiProcess> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, ['--conditions=source', CLI_ENTRY, 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      APP_ENV: 'test',
      HOST: '127.0.0.1',
      BACKEND_PORT: String(port),
      LOG_LEVEL: 'info',
      // As in testConfig(): a loaded test machine must not have requests shed or limited.
      RATE_LIMIT_ENABLED: 'false',
      UNDER_PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // a group of its own, led by the process: the test can signal it and its cluster workers at once
    detached: processGroup,
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (output += chunk));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() - started })));
  const api: ApiProcess = {
    baseUrl: `http://127.0.0.1:${port}`,
    exited,
    signal: (signal) => void child.kill(signal),
    signalGroup: (signal) => {
      if (!processGroup || child.pid === undefined) throw new Error('the API was not started as a process group');
      process.kill(-child.pid, signal);
    },
    output: () => output,
    events: () =>
      output
        .split('\n')
        // the last piece is an unfinished line, or empty
        .slice(0, -1)
        .filter((line) => line.startsWith('{'))
        .map((line) => (JSON.parse(line) as { event?: string }).event ?? ''),
  };

  let gone = false;
  void exited.then(() => (gone = true));
  while (!gone) {
    if (Date.now() - started > readyWithinMs) {
      child.kill('SIGKILL');
      throw new Error(`the API did not become ready within ${readyWithinMs} ms:\n${output}`);
    }
    if ((await status(api, '/readyz')) === 200) return api;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the API exited before becoming ready (${JSON.stringify(await exited)}):\n${output}`);
}

/** An operator command (`pnpm cli …`) as a process of its own, with the test profile and the given environment. */
export function runCli(args: readonly string[], env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', CLI_ENTRY, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', APP_ENV: 'test', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The status code of a GET, or 0 when no answer came (connection refused or reset). */
export async function status(api: Pick<ApiProcess, 'baseUrl'>, path: string): Promise<number> {
  try {
    const response = await fetch(`${api.baseUrl}${path}`, { signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** Polls `path` until it answers `expected`; rejects after `withinMs`. */
export async function untilStatus(api: Pick<ApiProcess, 'baseUrl'>, path: string, expected: number, withinMs: number): Promise<void> {
  for (const started = Date.now(); (await status(api, path)) !== expected; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() - started > withinMs) throw new Error(`${path} did not answer ${expected} within ${withinMs} ms`);
  }
}

export function recordedLogger() {
  const events: string[] = [];
  const logger = createLogger('info', {
    write: (line: string) => {
      const event = (JSON.parse(line) as { event?: unknown }).event;
      if (typeof event === 'string') events.push(event);
    },
  });
  return { logger, events };
}
