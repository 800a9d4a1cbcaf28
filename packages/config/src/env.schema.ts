// Every environment setting in one TypeBox schema, the source of docs/configuration.md and .env.example
// (`pnpm config:docs`). Each property carries its type, range, default and description; two annotations drive the
// loader: `secret` (the value is never echoed in an error) and `byProfile` (a different default under some APP_ENV
// profiles, CFG-3). A property without any default is optional.
import { CloneType, Type, type Static, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';

export const APP_ENVS = ['development', 'test', 'staging', 'production'] as const;
export type AppEnv = (typeof APP_ENVS)[number];

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

type ProfileDefaults = Partial<Record<AppEnv, string | number | boolean>>;

interface Annotations {
  secret?: boolean;
  byProfile?: ProfileDefaults;
  description?: string;
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

/** The description rendered into docs/configuration.md and .env.example (`pnpm config:docs`). */
const about = <T extends TSchema>(description: string, schema: T): T => CloneType(schema, { description });

const core = {
  APP_ENV: about('Profile: changes defaults and strictness, never code paths.', oneOf(APP_ENVS, { default: 'development' })),
  BACKEND_PORT: about('HTTP listen port.', int(8080, 0, 65535)),
  HOST: about('HTTP listen address.', text({ default: '0.0.0.0', minLength: 1 })),
  LOG_LEVEL: about('pino log level.', oneOf(LOG_LEVELS, { default: 'info', byProfile: { development: 'debug' } })),
  JWT_SIGNING_KEY: about(
    'HS256 key of the session tokens. Required in staging and production, at least 32 bytes. Without it, on PGlite in a directory, a generated key is kept in `<PGLITE_DATA_DIR>/jwt-signing.key` (0600) so restarts keep sessions; on PostgreSQL or `memory://`, a random key per process (warning `startup.ephemeral_jwt_key`).',
    optionalText({ secret: true }),
  ),
  JWT_TTL_SECONDS: about('Lifetime of a session token.', int(86_400, 300, 604_800)),
  AUTH_ACCOUNT_CACHE_TTL_MS: about(
    'How long an instance may answer authentication from its account cache: the bound on how late a password, role or suspension change made on another instance takes effect here (its own changes act at once). `0` reads the account on every request.',
    int(5_000, 0, 60_000),
  ),
  ADMIN_PASSWORD: about(
    'Password of the seeded `admin`. Required in staging and production when the writer must create it; in development and test generated, printed once on stderr in a framed block and, on PGlite in a directory, kept in `<PGLITE_DATA_DIR>/initial-admin-password` (0600).',
    optionalText({ secret: true }),
  ),
  STARTUP_WRITER: about('This process applies migrations and seeds; non-writers verify the schema instead.', bool(false, DEV_AND_TEST_ONLY)),
  CLUSTER_WORKERS: about('N > 0 runs N API workers under a supervising primary; must be 0 on PGlite.', int(0, 0, 64)),
  JOBS_ENABLED: about('This process consumes background jobs.', bool(true)),
  READ_MODEL_WORKER: about(
    '`external` when a `pnpm cli worker` consumes the jobs elsewhere (readers then never rebuild read models themselves).',
    oneOf(['inline', 'external'] as const, { default: 'inline' }),
  ),
  SETUP_FILE: about('Path of the economics and game policy file; the committed `config/setup.yaml` when unset. A missing file is an error.', optionalText()),
  GAME_MODE: about('Overrides `game.mode` of the policy file (`open` is an alias of `standard`).', Type.Optional(oneOf(['standard', 'moderator', 'open'] as const))),
};

const database = {
  DATABASE_URL: about('PostgreSQL URL (`postgres://` or `postgresql://`); unset means embedded PGlite, which staging and production refuse.', optionalText({ secret: true })),
  PGLITE_DATA_DIR: about('PGlite data directory; `memory://` for a throwaway in-memory database.', text({ default: './data/pglite', minLength: 1 })),
  DB_POOL_MAX: about('Pool size; keep instances × workers × this at or below `max_connections` − 10.', int(25, 1, 1000)),
  DB_IDLE_TIMEOUT_SECONDS: about('Idle connection lifetime.', int(300, 0)),
  DB_MAX_LIFETIME_SECONDS: about('Connection lifetime.', int(1800, 0)),
  DB_CONNECT_TIMEOUT_SECONDS: about('Timeout of one connection attempt.', int(10, 1)),
  DB_STATEMENT_TIMEOUT_MS: about('Per-connection `statement_timeout`.', int(15_000, 0)),
  DB_LOCK_TIMEOUT_MS: about('Per-connection `lock_timeout`; a money write waiting longer answers 503.', int(5000, 0)),
  DB_SLOW_QUERY_MS: about('Operations at or above this log `db.slow_query`.', int(200, 0)),
  DB_REQUIRE_TLS: about(
    'Require TLS to PostgreSQL; a server without TLS stops the start-up at once with a message naming this setting.',
    bool(false, { staging: true, production: true }),
  ),
  DB_CONNECT_RETRIES: about('Start-up connection attempts before giving up.', int(20, 0)),
  DB_CONNECT_RETRY_DELAY_MS: about('Delay between start-up connection attempts.', int(5000, 0)),
};

const http = {
  BODY_LIMIT_BYTES: about('Largest request body; larger ones get 413.', int(1_048_576, 1024)),
  HTTP_REQUEST_TIMEOUT_MS: about('Whole-request timeout.', int(30_000, 1)),
  HTTP_CONNECTION_TIMEOUT_MS: about('Socket timeout.', int(60_000, 1)),
  HTTP_KEEPALIVE_TIMEOUT_MS: about('Keep-alive timeout, above typical proxy idle timeouts.', int(72_000, 1)),
  BACKEND_READINESS_DRAIN_SECONDS: about('Wait after readiness closes, before the server closes.', int(5, 0)),
  BACKEND_SHUTDOWN_TIMEOUT_SECONDS: about('How long in-flight requests may finish at shutdown.', int(10, 1)),
  UNDER_PRESSURE_MAX_EVENT_LOOP_DELAY_MS: about('Above this event-loop delay `/v0` answers 503 with `Retry-After`.', int(1000, 0)),
  DOCS_ENABLED: about('Serve `/docs` and `/openapi.*`.', bool(true, { production: false })),
  METRICS_ENABLED: about('Serve `/metrics`.', bool(true)),
  METRICS_AUTH_TOKEN: about(
    'Bearer token required by `/metrics` and `/ops/status` when set. Required in staging and production unless `METRICS_PUBLIC=true`.',
    optionalText({ secret: true }),
  ),
  METRICS_PUBLIC: about('`true` states that `/metrics` and `/ops/status` may answer without a token in staging and production.', bool(false)),
  PROBABILITY_POINTS_MAX: about('Points of a probability path per response.', int(2000, 2)),
  HISTORY_WARM_UP_ROWS: about(
    'Before the server opens readiness it loads the histories of the most recently traded markets, and their figures, into its market history cache, up to this many bet rows in all (docs/performance.md#history-warm-up). `0` skips the warm-up.',
    int(500_000, 0, 2_000_000),
  ),
  IDEMPOTENCY_TTL_SECONDS: about(
    'How long an `Idempotency-Key` record is kept before the `idempotency.cleanup` job removes it.',
    int(86_400, 60),
  ),
};

const security = {
  REDIS_URL: about('Redis URL (`redis://` or `rediss://`) for rate-limit counters shared across instances.', optionalText({ secret: true })),
  RATE_LIMIT_ENABLED: about('Rate limiting; `false` is refused in staging and production.', bool(true)),
  RATE_LIMIT_GENERAL_MAX: about('Requests per window of the general limiter.', int(300, 1)),
  RATE_LIMIT_GENERAL_WINDOW_SECONDS: about('Window of the general limiter.', int(60, 1)),
  RATE_LIMIT_LOGIN_MAX: about('Login attempts per client address and window (every attempt counts).', int(10, 1)),
  RATE_LIMIT_LOGIN_WINDOW_SECONDS: about('Window of the login limiter.', int(300, 1)),
  RATE_LIMIT_LOGIN_FAILURES_MAX: about('Failed logins per username and window (a success never counts nor resets it).', int(50, 1)),
  RATE_LIMIT_LOGIN_FAILURES_WINDOW_SECONDS: about('Window of the failed-login limiter.', int(900, 1)),
  TRUST_PROXY_HEADERS: about('`true` (one hop), `false`, or a comma list of proxy addresses/CIDRs whose forwarded headers are believed.', list('false')),
  CORS_ENABLED: about('Answer CORS requests.', bool(true)),
  // Staging and production have no default: they must name their origins (CFG-3).
  CORS_ALLOW_ORIGINS: about(
    'Comma list of allowed origins. Staging and production must list them and may not use `*`.',
    optionalText({ byProfile: { development: '*', test: '*' } }),
  ),
  CORS_ALLOW_METHODS: about('Comma list of allowed methods.', list('GET,POST,PUT,PATCH,DELETE,OPTIONS')),
  CORS_ALLOW_HEADERS: about('Comma list of allowed request headers.', list('Content-Type,Authorization,X-Request-Id,Idempotency-Key')),
  CORS_EXPOSE_HEADERS: about('Comma list of response headers exposed to scripts.', list('X-Request-Id,Retry-After,Idempotent-Replayed')),
  CORS_ALLOW_CREDENTIALS: about('Allow credentials; may not be `true` with origin `*`.', bool(false)),
  CORS_MAX_AGE: about('Preflight cache lifetime in seconds.', int(600, 0)),
  SECURITY_FRAME_ANCESTORS: about('CSP `frame-ancestors`.', text({ default: "'none'", minLength: 1 })),
  SECURITY_HSTS_ENABLED: about('Send `Strict-Transport-Security`.', bool(false)),
  SECURITY_HSTS_MAX_AGE: about('HSTS `max-age` in seconds.', int(31_536_000, 0)),
  SECURITY_HSTS_INCLUDE_SUBDOMAINS: about('HSTS `includeSubDomains`.', bool(false)),
  SECURITY_HSTS_PRELOAD: about('HSTS `preload`.', bool(false)),
  LOAD_TEST_ENABLED: about('Allow `pnpm cli load-seed`; never honoured in production.', bool(false)),
};

// Sharing (Tier 3) and the served web app (API-6)
const sharing = {
  PUBLIC_BASE_URL: about('`DOMAIN_URL` of the web app, used for canonical links.', text({ default: 'http://localhost', minLength: 1 })),
  SHARE_SITE_NAME: about('Site name of the share settings.', text({ default: 'SocialPredict', minLength: 1 })),
  WEB_APP_DIR: about('Serve a built web app from this folder, with `/env-config.js` and an SPA fallback.', optionalText()),
  PUBLIC_API_URL: about("`API_URL` written into `/env-config.js`; the request's origin when unset.", optionalText()),
};

export const EnvSchema = Type.Object({ ...core, ...database, ...http, ...security, ...sharing });

/** The settings in the sections of docs/configuration.md. */
export const ENV_GROUPS: readonly { title: string; keys: readonly EnvKey[] }[] = [
  { title: 'Core', keys: Object.keys(core) as EnvKey[] },
  { title: 'Database', keys: Object.keys(database) as EnvKey[] },
  { title: 'HTTP', keys: Object.keys(http) as EnvKey[] },
  { title: 'Security', keys: Object.keys(security) as EnvKey[] },
  { title: 'Sharing and the served web app', keys: Object.keys(sharing) as EnvKey[] },
];

export type EnvKey = keyof typeof EnvSchema.properties;
export type EnvSettings = Static<typeof EnvSchema>;

export const ENV_KEYS = Object.keys(EnvSchema.properties) as EnvKey[];

export function envKeySchema(key: EnvKey): TSchema & Annotations {
  return EnvSchema.properties[key];
}
