// Connection settings shared by the test harness: small pools and short timeouts, so a stuck lock fails a test fast.
import type { DatabaseSettings } from '../../src/drizzle/database.factory.ts';

/** Every database the tests create starts with this prefix (the local server is shared with other projects). */
export const TEST_DATABASE_PREFIX = 'sp_test_';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function testDatabaseSettings(url: string | undefined, overrides: Partial<DatabaseSettings> = {}): DatabaseSettings {
  return {
    url,
    pgliteDataDir: 'memory://',
    poolMax: 4,
    idleTimeoutSeconds: 30,
    maxLifetimeSeconds: 600,
    connectTimeoutSeconds: 10,
    statementTimeoutMs: 30_000,
    lockTimeoutMs: 10_000,
    slowQueryMs: 200,
    requireTls: false,
    ...overrides,
  };
}
