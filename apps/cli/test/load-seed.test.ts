// TST-6 `load-seed` on PostgreSQL: its guards, the fixtures and CSV files it writes, sound books afterwards, and
// 1 000 users with 20 markets in well under a minute.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandFailure, EXIT, UsageError } from '../src/command.ts';
import { integrityCheckCommand } from '../src/commands/integrity-check/integrity-check.command.ts';
import { LOAD_GRANT, LOAD_PASSWORD, loadSeedCommand, loadSeedPlan } from '../src/commands/load-seed/load-seed.command.ts';
import { testContext, type TestContext } from './support/command-context.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.harness.ts';

describe('load-seed guards', () => {
  const refusal = async (env: Record<string, string>) => {
    const cli = testContext(env);
    try {
      return await loadSeedCommand.run(cli.context, {}).catch((error: unknown) => error);
    } finally {
      await cli.close();
    }
  };

  it('refuses unless LOAD_TEST_ENABLED=true', async () => {
    const failure = await refusal({ PGLITE_DATA_DIR: 'memory://' });
    expect(failure).toBeInstanceOf(CommandFailure);
    expect((failure as CommandFailure).exitCode).toBe(EXIT.config);
    expect((failure as Error).message).toContain('LOAD_TEST_ENABLED=true');
  });

  it('refuses production even with LOAD_TEST_ENABLED=true', async () => {
    const failure = await refusal({
      APP_ENV: 'production',
      LOAD_TEST_ENABLED: 'true',
      DATABASE_URL: 'postgres://app@127.0.0.1:5432/app',
      JWT_SIGNING_KEY: 'k'.repeat(40),
      CORS_ALLOW_ORIGINS: 'https://example.org',
      METRICS_AUTH_TOKEN: 'metrics-token',
    });
    expect((failure as Error).message).toContain('APP_ENV=production');
  });

  it('checks the plan before touching anything', () => {
    expect(loadSeedPlan({})).toEqual({ users: 1000, moderators: 10, markets: 20, hotMarkets: 2, bets: 0 });
    expect(() => loadSeedPlan({ users: '-5' })).toThrow(UsageError);
    expect(() => loadSeedPlan({ markets: '2', 'hot-markets': '3' })).toThrow(/cannot exceed/);
    expect(() => loadSeedPlan({ moderators: '0' })).toThrow(/moderator/);
  });
});

describe('load-seed on PostgreSQL', () => {
  let target: TestDatabase;
  let cli: TestContext;
  let folder: string;

  beforeEach(async () => {
    target = await createTestDatabase();
    cli = testContext({ DATABASE_URL: target.url, DB_POOL_MAX: '4', LOAD_TEST_ENABLED: 'true' });
    folder = await mkdtemp(join(tmpdir(), 'sp-load-'));
  });

  afterEach(async () => {
    await cli.close();
    await target.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('seeds accounts, markets and trades, writes the CSV files, and keeps the books sound', async () => {
    const options = { users: '12', moderators: '2', markets: '3', 'hot-markets': '1', bets: '40', out: folder };
    expect(await loadSeedCommand.run(cli.context, options)).toBe(0);
    const users = (await readFile(join(folder, 'users.csv'), 'utf8')).trim().split('\n');
    expect(users[0]).toBe('username,password,role');
    expect(users).toHaveLength(15);
    expect(users).toContain(`loadmod001,${LOAD_PASSWORD},MODERATOR`);
    const markets = (await readFile(join(folder, 'markets.csv'), 'utf8')).trim().split('\n');
    expect(markets.slice(1).map((line) => line.split(',')[2])).toEqual(['true', 'false', 'false']);

    // Not a terminal here: plain progress lines on stderr, per phase, ending at 100 %.
    expect(cli.err[0]).toBe('Seeding accounts: 0/14 (0 %, 0 s)');
    expect(cli.err.filter((line) => line.includes('(100 %'))).toEqual([
      expect.stringMatching(/^Seeding accounts: 14\/14 /),
      expect.stringMatching(/^Creating markets: 3\/3 /),
      expect.stringMatching(/^Placing trades: 40\/40 /),
    ]);

    const deps = await cli.deps();
    const trader = (await deps.users.findByUsername('loaduser00001'))._unsafeUnwrap();
    expect(trader?.accountBalance).toBeLessThanOrEqual(LOAD_GRANT);
    expect((await deps.bets.marketIdsWithRows())._unsafeUnwrap().length).toBeGreaterThan(0);
    expect(await integrityCheckCommand.run(cli.context, {})).toBe(0);

    // Seeding again keeps the accounts and adds markets; --reset starts from an empty schema.
    expect(await loadSeedCommand.run(cli.context, { ...options, bets: '0', reset: true })).toBe(0);
    expect((await deps.users.count())._unsafeUnwrap()).toBe(14);
  });

  it('draws a bar per phase on a terminal instead of printing progress lines', async () => {
    const terminal = testContext({ DATABASE_URL: target.url, DB_POOL_MAX: '4', LOAD_TEST_ENABLED: 'true' }, {}, { terminal: true });
    try {
      expect(await loadSeedCommand.run(terminal.context, { users: '5', moderators: '1', markets: '1', 'hot-markets': '0', out: folder })).toBe(0);
    } finally {
      await terminal.close();
    }
    expect(terminal.err).toEqual([]);
    expect(terminal.status).toContainEqual(expect.stringMatching(/^Seeding accounts \[#{24}\] 6\/6 100 % \d+ s$/));
    expect(terminal.status.filter((frame) => frame === '')).toHaveLength(3);
    expect(terminal.out).toContainEqual(expect.stringMatching(/^Seeded 6 accounts, 1 markets/));
  });

  it('seeds 1 000 users and 20 markets in under 60 s', { timeout: 90_000 }, async () => {
    const started = Date.now();
    expect(await loadSeedCommand.run(cli.context, { out: folder })).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(((await (await cli.deps()).users.count())._unsafeUnwrap())).toBe(1010);
  });
});
