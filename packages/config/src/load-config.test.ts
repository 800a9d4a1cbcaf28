import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppConfig, ConfigIssue } from './app-config.ts';
import { formatConfigIssues, loadConfig, type Env } from './load-config.ts';

const STRONG_KEY = 'k'.repeat(32);
const STRICT_BASE: Env = {
  DATABASE_URL: 'postgres://app:hunter2@db.internal:5432/sp',
  JWT_SIGNING_KEY: STRONG_KEY,
  CORS_ALLOW_ORIGINS: 'https://predict.example.org',
  METRICS_AUTH_TOKEN: 'metrics-secret-token',
};

function ok(env: Env): AppConfig {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(formatConfigIssues(result.issues));
  return result.config;
}

function issues(env: Env): ConfigIssue[] {
  const result = loadConfig(env);
  if (result.ok) throw new Error('expected a configuration error');
  return [...result.issues];
}

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sp-config-')), name);
  writeFileSync(path, content);
  return path;
}

describe('loadConfig: defaults and profiles (CFG-3, CFG-5)', () => {
  it('runs with no environment at all as development on PGlite with an ephemeral key', () => {
    const config = ok({});
    expect(config.appEnv).toBe('development');
    expect(config.logLevel).toBe('debug');
    expect(config.database.url).toBeUndefined();
    expect(config.database.pgliteDataDir).toMatch(/data\/pglite$/);
    expect(config.process.startupWriter).toBe(true);
    expect(config.auth.jwtSigningKeyEphemeral).toBe(true);
    expect(config.auth.jwtSigningKey.length).toBeGreaterThanOrEqual(32);
    expect(config.cors.allowOrigins).toBe('*');
    expect(config.server).toMatchObject({ port: 8080, host: '0.0.0.0', bodyLimitBytes: 1_048_576, trustProxy: false });
    expect(config.rateLimit).toMatchObject({
      enabled: true,
      general: { max: 300, windowSeconds: 60 },
      login: { max: 10, windowSeconds: 300 },
      loginFailures: { max: 50, windowSeconds: 900 },
    });
    expect(config.api.probabilityPointsMax).toBe(2000);
  });

  it.each([
    ['development', { logLevel: 'debug', startupWriter: true, docsEnabled: true, requireTls: false }],
    ['test', { logLevel: 'info', startupWriter: true, docsEnabled: true, requireTls: false }],
    ['staging', { logLevel: 'info', startupWriter: false, docsEnabled: true, requireTls: true }],
    ['production', { logLevel: 'info', startupWriter: false, docsEnabled: false, requireTls: true }],
  ] as const)('profile %s changes defaults only', (appEnv, expected) => {
    const config = ok({ ...STRICT_BASE, APP_ENV: appEnv });
    expect({
      logLevel: config.logLevel,
      startupWriter: config.process.startupWriter,
      docsEnabled: config.api.docsEnabled,
      requireTls: config.database.requireTls,
    }).toEqual(expected);
  });

  it.each(['staging', 'production'])('%s refuses PGlite, a missing key, open CORS and disabled limits', (appEnv) => {
    const keys = issues({ APP_ENV: appEnv, RATE_LIMIT_ENABLED: 'false' }).map((issue) => issue.key);
    expect(keys).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'JWT_SIGNING_KEY', 'RATE_LIMIT_ENABLED', 'CORS_ALLOW_ORIGINS']),
    );
    expect(issues({ ...STRICT_BASE, APP_ENV: appEnv, CORS_ALLOW_ORIGINS: '*' })[0]?.key).toBe('CORS_ALLOW_ORIGINS');
    expect(issues({ ...STRICT_BASE, APP_ENV: appEnv, JWT_SIGNING_KEY: 'short' })[0]?.reason).toMatch(/32 bytes/);
  });

  it.each(['staging', 'production'])('%s demands METRICS_AUTH_TOKEN unless METRICS_PUBLIC=true states open ops endpoints (docs/api.md#ops-endpoints)', (appEnv) => {
    const { METRICS_AUTH_TOKEN: _token, ...withoutToken } = STRICT_BASE;
    expect(issues({ ...withoutToken, APP_ENV: appEnv })).toEqual([
      { key: 'METRICS_AUTH_TOKEN', reason: `is required in ${appEnv} unless METRICS_PUBLIC=true` },
    ]);
    expect(ok({ ...withoutToken, APP_ENV: appEnv, METRICS_PUBLIC: 'true' }).api.metricsAuthToken).toBeUndefined();
    expect(ok({ ...STRICT_BASE, APP_ENV: appEnv }).api.metricsAuthToken).toBe('metrics-secret-token');
    expect(ok({ APP_ENV: 'development' }).api.metricsAuthToken).toBeUndefined();
  });

  it('keeps an explicit DB_REQUIRE_TLS=false in production', () => {
    expect(ok({ ...STRICT_BASE, APP_ENV: 'production', DB_REQUIRE_TLS: 'false' }).database.requireTls).toBe(false);
  });
});

describe('loadConfig: fail fast with every bad key (CFG-2)', () => {
  it('lists every bad key at once and never prints a secret value', () => {
    const secret = 'postgres://admin:s3cr3t-pass@db/x';
    const found = issues({
      BACKEND_PORT: 'eighty',
      JWT_TTL_SECONDS: '5',
      RATE_LIMIT_ENABLED: 'maybe',
      DATABASE_URL: secret.replace('postgres', 'mysql'),
      APP_ENV: 'prod',
    });
    expect(found.map((issue) => issue.key).sort()).toEqual(
      ['APP_ENV', 'BACKEND_PORT', 'DATABASE_URL', 'JWT_TTL_SECONDS', 'RATE_LIMIT_ENABLED'].sort(),
    );
    const message = formatConfigIssues(found);
    expect(message).toContain('5 problems');
    expect(message).not.toContain('s3cr3t-pass');
    expect(message).toContain('"eighty"');
  });

  it('bounds the account cache: 5 s by default, 0 turns it off, over a minute is refused', () => {
    expect(ok({}).auth.accountCacheTtlMs).toBe(5_000);
    expect(ok({ AUTH_ACCOUNT_CACHE_TTL_MS: '0' }).auth.accountCacheTtlMs).toBe(0);
    expect(issues({ AUTH_ACCOUNT_CACHE_TTL_MS: '60001' })[0]?.key).toBe('AUTH_ACCOUNT_CACHE_TTL_MS');
  });

  it('rejects unparseable numbers and booleans instead of defaulting them', () => {
    expect(issues({ DB_POOL_MAX: '25.5' })[0]?.key).toBe('DB_POOL_MAX');
    expect(issues({ CORS_ENABLED: 'yes please' })[0]?.key).toBe('CORS_ENABLED');
    expect(ok({ CORS_ENABLED: 'FALSE', DB_POOL_MAX: ' 7 ' })).toMatchObject({ cors: { enabled: false }, database: { poolMax: 7 } });
  });

  it('applies the cross-field rules', () => {
    expect(issues({ CORS_ALLOW_CREDENTIALS: 'true' })[0]?.key).toBe('CORS_ALLOW_CREDENTIALS');
    expect(issues({ CLUSTER_WORKERS: '2' })[0]?.key).toBe('CLUSTER_WORKERS');
    expect(issues({ CORS_ALLOW_ORIGINS: 'https://ok.example, not a url' })[0]?.key).toBe('CORS_ALLOW_ORIGINS');
    expect(issues({ TRUST_PROXY_HEADERS: '10.0.0.0/8,proxy.local' })[0]?.key).toBe('TRUST_PROXY_HEADERS');
  });

  it('parses proxy trust and origin lists', () => {
    expect(ok({ TRUST_PROXY_HEADERS: 'true' }).server.trustProxy).toBe(1);
    expect(ok({ TRUST_PROXY_HEADERS: '10.0.0.0/8, ::1' }).server.trustProxy).toEqual(['10.0.0.0/8', '::1']);
    expect(ok({ CORS_ALLOW_ORIGINS: 'https://a.example,http://localhost:5173' }).cors.allowOrigins).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
  });
});

describe('loadConfig: the policy file (CFG-4)', () => {
  it('reads the committed setup.yaml with the upstream economics and the standard game mode', () => {
    const { setup } = ok({});
    expect(setup.economics).toEqual({
      marketcreation: {
        initialMarketProbability: 0.5,
        initialMarketSubsidization: 10,
        initialMarketYes: 0,
        initialMarketNo: 0,
        minimumFutureHours: 1,
      },
      marketincentives: {
        createMarketCost: 10,
        traderBonus: 1,
        multipleChoiceBinary: { addAnswerCost: 2, softAnswerReviewThreshold: 12, hardAnswerSafetyCap: 50 },
      },
      user: { initialAccountBalance: 0, maximumDebtAllowed: 500 },
      betting: { minimumBet: 1, maxDustPerSale: 1, betFees: { initialBetFee: 1, buySharesFee: 0, sellSharesFee: 0 } },
    });
    expect(setup.frontend.charts.sigFigs).toBe(2);
    expect(setup.game.mode).toBe('standard');
    expect(setup.game.moderation.marketApprovalRequired).toBe(true);
  });

  it('fills omitted keys with the docs/market-model.md#economics defaults', () => {
    const file = tempFile('partial.yaml', 'economics:\n  user:\n    initialAccountBalance: 1000\n');
    const { setup } = ok({ SETUP_FILE: file });
    expect(setup.economics.user).toEqual({ initialAccountBalance: 1000, maximumDebtAllowed: 500 });
    expect(setup.economics.marketcreation.initialMarketSubsidization).toBe(10);
    expect(setup.frontend.charts.sigFigs).toBe(0);
    expect(setup.game.mode).toBe('standard');
  });

  it('accepts upstream "open" as standard and lets GAME_MODE override the file', () => {
    const file = tempFile('open.yaml', 'game:\n  mode: open\n');
    expect(ok({ SETUP_FILE: file }).setup.game.mode).toBe('standard');
    expect(ok({ SETUP_FILE: file, GAME_MODE: 'moderator' }).setup.game.mode).toBe('moderator');
    expect(ok({ GAME_MODE: 'open' }).setup.game.mode).toBe('standard');
  });

  it('reports a missing file, bad values and unknown keys', () => {
    expect(issues({ SETUP_FILE: '/nonexistent/setup.yaml' })[0]).toMatchObject({ key: 'SETUP_FILE' });
    const bad = tempFile(
      'bad.yaml',
      'economics:\n  marketcreation:\n    initialMarketProbability: 1.5\n  user:\n    maximumDebt: 3\ngame:\n  mode: chaos\n',
    );
    const keys = issues({ SETUP_FILE: bad }).map((issue) => issue.key);
    expect(keys).toEqual(
      expect.arrayContaining(['setup.yaml economics.marketcreation.initialMarketProbability', 'setup.yaml game.mode']),
    );
    expect(keys.some((key) => key.startsWith('setup.yaml economics.user'))).toBe(true);
    expect(issues({ SETUP_FILE: tempFile('broken.yaml', 'economics: [') })[0]?.reason).toMatch(/not valid YAML/);
  });
});

describe('loadConfig: immutability (CFG-1)', () => {
  it('returns a deep-frozen object', () => {
    const config = ok({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.setup.economics.betting.betFees)).toBe(true);
    expect(Object.isFrozen(config.cors.allowMethods)).toBe(true);
    expect(() => {
      (config.setup.economics.user as { maximumDebtAllowed: number }).maximumDebtAllowed = 1;
    }).toThrow(TypeError);
  });
});
