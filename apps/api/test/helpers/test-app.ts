// The whole HTTP adapter over the in-memory fakes: fast inject tests with real use cases, real JWTs and the
// startup seeding; argon2 is replaced by the fake hasher to keep each login instant.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Logger } from 'pino';
import type { AppConfig, Env } from '@socialpredict/config';
import type { IdempotencyStore, UseCaseDeps } from '@socialpredict/domain';
import { createMemoryPorts, memoryJobRepositories, type MemoryPorts } from '@socialpredict/persistence/memory';
import { createJoseTokenIssuer } from '@socialpredict/adapters';
import { composeUseCases, createLogger, ensureAccount, followUpEffects, globalReadModelsOn, withSnapshotReaders, type AppUseCases, type FollowUpJobs, type OpsProbe } from '@socialpredict/runtime';
import { createAuthenticator } from '../../src/authenticator.ts';
import { createLifecycle, type Lifecycle } from '../../src/lifecycle.ts';
import { createServer } from '../../src/server.ts';
import { idleJobs, stubProbe } from './stub-deps.ts';
import { testConfig } from './test-config.ts';

/** 2026-03-01T12:00:00.000Z */
export const TEST_NOW = Date.UTC(2026, 2, 1, 12);
export const STRONG_PASSWORD = 'Sturdy4Password';

export interface TestApp {
  server: FastifyInstance;
  ports: MemoryPorts;
  deps: UseCaseDeps;
  useCases: AppUseCases;
  idempotency: IdempotencyStore;
  config: AppConfig;
  lifecycle: Lifecycle;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Creates a user straight through the seeding path (no HTTP) and returns a token for it. */
  user(
    username: string,
    options?: { role?: 'ADMIN' | 'REGULAR' | 'MODERATOR'; suspended?: boolean; mustChangePassword?: boolean; password?: string },
  ): Promise<string>;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  probe?: OpsProbe;
  /** where the write follow-ups go; by default they are taken and dropped */
  jobs?: FollowUpJobs;
  logger?: Logger;
}

export async function createTestApp(env: Env = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const config = testConfig(env);
  const ports = createMemoryPorts({ now: TEST_NOW });
  const tokenIssuer = createJoseTokenIssuer({
    signingKey: config.auth.jwtSigningKey,
    ttlSeconds: config.auth.jwtTtlSeconds,
    now: () => ports.clock.now(),
  });
  const deps: UseCaseDeps = {
    ...ports,
    tokenIssuer,
    economics: config.setup.economics,
    game: config.setup.game,
    probabilityPointsMax: config.api.probabilityPointsMax,
    shareSiteName: config.api.shareSiteName,
  };
  const { snapshots, idempotency } = memoryJobRepositories(ports.database);
  const logger = options.logger ?? createLogger('silent');
  const useCases = withSnapshotReaders(
    composeUseCases(deps, followUpEffects(snapshots, ports.clock, options.jobs ?? idleJobs), logger),
    globalReadModelsOn(snapshots, deps, config.process, logger),
  );
  const lifecycle = createLifecycle();
  lifecycle.markReady();
  const server = await createServer(
    {
      config,
      lifecycle,
      probe: options.probe ?? stubProbe(),
      authenticator: createAuthenticator(useCases.authenticate, useCases.getReportingVisibility),
      useCases,
      idempotency,
      clock: ports.clock,
      version: 'test',
    },
    false,
  );

  const login = async (username: string, password = STRONG_PASSWORD) => {
    const response = await server.inject({ method: 'POST', url: '/v0/login', payload: { username, password } });
    if (response.statusCode !== 200) throw new Error(`login of ${username} failed: ${response.body}`);
    return (response.json() as { result: { token: string } }).result.token;
  };

  return {
    server,
    ports,
    deps,
    useCases,
    idempotency,
    config,
    lifecycle,
    inject: (request) => server.inject(request),
    async user(username, userOptions = {}) {
      const role = userOptions.role ?? 'REGULAR';
      const password = userOptions.password ?? STRONG_PASSWORD;
      const created = await ensureAccount(
        deps,
        {
          username,
          displayName: username,
          role,
          moderatorStatus: role !== 'MODERATOR' ? 'none' : userOptions.suspended === true ? 'suspended' : 'active',
          password,
          mustChangePassword: userOptions.mustChangePassword ?? false,
        },
        true,
      );
      if (created.isErr()) throw new Error(created.error.message);
      return login(username, password);
    },
    login,
    close: () => server.close(),
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
