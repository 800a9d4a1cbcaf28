// Every environment setting of docs/operations.md#configuration in one TypeBox schema. Each property carries its type, range and
// default; two annotations drive the loader: `secret` (the value is never echoed in an error) and `byProfile`
// (a different default under some APP_ENV profiles, CFG-3). A property without any default is optional.
import { Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';

export const APP_ENVS = ['development', 'test', 'staging', 'production'] as const;
export type AppEnv = (typeof APP_ENVS)[number];

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

type ProfileDefaults = Partial<Record<AppEnv, string | number | boolean>>;

interface Annotations {
  secret?: boolean;
  byProfile?: ProfileDefaults;
}

const oneOf = <const T extends readonly string[]>(values: T, options: { default?: T[number] } & Annotations = {}) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as TUnion<TLiteral<T[number]>[]>;

const int = (defaultValue: number | undefined, minimum: number, maximum = Number.MAX_SAFE_INTEGER) =>
  Type.Integer({ minimum, maximum, ...(defaultValue === undefined ? {} : { default: defaultValue }) });

const bool = (defaultValue: boolean, byProfile?: ProfileDefaults) =>
  Type.Boolean({ default: defaultValue, ...(byProfile ? { byProfile } : {}) });

const text = (options: { default: string; minLength?: number }) => Type.String(options);

/** A setting without a default: absent unless given (or unless its profile supplies one). */
const optionalText = (options: { minLength?: number } & Annotations = {}) =>
  Type.Optional(Type.String({ minLength: 1, ...options }));

/** Comma-separated list; parsed by the loader after validation. */
const list = (defaultValue: string) => Type.String({ default: defaultValue });

const DEV_AND_TEST_ONLY: ProfileDefaults = { development: true, test: true };

export const EnvSchema = Type.Object({
  // Core
  APP_ENV: oneOf(APP_ENVS, { default: 'development' }),
  BACKEND_PORT: int(8080, 0, 65535),
  HOST: text({ default: '0.0.0.0', minLength: 1 }),
  LOG_LEVEL: oneOf(LOG_LEVELS, { default: 'info', byProfile: { development: 'debug' } }),
  JWT_SIGNING_KEY: optionalText({ secret: true }),
  JWT_TTL_SECONDS: int(86_400, 300, 604_800),
  ADMIN_PASSWORD: optionalText({ secret: true }),
  STARTUP_WRITER: bool(false, DEV_AND_TEST_ONLY),
  CLUSTER_WORKERS: int(0, 0, 64),
  JOBS_ENABLED: bool(true),
  READ_MODEL_WORKER: oneOf(['inline', 'external'] as const, { default: 'inline' }),
  SETUP_FILE: optionalText(),
  GAME_MODE: Type.Optional(oneOf(['standard', 'moderator', 'open'] as const)),

  // Database
  DATABASE_URL: optionalText({ secret: true }),
  PGLITE_DATA_DIR: text({ default: './data/pglite', minLength: 1 }),
  DB_POOL_MAX: int(25, 1, 1000),
  DB_IDLE_TIMEOUT_SECONDS: int(300, 0),
  DB_MAX_LIFETIME_SECONDS: int(1800, 0),
  DB_CONNECT_TIMEOUT_SECONDS: int(10, 1),
  DB_STATEMENT_TIMEOUT_MS: int(15_000, 0),
  DB_LOCK_TIMEOUT_MS: int(5000, 0),
  DB_SLOW_QUERY_MS: int(200, 0),
  DB_REQUIRE_TLS: bool(false, { staging: true, production: true }),
  DB_CONNECT_RETRIES: int(20, 0),
  DB_CONNECT_RETRY_DELAY_MS: int(5000, 0),

  // HTTP
  BODY_LIMIT_BYTES: int(1_048_576, 1024),
  HTTP_REQUEST_TIMEOUT_MS: int(30_000, 1),
  HTTP_CONNECTION_TIMEOUT_MS: int(60_000, 1),
  HTTP_KEEPALIVE_TIMEOUT_MS: int(72_000, 1),
  BACKEND_READINESS_DRAIN_SECONDS: int(5, 0),
  BACKEND_SHUTDOWN_TIMEOUT_SECONDS: int(10, 1),
  UNDER_PRESSURE_MAX_EVENT_LOOP_DELAY_MS: int(1000, 0),
  DOCS_ENABLED: bool(true, { production: false }),
  METRICS_ENABLED: bool(true),
  METRICS_AUTH_TOKEN: optionalText({ secret: true }),
  PROBABILITY_POINTS_MAX: int(2000, 2),
  IDEMPOTENCY_TTL_SECONDS: int(86_400, 60),

  // Security
  REDIS_URL: optionalText({ secret: true }),
  RATE_LIMIT_ENABLED: bool(true),
  RATE_LIMIT_GENERAL_MAX: int(300, 1),
  RATE_LIMIT_GENERAL_WINDOW_SECONDS: int(60, 1),
  RATE_LIMIT_LOGIN_MAX: int(10, 1),
  RATE_LIMIT_LOGIN_WINDOW_SECONDS: int(300, 1),
  TRUST_PROXY_HEADERS: list('false'),
  CORS_ENABLED: bool(true),
  // Staging and production have no default: they must name their origins (CFG-3).
  CORS_ALLOW_ORIGINS: optionalText({ byProfile: { development: '*', test: '*' } }),
  CORS_ALLOW_METHODS: list('GET,POST,PUT,PATCH,DELETE,OPTIONS'),
  CORS_ALLOW_HEADERS: list('Content-Type,Authorization,X-Request-Id,Idempotency-Key'),
  CORS_EXPOSE_HEADERS: list('X-Request-Id,Retry-After,Idempotent-Replayed'),
  CORS_ALLOW_CREDENTIALS: bool(false),
  CORS_MAX_AGE: int(600, 0),
  SECURITY_FRAME_ANCESTORS: text({ default: "'none'", minLength: 1 }),
  SECURITY_HSTS_ENABLED: bool(false),
  SECURITY_HSTS_MAX_AGE: int(31_536_000, 0),
  SECURITY_HSTS_INCLUDE_SUBDOMAINS: bool(false),
  SECURITY_HSTS_PRELOAD: bool(false),
  LOAD_TEST_ENABLED: bool(false),

  // Sharing (Tier 3) and the served web app (API-6)
  PUBLIC_BASE_URL: text({ default: 'http://localhost', minLength: 1 }),
  SHARE_SITE_NAME: text({ default: 'SocialPredict', minLength: 1 }),
  WEB_APP_DIR: optionalText(),
  PUBLIC_API_URL: optionalText(),
});

export type EnvKey = keyof typeof EnvSchema.properties;
export type EnvSettings = Static<typeof EnvSchema>;

export const ENV_KEYS = Object.keys(EnvSchema.properties) as EnvKey[];

export function envKeySchema(key: EnvKey): TSchema & Annotations {
  return EnvSchema.properties[key];
}
