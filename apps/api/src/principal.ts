// The authenticated caller of a route whose policy requires one.
import type { FastifyRequest } from 'fastify';
import { userActor, type Actor } from '@socialpredict/domain';
import type { Principal } from './plugins/route-policy.plugin.ts';

export function principalOf(request: FastifyRequest): Principal {
  // The route policy hook has run before any handler of an authenticated route, so this is a wiring error.
  if (request.principal === undefined) throw new Error(`route ${request.routeOptions.url} has no authenticated caller`);
  return request.principal;
}

/** The caller as the actor of a write use case. */
export function actorOf(request: FastifyRequest): Actor {
  return userActor(principalOf(request));
}
