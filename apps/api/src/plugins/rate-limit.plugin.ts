// The limiters of docs/api.md#rate-limits: one general counter per client address shared by every `G` route and
// unknown-route 404, and for the login route a counter of every attempt per address plus a ceiling on failed attempts
// per username. The first two are @fastify/rate-limit's; the failure ceiling counts only outcomes, which that plugin
// cannot, so it reads and bumps the same counters itself. Route policies (route-policy.plugin.ts) decide which hooks
// a route gets; OPTIONS and ops routes get none.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { RateLimitConfig } from '@socialpredict/config';
import { HttpProblem } from '../http-problem.ts';
import type { Reason } from '../schemas/error.schema.ts';
import { nonEncapsulated } from './non-encapsulated.ts';
import { RateLimitCounters, type RateLimitStoreState } from './rate-limit-counters.ts';

export type LimitHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * Failed logins per username. Counting every attempt there would let anyone lock a named user out from any address;
 * counting failures only, under a high ceiling, stops a guess spread over many addresses while the owner's correct
 * password still logs in.
 */
export interface LoginFailureLimiter {
  /** 429 once the username's failures in the window reach the ceiling; the attempt itself is not counted. */
  check: LimitHook;
  /** Counts a failed login (wrong password, existing or unknown name) against its username. */
  recordFailure(request: FastifyRequest): Promise<void>;
}

export interface Limiters {
  general: LimitHook;
  loginByAddress: LimitHook;
  loginFailures: LoginFailureLimiter;
  storeState(): RateLimitStoreState;
}

declare module 'fastify' {
  interface FastifyInstance {
    limiters: Limiters;
  }
}

interface LimiterSpec {
  name: string;
  max: number;
  windowSeconds: number;
  reason: Reason;
  message: string;
  /** undefined → the request is not counted by this limiter */
  key(request: FastifyRequest): string | undefined;
}

const noLimit: LimitHook = async () => {};

export const rateLimitPlugin = nonEncapsulated('rate-limits', async (app: FastifyInstance, opts: { config: RateLimitConfig }) => {
  const { config } = opts;
  if (!config.enabled) {
    app.decorate('limiters', {
      general: noLimit,
      loginByAddress: noLimit,
      loginFailures: { check: noLimit, recordFailure: async () => {} },
      storeState: () => 'memory',
    });
    return;
  }

  const redis = config.redisUrl === undefined ? undefined : await connectRedis(config.redisUrl, app);
  const counters = new RateLimitCounters(redis, app.log);

  // @fastify/rate-limit asks its store for a child per limiter; the limiters share one set of counters and keep
  // apart by prefixing their keys with their names.
  class SharedCountersStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, windowMs: number): void {
      counters.increment(key, windowMs).then((count) => callback(null, count), callback);
    }
    child(): SharedCountersStore {
      return this;
    }
  }

  await app.register(rateLimit, { global: false, store: SharedCountersStore });

  const build = (spec: LimiterSpec): LimitHook => {
    const check = app.createRateLimit({
      max: spec.max,
      timeWindow: spec.windowSeconds * 1000,
      keyGenerator: (request) => `${spec.name}:${spec.key(request) ?? ''}`,
      allowList: (request) => spec.key(request) === undefined,
    });
    return async (request, reply) => {
      const result = await check(request);
      if (result.isAllowed) return;
      const { max, remaining, ttlInSeconds, isExceeded } = result as {
        max: number;
        remaining: number;
        ttlInSeconds: number;
        isExceeded: boolean;
      };
      const headers = {
        'x-ratelimit-limit': String(max),
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-reset': String(ttlInSeconds),
      };
      if (!isExceeded) {
        reply.headers(headers);
        return;
      }
      throw exceeded(request, spec, headers, ttlInSeconds);
    };
  };

  const exceeded = (
    request: FastifyRequest,
    spec: Pick<LimiterSpec, 'name' | 'reason' | 'message'>,
    headers: Record<string, string>,
    ttlInSeconds: number,
  ): HttpProblem => {
    request.log.info({ event: 'rate_limit.exceeded', limiter: spec.name }, 'rate limited');
    app.metrics.rateLimited.inc({ limiter: spec.name });
    return new HttpProblem(429, spec.reason, spec.message, {
      headers: { ...headers, 'retry-after': String(Math.max(1, ttlInSeconds)) },
    });
  };

  const failureCeiling = (spec: Omit<LimiterSpec, 'key'>): LoginFailureLimiter => {
    const keyOf = (request: FastifyRequest) => {
      const username = loginUsername(request.body);
      return username === undefined ? undefined : `${spec.name}:${username}`;
    };
    return {
      // Checked before the password and counted after it, so guesses in flight together can pass the ceiling by
      // at most their number, which the per-address limiter bounds.
      async check(request) {
        const key = keyOf(request);
        if (key === undefined) return;
        const { current, ttl } = await counters.peek(key);
        if (current < spec.max) return;
        const ttlInSeconds = Math.ceil(ttl / 1000);
        const headers = { 'x-ratelimit-limit': String(spec.max), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(ttlInSeconds) };
        throw exceeded(request, spec, headers, ttlInSeconds);
      },
      async recordFailure(request) {
        const key = keyOf(request);
        if (key !== undefined) await counters.increment(key, spec.windowSeconds * 1000);
      },
    };
  };

  app.decorate('limiters', {
    general: build({
      name: 'general',
      ...config.general,
      reason: 'RATE_LIMITED',
      message: 'Too many requests. Please wait a moment and try again.',
      key: (request) => request.ip,
    }),
    loginByAddress: build({
      name: 'login-ip',
      ...config.login,
      reason: 'LOGIN_RATE_LIMITED',
      message: 'Too many login attempts. Please wait a few minutes and try again.',
      key: (request) => request.ip,
    }),
    loginFailures: failureCeiling({
      name: 'login-failures',
      ...config.loginFailures,
      reason: 'LOGIN_RATE_LIMITED',
      message: 'Too many failed logins for this account. Please wait a few minutes and try again.',
    }),
    storeState: () => counters.state,
  });
});

function loginUsername(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const username = (body as { username?: unknown }).username;
  return typeof username === 'string' && username.trim() !== '' ? username.trim() : undefined;
}

const REDIS_CONNECT_TIMEOUT_MS = 2000;

async function connectRedis(url: string, app: FastifyInstance): Promise<Redis> {
  // Fail fast instead of queueing while Redis is away: the counters fall back to in-process counting.
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: REDIS_CONNECT_TIMEOUT_MS });
  redis.on('error', (error: Error) => app.log.debug({ err: error }, 'redis connection error'));
  app.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
  // Give the first connection a moment so the first requests already share the Redis budget.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, REDIS_CONNECT_TIMEOUT_MS);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return redis;
}
