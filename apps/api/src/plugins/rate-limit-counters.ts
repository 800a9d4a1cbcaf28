// Fixed-window counters behind @fastify/rate-limit and the login-failure limiter (docs/api.md#rate-limits). With REDIS_URL they live in Redis under
// `sp:rl:` so every process shares one budget; when Redis fails the same call is answered from in-process counters
// (logged once as `rate_limit.store_degraded`), so a Redis outage never fails a request.
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';

export type RateLimitStoreState = 'memory' | 'redis' | 'memory-fallback';

export interface WindowCount {
  current: number;
  /** milliseconds until the window resets */
  ttl: number;
}

const KEY_PREFIX = 'sp:rl:';
const MEMORY_SWEEP_THRESHOLD = 10_000;

// INCR then start the window on the first hit; PTTL tells the caller when it resets.
const INCREMENT_SCRIPT = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {current, ttl}
`;

// The window's count without counting: 0 (and no TTL) when the key has no window running.
const PEEK_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then return {0, 0} end
return {tonumber(current), redis.call('PTTL', KEYS[1])}
`;

export class RateLimitCounters {
  readonly #redis: Redis | undefined;
  readonly #log: FastifyBaseLogger;
  readonly #memory = new Map<string, { count: number; resetAt: number }>();
  #degraded = false;

  constructor(redis: Redis | undefined, log: FastifyBaseLogger) {
    this.#redis = redis;
    this.#log = log;
  }

  get state(): RateLimitStoreState {
    if (this.#redis === undefined) return 'memory';
    return this.#degraded ? 'memory-fallback' : 'redis';
  }

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    return this.#run(INCREMENT_SCRIPT, key, [windowMs], () => this.#incrementInMemory(key, windowMs));
  }

  /** The current window's count for `key`, leaving it unchanged (a limiter that counts only some outcomes). */
  async peek(key: string): Promise<WindowCount> {
    return this.#run(PEEK_SCRIPT, key, [], () => this.#peekInMemory(key));
  }

  async #run(script: string, key: string, args: number[], inMemory: () => WindowCount): Promise<WindowCount> {
    if (this.#redis === undefined) return inMemory();
    try {
      const [current, ttl] = (await this.#redis.eval(script, 1, KEY_PREFIX + key, ...args)) as [number, number];
      if (this.#degraded) {
        this.#degraded = false;
        this.#log.info({ event: 'rate_limit.store_recovered' }, 'rate limit counters are back in Redis');
      }
      return { current, ttl };
    } catch (error) {
      if (!this.#degraded) {
        this.#degraded = true;
        this.#log.warn(
          { event: 'rate_limit.store_degraded', err: error },
          'Redis rate-limit store failed; counting in process',
        );
      }
      return inMemory();
    }
  }

  #incrementInMemory(key: string, windowMs: number): WindowCount {
    const now = Date.now();
    if (this.#memory.size > MEMORY_SWEEP_THRESHOLD) this.#sweep(now);
    const entry = this.#memory.get(key);
    if (entry === undefined || entry.resetAt <= now) {
      this.#memory.set(key, { count: 1, resetAt: now + windowMs });
      return { current: 1, ttl: windowMs };
    }
    entry.count += 1;
    return { current: entry.count, ttl: entry.resetAt - now };
  }

  #peekInMemory(key: string): WindowCount {
    const now = Date.now();
    const entry = this.#memory.get(key);
    if (entry === undefined || entry.resetAt <= now) return { current: 0, ttl: 0 };
    return { current: entry.count, ttl: entry.resetAt - now };
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#memory) if (entry.resetAt <= now) this.#memory.delete(key);
  }
}
