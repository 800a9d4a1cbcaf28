// The validated, frozen configuration handed to the composition root, grouped in the slices adapters receive.
import type { AppEnv, LOG_LEVELS } from './env.schema.ts';
import type { SetupPolicy } from './setup.schema.ts';

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerConfig {
  port: number;
  host: string;
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  connectionTimeoutMs: number;
  keepAliveTimeoutMs: number;
  readinessDrainSeconds: number;
  shutdownTimeoutSeconds: number;
  maxEventLoopDelayMs: number;
  /** Fastify `trustProxy`: false, a hop count, or the trusted proxy addresses/CIDRs. */
  trustProxy: false | number | readonly string[];
}

export interface AuthConfig {
  jwtSigningKey: string;
  /** true when no JWT_SIGNING_KEY was given (development/test): tokens die with the process. */
  jwtSigningKeyEphemeral: boolean;
  jwtTtlSeconds: number;
  /** 0: no account cache, every request reads the user row (docs/security.md#account-cache) */
  accountCacheTtlMs: number;
  adminPassword: string | undefined;
}

export interface DatabaseConfig {
  /** unset → embedded PGlite in `pgliteDataDir` */
  url: string | undefined;
  pgliteDataDir: string;
  poolMax: number;
  idleTimeoutSeconds: number;
  maxLifetimeSeconds: number;
  connectTimeoutSeconds: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  slowQueryMs: number;
  requireTls: boolean;
  connectRetries: number;
  connectRetryDelayMs: number;
}

export interface ProcessConfig {
  startupWriter: boolean;
  clusterWorkers: number;
  jobsEnabled: boolean;
  readModelWorker: 'inline' | 'external';
  loadTestEnabled: boolean;
}

export interface RateLimitConfig {
  enabled: boolean;
  redisUrl: string | undefined;
  general: { max: number; windowSeconds: number };
  /** every login attempt, per client address */
  login: { max: number; windowSeconds: number };
  /** failed logins only, per username: high enough that strangers' failures never shut the owner out */
  loginFailures: { max: number; windowSeconds: number };
}

export interface CorsConfig {
  enabled: boolean;
  allowOrigins: '*' | readonly string[];
  allowMethods: readonly string[];
  allowHeaders: readonly string[];
  exposeHeaders: readonly string[];
  allowCredentials: boolean;
  maxAgeSeconds: number;
}

export interface SecurityConfig {
  frameAncestors: string;
  hsts: { enabled: boolean; maxAgeSeconds: number; includeSubDomains: boolean; preload: boolean };
}

export interface ApiConfig {
  docsEnabled: boolean;
  metricsEnabled: boolean;
  metricsAuthToken: string | undefined;
  probabilityPointsMax: number;
  /** bet rows loaded into the market history cache before readiness opens; 0 skips it */
  historyWarmUpRows: number;
  /** how long an `Idempotency-Key` record is kept (docs/api.md#idempotency) */
  idempotencyTtlSeconds: number;
  publicBaseUrl: string;
  shareSiteName: string;
  webAppDir: string | undefined;
  publicApiUrl: string | undefined;
}

export interface AppConfig {
  appEnv: AppEnv;
  logLevel: LogLevel;
  server: ServerConfig;
  auth: AuthConfig;
  database: DatabaseConfig;
  process: ProcessConfig;
  rateLimit: RateLimitConfig;
  cors: CorsConfig;
  security: SecurityConfig;
  api: ApiConfig;
  /** Absolute path of the policy file that was read. */
  setupFile: string;
  setup: SetupPolicy;
}

/** One bad setting: the env variable or `setup.yaml` path, and why. Never carries a secret value. */
export interface ConfigIssue {
  key: string;
  reason: string;
}

export type LoadConfigResult =
  | { ok: true; config: AppConfig }
  | { ok: false; issues: readonly ConfigIssue[] };
