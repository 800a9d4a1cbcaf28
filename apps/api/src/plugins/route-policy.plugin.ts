// Per-route policy declared in each route's `config` — which limiter counts it and who may call it — turned into
// route hooks in the order of docs/api.md#request-pipeline: rate limit → token → user exists → password gate → role. They run
// in onRequest, before the body is parsed or validated, so an unauthenticated caller learns nothing about input rules.
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import type { UserProfile } from '@socialpredict/domain';
import { HttpProblem } from '../http-problem.ts';
import { nonEncapsulated } from './non-encapsulated.ts';

/**
 * `public` never reads the Authorization header; `user` = authenticated + password gate; `user-ungated` skips the
 * gate (change-password only); `admin` adds the ADMIN role; `reporting-*` are public while the reporting-visibility
 * flag allows it, otherwise `user` (docs/api.md#reporting-visibility).
 */
export type AuthPolicy = 'public' | 'user' | 'user-ungated' | 'admin' | 'reporting-system-metrics' | 'reporting-global-leaderboard';
export type LimitPolicy = 'general' | 'login' | 'none';

/** The caller as re-read from the database on each request (role and flags are not in the token, docs/api.md#tokens). */
export type Principal = UserProfile;

export interface Authenticator {
  /**
   * Verifies the bearer token and loads its user, applying the password gate unless `allowPendingPasswordChange`;
   * rejects with an HttpProblem (401 / 404 / 403).
   */
  authenticate(token: string, allowPendingPasswordChange: boolean): Promise<Principal>;
  /** Whether a reporting route is currently public (docs/api.md#reporting-visibility). */
  isReportPublic(report: 'systemMetrics' | 'globalLeaderboard'): Promise<boolean>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthPolicy;
    limit?: LimitPolicy;
    /** ops routes (docs/api.md#ops-endpoints): no limiter, `Cache-Control: no-store`, debug-level request logs for probes */
    ops?: 'probe' | 'ops';
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

export const routePolicyPlugin = nonEncapsulated(
  'route-policy',
  async (app: FastifyInstance, opts: { authenticator: Authenticator }) => {
    const { authenticator } = opts;
    app.decorateRequest('principal', undefined);

    const authenticate = async (request: FastifyRequest, gate: boolean): Promise<Principal> => {
      const principal = await authenticator.authenticate(bearerToken(request.headers.authorization), !gate);
      request.principal = principal;
      return principal;
    };

    const authHook = (policy: AuthPolicy): onRequestHookHandler | undefined => {
      switch (policy) {
        case 'public':
          return undefined;
        case 'user':
          return async (request) => {
            await authenticate(request, true);
          };
        case 'user-ungated':
          return async (request) => {
            await authenticate(request, false);
          };
        case 'admin':
          return async (request) => {
            const principal = await authenticate(request, true);
            if (principal.role !== 'ADMIN') {
              throw new HttpProblem(403, 'AUTHORIZATION_DENIED', 'This action requires an administrator.');
            }
          };
        case 'reporting-system-metrics':
        case 'reporting-global-leaderboard': {
          const report = policy === 'reporting-system-metrics' ? 'systemMetrics' : 'globalLeaderboard';
          return async (request) => {
            if (!(await authenticator.isReportPublic(report))) await authenticate(request, true);
          };
        }
      }
    };

    app.addHook('onRoute', (route: RouteOptions) => {
      const config = (route.config ?? {}) as { auth?: AuthPolicy; limit?: LimitPolicy };
      const onRequest: onRequestHookHandler[] = [];
      if (config.limit === 'general') onRequest.push(limitHook(app, 'general'));
      if (config.limit === 'login') {
        onRequest.push(limitHook(app, 'loginByAddress'));
        // The username is in the body, so its failure ceiling is checked once the body is parsed, before validation.
        route.preValidation = [
          ...asArray(route.preValidation),
          async (request: FastifyRequest, reply: FastifyReply) => app.limiters.loginFailures.check(request, reply),
        ];
        // Counted before the answer leaves, so the client's next attempt already sees it. The login route answers 401
        // only for a wrong password or an unknown name; successes, 400s and 429s never count.
        route.onSend = [
          ...asArray(route.onSend),
          async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
            if (reply.statusCode === 401) await app.limiters.loginFailures.recordFailure(request);
            return payload;
          },
        ];
      }
      const auth = authHook(config.auth ?? 'public');
      if (auth !== undefined) onRequest.push(auth);
      if (onRequest.length > 0) route.onRequest = [...onRequest, ...asArray(route.onRequest)];
    });

    app.addHook('onSend', (request, reply, payload, done) => {
      const { auth, ops } = request.routeOptions.config;
      if (ops !== undefined || (auth !== undefined && auth !== 'public')) reply.header('cache-control', 'no-store');
      done(null, payload);
    });
  },
);

function limitHook(app: FastifyInstance, name: 'general' | 'loginByAddress') {
  // Resolved per request: the limiters are decorated by a sibling plugin that may load after this one.
  return async (request: FastifyRequest, reply: FastifyReply) => app.limiters[name](request, reply);
}

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function bearerToken(header: string | undefined): string {
  const match = /^Bearer +([^\s]+)\s*$/i.exec(header ?? '');
  if (match?.[1] === undefined) {
    throw new HttpProblem(401, 'INVALID_TOKEN', 'Please log in: a valid bearer token is required.');
  }
  return match[1];
}
