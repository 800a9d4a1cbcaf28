// The one configuration loader (CFG-1…CFG-5): reads the environment it is given and the policy file once, validates
// both, collects every problem instead of stopping at the first, and returns a deep-frozen configuration.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Value } from '@sinclair/typebox/value';
import { parse as parseYaml } from 'yaml';
import type { AppConfig, ConfigIssue, LoadConfigResult } from './app-config.ts';
import { APP_ENVS, ENV_KEYS, envKeySchema, type AppEnv, type EnvKey, type EnvSettings } from './env.schema.ts';
import { normaliseGameMode, SetupFileSchema, type SetupPolicy } from './setup.schema.ts';
import { deepFreeze } from './deep-freeze.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export interface LoadConfigOptions {
  /** Base for a relative SETUP_FILE or PGLITE_DATA_DIR; the process working directory by default. */
  cwd?: string;
  /** Policy file used when SETUP_FILE is unset; the repository's committed config/setup.yaml by default. */
  defaultSetupFile?: string;
}

const COMMITTED_SETUP_FILE = fileURLToPath(new URL('../../../config/setup.yaml', import.meta.url));
const MIN_PRODUCTION_KEY_BYTES = 32;

export function loadConfig(env: Env, options: LoadConfigOptions = {}): LoadConfigResult {
  const cwd = options.cwd ?? process.cwd();
  const issues: ConfigIssue[] = [];
  const settings = readEnv(env, issues);
  checkProfileRules(settings, issues);

  const trustProxy = parseTrustProxy(settings.TRUST_PROXY_HEADERS, issues);
  const allowOrigins = parseOrigins(settings.CORS_ALLOW_ORIGINS, issues);
  checkUrl('DATABASE_URL', settings.DATABASE_URL, ['postgres:', 'postgresql:'], issues);
  checkUrl('REDIS_URL', settings.REDIS_URL, ['redis:', 'rediss:'], issues);
  checkUrl('PUBLIC_BASE_URL', settings.PUBLIC_BASE_URL, ['http:', 'https:'], issues);
  checkUrl('PUBLIC_API_URL', settings.PUBLIC_API_URL, ['http:', 'https:'], issues);

  const setupFile = resolvePath(cwd, settings.SETUP_FILE ?? options.defaultSetupFile ?? COMMITTED_SETUP_FILE);
  const setup = readSetupFile(setupFile, settings.SETUP_FILE === undefined ? 'setup.yaml' : 'SETUP_FILE', issues);

  if (issues.length > 0 || setup === undefined) return { ok: false, issues };
  if (settings.GAME_MODE !== undefined) setup.game.mode = normaliseGameMode(settings.GAME_MODE) ?? setup.game.mode;

  const config: AppConfig = {
    appEnv: settings.APP_ENV,
    logLevel: settings.LOG_LEVEL,
    server: {
      port: settings.BACKEND_PORT,
      host: settings.HOST,
      bodyLimitBytes: settings.BODY_LIMIT_BYTES,
      requestTimeoutMs: settings.HTTP_REQUEST_TIMEOUT_MS,
      connectionTimeoutMs: settings.HTTP_CONNECTION_TIMEOUT_MS,
      keepAliveTimeoutMs: settings.HTTP_KEEPALIVE_TIMEOUT_MS,
      readinessDrainSeconds: settings.BACKEND_READINESS_DRAIN_SECONDS,
      shutdownTimeoutSeconds: settings.BACKEND_SHUTDOWN_TIMEOUT_SECONDS,
      maxEventLoopDelayMs: settings.UNDER_PRESSURE_MAX_EVENT_LOOP_DELAY_MS,
      trustProxy,
    },
    auth: {
      // Outside staging/production a missing key is replaced by a random one (CFG-5); the caller logs a warning.
      jwtSigningKey: settings.JWT_SIGNING_KEY ?? randomBytes(32).toString('base64url'),
      jwtSigningKeyEphemeral: settings.JWT_SIGNING_KEY === undefined,
      jwtTtlSeconds: settings.JWT_TTL_SECONDS,
      accountCacheTtlMs: settings.AUTH_ACCOUNT_CACHE_TTL_MS,
      adminPassword: settings.ADMIN_PASSWORD,
    },
    database: {
      url: settings.DATABASE_URL,
      pgliteDataDir: settings.PGLITE_DATA_DIR.startsWith('memory://')
        ? settings.PGLITE_DATA_DIR
        : resolvePath(cwd, settings.PGLITE_DATA_DIR),
      poolMax: settings.DB_POOL_MAX,
      idleTimeoutSeconds: settings.DB_IDLE_TIMEOUT_SECONDS,
      maxLifetimeSeconds: settings.DB_MAX_LIFETIME_SECONDS,
      connectTimeoutSeconds: settings.DB_CONNECT_TIMEOUT_SECONDS,
      statementTimeoutMs: settings.DB_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: settings.DB_LOCK_TIMEOUT_MS,
      slowQueryMs: settings.DB_SLOW_QUERY_MS,
      requireTls: settings.DB_REQUIRE_TLS,
      connectRetries: settings.DB_CONNECT_RETRIES,
      connectRetryDelayMs: settings.DB_CONNECT_RETRY_DELAY_MS,
    },
    process: {
      startupWriter: settings.STARTUP_WRITER,
      clusterWorkers: settings.CLUSTER_WORKERS,
      jobsEnabled: settings.JOBS_ENABLED,
      readModelWorker: settings.READ_MODEL_WORKER,
      loadTestEnabled: settings.LOAD_TEST_ENABLED,
    },
    rateLimit: {
      enabled: settings.RATE_LIMIT_ENABLED,
      redisUrl: settings.REDIS_URL,
      general: { max: settings.RATE_LIMIT_GENERAL_MAX, windowSeconds: settings.RATE_LIMIT_GENERAL_WINDOW_SECONDS },
      login: { max: settings.RATE_LIMIT_LOGIN_MAX, windowSeconds: settings.RATE_LIMIT_LOGIN_WINDOW_SECONDS },
      loginFailures: {
        max: settings.RATE_LIMIT_LOGIN_FAILURES_MAX,
        windowSeconds: settings.RATE_LIMIT_LOGIN_FAILURES_WINDOW_SECONDS,
      },
    },
    cors: {
      enabled: settings.CORS_ENABLED,
      allowOrigins: allowOrigins ?? [],
      allowMethods: splitList(settings.CORS_ALLOW_METHODS),
      allowHeaders: splitList(settings.CORS_ALLOW_HEADERS),
      exposeHeaders: splitList(settings.CORS_EXPOSE_HEADERS),
      allowCredentials: settings.CORS_ALLOW_CREDENTIALS,
      maxAgeSeconds: settings.CORS_MAX_AGE,
    },
    security: {
      frameAncestors: settings.SECURITY_FRAME_ANCESTORS,
      hsts: {
        enabled: settings.SECURITY_HSTS_ENABLED,
        maxAgeSeconds: settings.SECURITY_HSTS_MAX_AGE,
        includeSubDomains: settings.SECURITY_HSTS_INCLUDE_SUBDOMAINS,
        preload: settings.SECURITY_HSTS_PRELOAD,
      },
    },
    api: {
      docsEnabled: settings.DOCS_ENABLED,
      metricsEnabled: settings.METRICS_ENABLED,
      metricsAuthToken: settings.METRICS_AUTH_TOKEN,
      probabilityPointsMax: settings.PROBABILITY_POINTS_MAX,
      historyWarmUpRows: settings.HISTORY_WARM_UP_ROWS,
      idempotencyTtlSeconds: settings.IDEMPOTENCY_TTL_SECONDS,
      publicBaseUrl: settings.PUBLIC_BASE_URL,
      shareSiteName: settings.SHARE_SITE_NAME,
      webAppDir: settings.WEB_APP_DIR === undefined ? undefined : resolvePath(cwd, settings.WEB_APP_DIR),
      publicApiUrl: settings.PUBLIC_API_URL,
    },
    setupFile,
    setup,
  };
  return { ok: true, config: deepFreeze(config) };
}

/** One line per bad key, for the exit-78 message (CFG-2). */
export function formatConfigIssues(issues: readonly ConfigIssue[]): string {
  const lines = issues.map((issue) => `  - ${issue.key}: ${issue.reason}`);
  return [`Invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):`, ...lines].join('\n');
}

/** Parses and validates every env key; invalid keys are reported and replaced by their default to keep going. */
function readEnv(env: Env, issues: ConfigIssue[]): EnvSettings {
  const appEnv = (APP_ENVS as readonly string[]).includes(env.APP_ENV ?? '')
    ? (env.APP_ENV as AppEnv)
    : 'development';
  const settings: Record<string, unknown> = {};
  for (const key of ENV_KEYS) {
    const schema = envKeySchema(key);
    const raw = env[key];
    const fallback = schema.byProfile?.[appEnv] ?? schema.default;
    if (raw === undefined || raw === '') {
      if (fallback !== undefined) settings[key] = fallback;
      continue;
    }
    const value = coerce(schema.type, raw);
    if (value !== undefined && Value.Check(schema, value)) {
      settings[key] = value;
      continue;
    }
    issues.push({ key, reason: describeExpectation(key, raw) });
    if (fallback !== undefined) settings[key] = fallback;
  }
  return settings as EnvSettings;
}

/** Environment strings to the schema's JSON type; anything unparseable becomes undefined (an error, never a default). */
function coerce(type: unknown, raw: string): unknown {
  const trimmed = raw.trim();
  if (type === 'integer') return /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : undefined;
  if (type === 'boolean') {
    const lower = trimmed.toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
    return undefined;
  }
  return raw;
}

function describeExpectation(key: EnvKey, raw: string): string {
  const schema = envKeySchema(key);
  const received = schema.secret === true ? '' : ` (got ${JSON.stringify(raw.length > 64 ? `${raw.slice(0, 64)}…` : raw)})`;
  if (schema.type === 'integer') {
    const max = schema.maximum === Number.MAX_SAFE_INTEGER ? '' : ` and at most ${schema.maximum}`;
    return `must be an integer of at least ${schema.minimum}${max}${received}`;
  }
  if (schema.type === 'boolean') return `must be true or false${received}`;
  if (Array.isArray(schema.anyOf)) {
    const values = schema.anyOf.map((option: { const: string }) => option.const).join(', ');
    return `must be one of ${values}${received}`;
  }
  return `is not a valid value${received}`;
}

/** CFG-3: staging and production differ from development only by being stricter. */
function checkProfileRules(settings: EnvSettings, issues: ConfigIssue[]): void {
  const strict = settings.APP_ENV === 'staging' || settings.APP_ENV === 'production';
  if (strict) {
    if (settings.DATABASE_URL === undefined) {
      issues.push({ key: 'DATABASE_URL', reason: `is required in ${settings.APP_ENV} (embedded PGlite is refused)` });
    }
    if (settings.JWT_SIGNING_KEY === undefined) {
      issues.push({ key: 'JWT_SIGNING_KEY', reason: `is required in ${settings.APP_ENV}` });
    } else if (Buffer.byteLength(settings.JWT_SIGNING_KEY, 'utf8') < MIN_PRODUCTION_KEY_BYTES) {
      issues.push({ key: 'JWT_SIGNING_KEY', reason: `must be at least ${MIN_PRODUCTION_KEY_BYTES} bytes in ${settings.APP_ENV}` });
    }
    if (!settings.RATE_LIMIT_ENABLED) {
      issues.push({ key: 'RATE_LIMIT_ENABLED', reason: `cannot be false in ${settings.APP_ENV}` });
    }
    // /metrics and /ops/status describe the process to anyone who asks; opening them is a decision to state.
    if (settings.METRICS_AUTH_TOKEN === undefined && !settings.METRICS_PUBLIC) {
      issues.push({ key: 'METRICS_AUTH_TOKEN', reason: `is required in ${settings.APP_ENV} unless METRICS_PUBLIC=true` });
    }
    if (settings.CORS_ENABLED && settings.CORS_ALLOW_ORIGINS === undefined) {
      issues.push({ key: 'CORS_ALLOW_ORIGINS', reason: `must list the allowed origins in ${settings.APP_ENV}` });
    } else if (settings.CORS_ENABLED && settings.CORS_ALLOW_ORIGINS?.trim() === '*') {
      issues.push({ key: 'CORS_ALLOW_ORIGINS', reason: `cannot be * in ${settings.APP_ENV}` });
    }
  }
  if (settings.CORS_ALLOW_CREDENTIALS && settings.CORS_ALLOW_ORIGINS?.trim() === '*') {
    issues.push({ key: 'CORS_ALLOW_CREDENTIALS', reason: 'cannot be true while CORS_ALLOW_ORIGINS is *' });
  }
  if (settings.DATABASE_URL === undefined && settings.CLUSTER_WORKERS > 0) {
    issues.push({ key: 'CLUSTER_WORKERS', reason: 'must be 0 on embedded PGlite (one process only); set DATABASE_URL' });
  }
}

function parseTrustProxy(raw: string, issues: ConfigIssue[]): false | number | string[] {
  const value = raw.trim().toLowerCase();
  if (value === 'false' || value === '0') return false;
  // "true" trusts exactly one hop (docs/api.md#client-address), not every hop as Fastify's `true` would.
  if (value === 'true' || value === '1') return 1;
  const entries = splitList(raw);
  const bad = entries.filter((entry) => !isAddressOrCidr(entry));
  if (bad.length > 0) {
    issues.push({
      key: 'TRUST_PROXY_HEADERS',
      reason: `must be true, false or a comma list of proxy addresses/CIDRs (bad: ${bad.join(', ')})`,
    });
  }
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const width = Number(bits);
  return /^\d+$/.test(bits) && width <= (family === 4 ? 32 : 128);
}

function parseOrigins(raw: string | undefined, issues: ConfigIssue[]): '*' | string[] | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim() === '*') return '*';
  const origins = splitList(raw);
  const bad = origins.filter((origin) => !isOrigin(origin));
  if (bad.length > 0) {
    issues.push({
      key: 'CORS_ALLOW_ORIGINS',
      reason: `must be * or a comma list of origins like https://example.org (bad: ${bad.join(', ')})`,
    });
  }
  return origins;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

function checkUrl(key: EnvKey, value: string | undefined, protocols: string[], issues: ConfigIssue[]): void {
  if (value === undefined) return;
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol === undefined || !protocols.includes(protocol)) {
    // The value itself may hold credentials, so only the expected form is named.
    issues.push({ key, reason: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` });
  }
}

function readSetupFile(path: string, key: string, issues: ConfigIssue[]): SetupPolicy | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    issues.push({ key, reason: `policy file ${path} cannot be read` });
    return undefined;
  }
  let document: unknown;
  try {
    document = parseYaml(text) ?? {};
  } catch (error) {
    issues.push({ key, reason: `policy file ${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    return undefined;
  }
  const withDefaults = Value.Default(SetupFileSchema, document);
  const errors = [...Value.Errors(SetupFileSchema, withDefaults)];
  if (errors.length > 0) {
    const seen = new Set<string>();
    for (const error of errors) {
      const path = error.path.replace(/^\//, '').replaceAll('/', '.') || '(root)';
      if (seen.has(path)) continue;
      seen.add(path);
      issues.push({ key: `setup.yaml ${path}`, reason: error.message });
    }
    return undefined;
  }
  const file = withDefaults as Omit<SetupPolicy, 'game'> & { game: Omit<SetupPolicy['game'], 'mode'> & { mode: string } };
  const mode = normaliseGameMode(file.game.mode);
  if (mode === undefined) {
    issues.push({ key: 'setup.yaml game.mode', reason: 'must be standard, moderator or open' });
    return undefined;
  }
  return { economics: file.economics, frontend: file.frontend, game: { ...file.game, mode } };
}

function resolvePath(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
