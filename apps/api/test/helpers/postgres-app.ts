// The whole app on a fresh, migrated PostgreSQL database of its own (TST-3): Drizzle adapters, argon2id and HS256 as in
// production, the admin seeded by the startup path. The database comes from the run's test server (the global setup
// of packages/persistence: TEST_DATABASE_URL, Testcontainers, or the embedded PGlite).
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { AppConfig, Env } from '@socialpredict/config';
import type { AccountCache, MarketHistoryCache, UseCaseDeps } from '@socialpredict/domain';
import {
  checkLedgerIntegrity,
  drizzleJobRepositories,
  DrizzleUnitOfWork,
  drizzleRepositories,
  migrate,
  openDatabase,
  type Database,
  type IntegrityReport,
} from '@socialpredict/persistence';
import { createArgon2PasswordHasher, createJoseTokenIssuer } from '@socialpredict/adapters';
import { composeUseCases, createLogger, followUpEffects, globalReadModelsOn, seedAdmin, withSnapshotReaders } from '@socialpredict/runtime';
import { createEmptyDatabase } from '../../../../packages/persistence/test/support/postgres.harness.ts';
import { createAuthenticator } from '../../src/authenticator.ts';
import { createLifecycle } from '../../src/lifecycle.ts';
import { createServer } from '../../src/server.ts';
import { idleJobs, stubProbe } from './stub-deps.ts';
import { testConfig } from './test-config.ts';

export {
  createEmptyDatabase,
  describeOnFullServer,
  postgresAdminUrl,
  type TestDatabase as EmptyDatabase,
} from '../../../../packages/persistence/test/support/postgres.harness.ts';

export const ADMIN_BOOT_PASSWORD = 'Admin1BootPassword';

export interface PostgresApp {
  server: FastifyInstance;
  config: AppConfig;
  deps: UseCaseDeps;
  database: Database;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  integrity(): Promise<IntegrityReport>;
  close(): Promise<void>;
}

export interface InstanceOptions {
  /** authentication's account cache (docs/security.md#account-cache); none by default */
  accountCache?: AccountCache;
  /** display reads' market history cache (docs/performance.md#request-path-profile); none by default */
  marketHistoryCache?: MarketHistoryCache;
}

export async function createPostgresApp(env: Env = {}, options: InstanceOptions = {}): Promise<PostgresApp> {
  const empty = await createEmptyDatabase();
  const config = testConfig({ DATABASE_URL: empty.url, DB_POOL_MAX: '10', ...env });
  const database = await openDatabase(config.database);
  const migrated = await migrate(database);
  if (migrated.isErr()) throw new Error(migrated.error.message);
  const { deps, server } = await instanceOn(database, config, options);
  const seeded = await seedAdmin(deps, ADMIN_BOOT_PASSWORD);
  if (seeded.isErr()) throw seeded.error;

  return {
    server,
    config,
    deps,
    database,
    inject: (options) => server.inject(options),
    integrity: async () => {
      const report = await checkLedgerIntegrity(database, { maximumDebtAllowed: config.setup.economics.user.maximumDebtAllowed });
      if (report.isErr()) throw new Error(report.error.message);
      return report.value;
    },
    close: async () => {
      await server.close();
      await database.close();
      await empty.drop();
    },
  };
}

/** Another API instance on the same database and configuration (as a second pod behind the load balancer). */
export async function secondInstance(app: PostgresApp, options: InstanceOptions = {}): Promise<Pick<PostgresApp, 'inject'> & { close(): Promise<void> }> {
  const { server } = await instanceOn(app.database, app.config, options);
  return { inject: (injected) => server.inject(injected), close: () => server.close() };
}

async function instanceOn(database: Database, config: AppConfig, options: InstanceOptions): Promise<{ deps: UseCaseDeps; server: FastifyInstance }> {
  const deps: UseCaseDeps = {
    ...drizzleRepositories(database),
    unitOfWork: new DrizzleUnitOfWork(database),
    clock: { now: () => Date.now() },
    passwordHasher: await createArgon2PasswordHasher(),
    tokenIssuer: createJoseTokenIssuer({ signingKey: config.auth.jwtSigningKey, ttlSeconds: config.auth.jwtTtlSeconds }),
    random: { int: (max) => Math.floor(Math.random() * max) },
    economics: config.setup.economics,
    game: config.setup.game,
    probabilityPointsMax: config.api.probabilityPointsMax,
    shareSiteName: config.api.shareSiteName,
    ...(options.accountCache === undefined ? {} : { accountCache: options.accountCache }),
    ...(options.marketHistoryCache === undefined ? {} : { marketHistoryCache: options.marketHistoryCache }),
  };

  const { snapshots, idempotency } = drizzleJobRepositories(database);
  const logger = createLogger('silent');
  const useCases = withSnapshotReaders(
    composeUseCases(deps, followUpEffects(snapshots, deps.clock, idleJobs), logger),
    globalReadModelsOn(snapshots, deps, config.process, logger),
  );
  const lifecycle = createLifecycle();
  lifecycle.markReady();
  const server = await createServer(
    {
      config,
      lifecycle,
      probe: stubProbe({ database: 'postgres' }),
      authenticator: createAuthenticator(useCases.authenticate, useCases.getReportingVisibility),
      useCases,
      idempotency,
      clock: deps.clock,
      version: 'test',
    },
    false,
  );
  return { deps, server };
}
