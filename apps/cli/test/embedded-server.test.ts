// `pnpm start` on the embedded database, as a newcomer meets it: the README's "First requests" section run verbatim
// against a fresh server (so it cannot drift), the data directory's lock refusing other processes while the server
// runs (DB-2), and after a restart the kept signing key (old tokens still work) and a CLI write the server sees.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../src/command.ts';
import { REPOSITORY_ROOT } from './support/cli-process.ts';

const ENTRY = join(REPOSITORY_ROOT, 'apps/cli/src/main.ts');
const README_PORT = 'localhost:8080';
const tools = ['curl', 'jq', 'bash'].every((tool) => spawnSync(tool, ['--version']).status === 0);

/** The README section between its heading and the next one. */
function firstRequestsSection(): string {
  const readme = readFileSync(join(REPOSITORY_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## First requests\n');
  expect(start).toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(folder: string, port: number, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', ENTRY, ...args], { cwd: folder, env: serverEnv(port), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The zero-setup development profile of `pnpm start` (CFG-5), on a port of its own; load shedding is off, because a
 * busy test machine delays the event loop of a server that has just booted beyond its limit.
 */
function serverEnv(port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    BACKEND_PORT: String(port),
    LOG_LEVEL: 'warn',
    BACKEND_READINESS_DRAIN_SECONDS: '0',
    UNDER_PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
  };
}

interface Server {
  child: ChildProcess;
  stderr: () => string;
  stop(): Promise<number | null>;
}

async function startServer(folder: string, port: number): Promise<Server> {
  const child = spawn(process.execPath, ['--conditions=source', ENTRY, 'serve'], { cwd: folder, env: serverEnv(port), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let waited = 0; ; waited += 200) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.ok, () => false);
    if (ready) break;
    if (child.exitCode !== null || waited > 90_000) throw new Error(`the server did not become ready: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    child,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function login(port: number, username: string, password: string): Promise<{ status: number; token: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/v0/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { result?: { token: string } };
  return { status: response.status, token: body.result?.token ?? '' };
}

describe.skipIf(!tools)('pnpm start on the embedded database', () => {
  let folder: string;
  let port: number;
  let server: Server | undefined;
  const section = firstRequestsSection();
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  const newPassword = /NEW_PASSWORD='([^']+)'/.exec(section)?.[1] ?? '';

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'sp-embedded-'));
    port = await freePort();
    server = await startServer(folder, port);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  it('prints the generated admin password in a framed block and keeps it in the data directory, owner-only', async () => {
    const file = join(folder, 'data/pglite/initial-admin-password');
    const password = (await readFile(file, 'utf8')).trim();
    expect(server!.stderr()).toMatch(new RegExp(`={20,}\\n[^]*\\n {6}${password}\\n[^]*${file}[^]*\\n={20,}\\n`));
    for (const secret of [file, join(folder, 'data/pglite/jwt-signing.key')]) {
      expect(statSync(secret).mode & 0o777).toBe(0o600);
    }
  });

  it('answers every address the README section names', async () => {
    const prose = section.replaceAll(/```sh\n[\s\S]*?```/g, '');
    const links = [...prose.matchAll(/http:\/\/localhost:8080\/[\w./-]*/g)].map((match) => match[0]);
    expect(links).toContain('http://localhost:8080/docs');
    for (const link of new Set(links)) {
      const response = await fetch(link.replace(README_PORT, `127.0.0.1:${port}`));
      expect(response.status, link).toBe(200);
    }
  });

  it("runs the README's first requests verbatim, each answering the status written above it", async () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    const expected = blocks.flatMap((block) => [...block.matchAll(/^# (\d{3})\b/gm)].map((match) => Number(match[1])));
    expect(expected.length).toBe(blocks.join('\n').match(/\bcurl -s\b/g)?.length);
    const statuses = await mkdtemp(join(tmpdir(), 'sp-statuses-'));
    // Each curl also dumps its response headers to a file named by the time it ran; its output is untouched.
    const script = [
      'set -euo pipefail',
      'curl() { command curl -D "$STATUS_DIR/$(date +%s%N)" "$@"; }',
      ...blocks.map((block) => block.replaceAll(README_PORT, `127.0.0.1:${port}`)),
    ].join('\n');
    const run = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { cwd: folder, env: { PATH: process.env.PATH, STATUS_DIR: statuses }, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const files = (await readdir(statuses)).sort();
    const answered = await Promise.all(files.map(async (name) => Number(/^HTTP\/[\d.]+ (\d{3})/.exec(await readFile(join(statuses, name), 'utf8'))?.[1])));
    await rm(statuses, { recursive: true, force: true });
    expect(answered, run.stdout).toEqual(expected);
    expect(run.stdout).toContain('PASSWORD_CHANGE_REQUIRED');
    expect(run.stdout).toContain('INVALID_TOKEN');
  });

  it('refuses a CLI write, a read-only command and a second server while it runs, naming it, without touching the data', async () => {
    const lockFile = join(folder, 'data/pglite/socialpredict.lock');
    const holder = `\`pnpm cli serve\` (pid ${server!.child.pid})`;
    const write = await cli(folder, port, ['create-user', '--username', 'carol']);
    expect(write.code).toBe(EXIT.busy);
    expect(write.stdout).toBe('');
    expect(write.stderr).toContain(`create-user refused: the embedded database ${join(folder, 'data/pglite')} is in use by ${holder}`);
    expect(write.stderr).toContain(`make the change through its HTTP API (http://localhost:${port}/docs)`);
    expect(write.stderr).toContain(`delete ${lockFile}`);
    const read = await cli(folder, port, ['integrity-check']);
    expect(read.code).toBe(EXIT.busy);
    expect(read.stderr).toContain(`readers included: stop that one first`);
    const second = await cli(folder, await freePort(), ['serve']);
    expect(second.code).toBe(EXIT.busy);
    expect(second.stderr).toContain(`serve refused: the embedded database ${join(folder, 'data/pglite')} is in use by ${holder}`);
    expect(second.stderr).not.toContain('migrations.applied');
    expect((await fetch(`http://127.0.0.1:${port}/v0/userinfo/carol`)).status).toBe(404);
  });

  it('after a stop: a CLI write lands, and the restarted server sees it and still honours earlier tokens', async () => {
    const session = await login(port, 'admin', newPassword);
    expect(session.status).toBe(200);
    expect(await server!.stop()).toBe(0);
    server = undefined;
    expect(existsSync(join(folder, 'data/pglite/socialpredict.lock'))).toBe(false);

    const created = await cli(folder, port, ['create-user', '--username', 'carol']);
    expect(created.code).toBe(EXIT.ok);
    const oneTime = /One-time password: (\S+)/.exec(created.stdout)?.[1] ?? '';

    server = await startServer(folder, port);
    const profile = await fetch(`http://127.0.0.1:${port}/v0/privateprofile`, { headers: { Authorization: `Bearer ${session.token}` } });
    expect(profile.status).toBe(200);
    expect((await login(port, 'carol', oneTime)).status).toBe(200);
  }, 120_000);
});
