// DEP-6: scripts/release-gate.sh against a local HTTP instance that becomes ready after a while, one that never
// does, and a bad command line.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './support/cli-process.ts';

function gate(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(REPOSITORY_ROOT, 'scripts/release-gate.sh'), ...args], {
      env: { PATH: process.env.PATH ?? '', RELEASE_GATE_INTERVAL_SECONDS: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Answers the probes like the API: /readyz is 503 until `readyAfter` readiness probes have been answered. */
async function instance(readyAfter: number): Promise<{ server: Server; url: string }> {
  let readinessProbes = 0;
  const server = createServer((request, response) => {
    if (request.url === '/health') return void response.writeHead(200).end('live');
    if (request.url === '/readyz') {
      readinessProbes += 1;
      return readinessProbes > readyAfter ? void response.writeHead(200).end('ready') : void response.writeHead(503).end('not ready');
    }
    if (request.url === '/ops/status') return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"live":true}');
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('scripts/release-gate.sh', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  it('passes once the instance is live and ready, printing /ops/status for the record', async () => {
    const started = await instance(2);
    server = started.server;
    const run = await gate([started.url], { RELEASE_GATE_TIMEOUT_SECONDS: '20' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('attempt 1: /health=live /readyz=not ready');
    expect(run.stdout).toContain('attempt 3: /health=live /readyz=ready');
    expect(run.stdout).toContain('/ops/status (informational): {"live":true}');
    expect(run.stdout).toContain('PASSED');
  });

  it('fails when the instance is not ready within the budget', async () => {
    const started = await instance(Number.MAX_SAFE_INTEGER);
    server = started.server;
    const run = await gate([started.url], { RELEASE_GATE_TIMEOUT_SECONDS: '2' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('FAILED');
  });

  it('fails when nothing answers at all', async () => {
    const run = await gate(['http://127.0.0.1:1'], { RELEASE_GATE_TIMEOUT_SECONDS: '1' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('/health=no answer');
  });

  it('refuses a missing or malformed URL with exit 64', async () => {
    expect((await gate([])).code).toBe(64);
    expect((await gate(['api.example.org'])).code).toBe(64);
  });
});
