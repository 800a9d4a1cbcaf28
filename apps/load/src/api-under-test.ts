// The API as the harness measures it: the real `serve` path (`node apps/cli/src/main.ts serve`), as a process group of
// its own (so the CPU of a cluster's workers is counted and one signal reaches them all), on a database the harness
// created, migrated and seeded with `pnpm cli load-seed` (docs/performance.md#bench-load).
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI_ENTRY = join(ROOT, 'apps/cli/src/main.ts');
export const LOAD_PASSWORD = 'LoadTest2026';
const SIGNING_KEY = 'bench-load-signing-key-0123456789abcdef';

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/** The settings every process of the harness shares: the API is measured, not shed or rate-limited. */
function apiEnv(databaseUrl: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    APP_ENV: 'test',
    DATABASE_URL: databaseUrl,
    LOAD_TEST_ENABLED: 'true',
    RATE_LIMIT_ENABLED: 'false',
    UNDER_PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    JWT_SIGNING_KEY: SIGNING_KEY,
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** `pnpm cli <args>` to completion; throws with its output when it fails. */
export function runCli(args: readonly string[], databaseUrl: string, onStderr: (chunk: string) => void = () => undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', CLI_ENTRY, ...args], {
      cwd: ROOT,
      env: apiEnv(databaseUrl, { LOG_LEVEL: 'warn' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      onStderr(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`cli ${args.join(' ')} exited ${code}:\n${output}`))));
  });
}

export interface SeededFixture {
  /** the REGULAR accounts, in users.csv order */
  traders: string[];
  markets: { id: number; hot: boolean }[];
}

export async function readFixture(folder: string): Promise<SeededFixture> {
  const lines = async (file: string) => (await readFile(join(folder, file), 'utf8')).trim().split('\n').slice(1);
  const traders = (await lines('users.csv')).map((line) => line.split(',')).filter((cells) => cells[2] === 'REGULAR').map((cells) => cells[0] ?? '');
  const markets = (await lines('markets.csv')).map((line) => {
    const cells = line.split(',');
    return { id: Number(cells[0]), hot: cells.at(-1) === 'true' };
  });
  return { traders, markets };
}

export interface RunningApi {
  baseUrl: string;
  /** the process group id (the primary's pid) */
  pid: number;
  /** SIGTERM to the whole group, as an orchestrator stops a container; resolves with the exit code */
  stop(): Promise<number | null>;
}

async function answers(url: string): Promise<number> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** `profileDir`: V8 CPU profiles of the primary and every worker, written there when they exit. */
export async function startApi(databaseUrl: string, logFile: string, extra: Record<string, string> = {}, profileDir?: string): Promise<RunningApi> {
  const port = await freePort();
  const log = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    const profiling = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
    child = spawn(process.execPath, ['--conditions=source', ...profiling, CLI_ENTRY, 'serve'], {
      cwd: ROOT,
      env: apiEnv(databaseUrl, { HOST: '127.0.0.1', BACKEND_PORT: String(port), ...extra }),
      // the logs go to a file: piping them through the harness would bill their cost to the load generator
      stdio: ['ignore', log, log],
      detached: true,
    });
  } finally {
    closeSync(log);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('serve did not start');
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve((exitCode = code))));
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while ((await answers(`${baseUrl}/readyz`)) !== 200) {
    if (exitCode !== undefined) throw new Error(`serve exited ${exitCode} before it was ready; see ${logFile}`);
    if (Date.now() - started > 120_000) {
      process.kill(-pid, 'SIGKILL');
      throw new Error(`serve was not ready within 120 s; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    pid,
    stop: async () => {
      if (exitCode === undefined) process.kill(-pid, 'SIGTERM');
      return exited;
    },
  };
}

/** Logs the traders in over HTTP (the real argon2 check), before any measurement starts. */
export async function login(baseUrl: string, usernames: readonly string[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const username of usernames) {
    const response = await fetch(`${baseUrl}/v0/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: LOAD_PASSWORD }),
    });
    const body = (await response.json()) as { result?: { token?: string } };
    const token = body.result?.token;
    if (response.status !== 200 || token === undefined) throw new Error(`login of ${username} failed: ${response.status} ${JSON.stringify(body)}`);
    tokens.set(username, token);
  }
  return tokens;
}
