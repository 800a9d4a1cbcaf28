// The commands that hand over to the runtime and API packages (serve, seed, seed-dev) and the job worker: their wiring, their
// refusals, and a worker that consumes on PostgreSQL until it is told to stop.
import { okAsync } from 'neverthrow';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandFailure, EXIT } from '../src/command.ts';
import { seedDevCommand } from '../src/commands/seed-dev/seed-dev.command.ts';
import { seedCommand } from '../src/commands/seed/seed.command.ts';
import { serveCommand } from '../src/commands/serve/serve.command.ts';
import { workerCommand } from '../src/commands/worker/worker.command.ts';
import { testContext, type TestContext } from './support/command-context.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.harness.ts';

const STAGING = {
  APP_ENV: 'staging',
  DATABASE_URL: 'postgres://app@127.0.0.1:5432/app',
  JWT_SIGNING_KEY: 'k'.repeat(40),
  CORS_ALLOW_ORIGINS: 'https://example.org',
  METRICS_AUTH_TOKEN: 'metrics-token',
  DB_REQUIRE_TLS: 'false',
};

describe('serve, seed and seed-dev', () => {
  const contexts: TestContext[] = [];
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((cli) => cli.close()));
  });
  const track = (cli: TestContext) => (contexts.push(cli), cli);

  it('serve starts the API, waits for a stop signal and returns the shutdown exit code', async () => {
    const steps: string[] = [];
    const cli = track(
      testContext({ PGLITE_DATA_DIR: 'memory://' }, {
        startApi: async () => {
          steps.push('started');
          return { markFatal: () => steps.push('fatal'), shutdown: async () => (steps.push('stopped'), 0) };
        },
      }),
    );
    cli.context.waitForStop = async () => (steps.push('signal'), 'SIGTERM');
    expect(await serveCommand.run(cli.context, {})).toBe(0);
    expect(steps).toEqual(['started', 'signal', 'stopped']);
  });

  it('serve marks the API fatal on an uncaught error, drains it and exits 1 (ERR-6)', async () => {
    const steps: string[] = [];
    let reportFatal: (kind: string, error: unknown) => void = () => undefined;
    const cli = track(
      testContext({ PGLITE_DATA_DIR: 'memory://' }, {
        startApi: async () => ({ markFatal: () => steps.push('fatal'), shutdown: async () => (steps.push('stopped'), 0) }),
      }),
    );
    cli.context.onFatalError = (listener) => void (reportFatal = listener);
    cli.context.waitForStop = () => new Promise(() => undefined);
    const served = serveCommand.run(cli.context, {});
    await new Promise((resolve) => setTimeout(resolve, 10));
    reportFatal('uncaughtException', new Error('boom'));
    expect(await served).toBe(EXIT.failure);
    expect(steps).toEqual(['fatal', 'stopped']);
    expect(cli.logger.lines).toContainEqual(expect.objectContaining({ level: 'fatal', fields: expect.objectContaining({ event: 'process.fatal' }) }));
  });

  it('serve fails when the API cannot start', async () => {
    const cli = track(
      testContext({ PGLITE_DATA_DIR: 'memory://' }, {
        isSeedConfigurationProblem: () => false,
        startApi: async () => {
          throw new Error('the database schema is not the one this build expects');
        },
      }),
    );
    await expect(serveCommand.run(cli.context, {})).rejects.toThrow(/schema is not the one/);
  });

  it('serve exits 78 when the seed rejects the configuration (CFG-2)', async () => {
    const rejected = new Error('ADMIN_PASSWORD breaks the password policy: too short');
    const cli = track(
      testContext({ PGLITE_DATA_DIR: 'memory://' }, {
        isSeedConfigurationProblem: (error) => error === rejected,
        startApi: async () => {
          throw rejected;
        },
      }),
    );
    const failure = await serveCommand.run(cli.context, {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommandFailure);
    expect((failure as CommandFailure).exitCode).toBe(EXIT.config);
    expect((failure as Error).message).toContain('ADMIN_PASSWORD');
  });

  it('seed runs the startup seeding on the runtime', async () => {
    let seeded = false;
    const cli = track(
      testContext({ PGLITE_DATA_DIR: 'memory://' }, {
        seedStartupData: async () => {
          seeded = true;
        },
      }),
    );
    expect(await seedCommand.run(cli.context, {})).toBe(0);
    expect(seeded).toBe(true);
    expect(cli.out).toEqual(['Seed data present.']);
  });

  it('seed-dev reports each account and the shared password', async () => {
    const cli = track(
      testContext({ PGLITE_DATA_DIR: 'memory://' }, {
        seedDevFixtures: () => okAsync({ admin: 'created', testuser01: 'reset' }),
        devPassword: 'password',
      }),
    );
    expect(await seedDevCommand.run(cli.context, {})).toBe(0);
    expect(cli.out).toEqual(['admin: created', 'testuser01: reset', 'All development accounts use the password "password".']);
  });

  it('seed-dev refuses under staging with exit 78', async () => {
    const cli = track(testContext(STAGING));
    const failure = await seedDevCommand.run(cli.context, {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommandFailure);
    expect((failure as CommandFailure).exitCode).toBe(EXIT.config);
    expect((failure as Error).message).toContain('APP_ENV=staging');
  });

  it('worker refuses embedded PGlite', async () => {
    const cli = track(testContext({ PGLITE_DATA_DIR: 'memory://' }));
    await expect(workerCommand.run(cli.context, {})).rejects.toThrow(/worker needs PostgreSQL/);
  });
});

describe('worker on PostgreSQL', () => {
  let target: TestDatabase | undefined;
  let cli: TestContext | undefined;
  afterEach(async () => {
    await cli?.close();
    await target?.drop();
  });

  it('registers the job schedules, consumes until SIGTERM and stops gracefully', async () => {
    target = await createTestDatabase();
    cli = testContext({ DATABASE_URL: target.url, DB_POOL_MAX: '4', BACKEND_SHUTDOWN_TIMEOUT_SECONDS: '2' });
    let stop: (signal: NodeJS.Signals) => void = () => undefined;
    cli.context.waitForStop = () => new Promise((resolve) => (stop = resolve));
    const running = workerCommand.run(cli.context, {});

    await expect.poll(() => cli!.logger.lines.some((line) => line.fields.event === 'jobs.started'), { timeout: 20_000 }).toBe(true);
    const session = await (await cli.context.database()).reserve();
    try {
      const schedules = await session.query<{ name: string }>('SELECT DISTINCT name FROM pgboss.schedule ORDER BY name');
      expect(schedules.map((row) => row.name)).toEqual(['idempotency.cleanup', 'ledger.integrity', 'market.close', 'readmodel.refresh']);
    } finally {
      await session.release();
    }
    stop('SIGTERM');
    expect(await running).toBe(0);
    expect(cli.logger.lines.map((line) => line.fields.event)).toEqual(expect.arrayContaining(['shutdown.begin', 'jobs.stopped', 'shutdown.done']));
  });
});
