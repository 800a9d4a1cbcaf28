// DEP-5: scripts/db-drill.sh runs here, on the local server: it seeds, backs up, restores, verifies and compares,
// reports the RTO and leaves no database behind; a source whose books are broken fails the drill.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { adminGrantPostings, makeCreateMarket, makePlaceBet, makeRegisterUser, OPERATOR } from '@socialpredict/domain';
import { openDatabase } from '@socialpredict/persistence';
import { recordingJobs, recordingLogger, testContext, testRuntime } from './support/command-context.ts';
import { REPOSITORY_ROOT } from './support/cli-process.ts';
import { createTestDatabase, describeOnFullServer, postgresAdminUrl, type TestDatabase } from './support/postgres.harness.ts';

const DRILL_TIMEOUT_MS = 180_000;

function drill(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(REPOSITORY_ROOT, 'scripts/db-drill.sh'), ...args], {
      env: { PATH: process.env.PATH ?? '', DRILL_SERVER_URL: postgresAdminUrl() },
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

async function drillDatabases(): Promise<string[]> {
  const database = await openDatabase({ ...testContext({}).context.config.database, url: postgresAdminUrl(), poolMax: 1 });
  try {
    const session = await database.reserve();
    try {
      const rows = await session.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'sp_drill_%'`);
      return rows.map((row) => row.datname);
    } finally {
      await session.release();
    }
  } finally {
    await database.close();
  }
}

/** Users, a market with trades and an admin grant, written by the application's own use cases. */
async function seedTrades(url: string): Promise<void> {
  const { config } = testContext({ DATABASE_URL: url }).context;
  const database = await openDatabase({ ...config.database, poolMax: 2 });
  try {
    const { deps } = testRuntime(database, config, recordingJobs(), recordingLogger());
    for (const username of ['ann', 'ben']) {
      (await makeRegisterUser(deps)({ actor: OPERATOR, username }))._unsafeUnwrap();
    }
    (await deps.unitOfWork.run((tx) => tx.ledger.post(adminGrantPostings('ben', 300), { occurredAt: Date.now(), marketId: null })))._unsafeUnwrap();
    const market = (
      await makeCreateMarket(deps)({ username: 'ann', questionTitle: 'Drill market', description: '', resolutionDateTime: Date.now() + 86_400_000 })
    )._unsafeUnwrap();
    (await makePlaceBet(deps)({ username: 'ben', marketId: market.id, outcome: 'NO', amount: 25 }))._unsafeUnwrap();
  } finally {
    await database.close();
  }
}

describeOnFullServer('scripts/db-drill.sh', 'pg_dump, pg_restore and CREATE DATABASE on the server', () => {
  let source: TestDatabase | undefined;
  afterEach(async () => {
    await source?.drop();
    source = undefined;
  });

  it('seeds, backs up, restores and finds every table identical, then drops its databases', { timeout: DRILL_TIMEOUT_MS }, async () => {
    const run = await drill([]);
    expect(run.stderr).not.toContain('FAILED');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^drill passed: \d+ tables identical/m);
    expect(run.stdout).toMatch(/^RTO \(backup \+ restore \+ verify \+ integrity check\): \d+\.\d{3} s$/m);
    expect(await drillDatabases()).toEqual([]);
  });

  it('drills an existing database with markets and trades', { timeout: DRILL_TIMEOUT_MS }, async () => {
    source = await createTestDatabase();
    await seedTrades(source.url);
    const run = await drill(['--source-url', source.url]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('balances and ledger totals equal');
  });

  it('fails when the restored books do not pass the integrity check', { timeout: DRILL_TIMEOUT_MS }, async () => {
    source = await createTestDatabase();
    await seedTrades(source.url);
    const database = await source.open();
    const session = await database.reserve();
    try {
      await session.query(`UPDATE users SET account_balance = account_balance + 1 WHERE username = 'ann'`);
    } finally {
      await session.release();
    }
    const run = await drill(['--source-url', source.url]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('[drill] FAILED: integrity-check on the restored database');
    expect(await drillDatabases()).toEqual([]);
  });

  it('refuses unknown arguments with its usage', async () => {
    const run = await drill(['--frobnicate']);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('usage:');
  });
});
