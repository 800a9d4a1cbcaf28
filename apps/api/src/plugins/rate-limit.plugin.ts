// The two limiters of docs/api.md#rate-limits built on @fastify/rate-limit: one general counter per client address shared
// by every `G` route and unknown-route 404, and the login limiter with its own counters per address and per
// username. Route policies (route-policy.plugin.ts) decide which hook a route gets; OPTIONS and ops routes get none.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { RateLimitConfig } from '@socialpredict/config';
import { HttpProblem } from '../http-problem.ts';
import type { Reason } from '../schemas/error.schema.ts';
import { nonEncapsulated } from './non-encapsulated.ts';
import { RateLimitCounters, type RateLimitStoreState } from './rate-limit-counters.ts';

export type LimitHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface Limiters {
  general: LimitHook;
  loginByAddress: LimitHook;
  loginByUsername: LimitHook;
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
    app.decorate('limiters', { general: noLimit, loginByAddress: noLimit, loginByUsername: noLimit, storeState: () => 'memory' });
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
      request.log.info({ event: 'rate_limit.exceeded', limiter: spec.name }, 'rate limited');
      app.metrics.rateLimited.inc({ limiter: spec.name });
      throw new HttpProblem(429, spec.reason, spec.message, {
        headers: { ...headers, 'retry-after': String(Math.max(1, ttlInSeconds)) },
      });
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
    loginByUsername: build({
      name: 'login-user',
      ...config.login,
      reason: 'LOGIN_RATE_LIMITED',
      message: 'Too many login attempts. Please wait a few minutes and try again.',
      key: (request) => loginUsername(request.body),
    }),
    storeState: () => counters.state,
  });
});

function loginUsername(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const username = (body as { username?: unknown }).username;
  return typeof username === 'string' && username.trim() !== '' ? username.trim().toLowerCase() : undefined;
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
