// Request id echo and the one completion log line per request (LOG-1…LOG-3): level by status, debug for probes,
// with the route template, the path without its query string and the caller when known.
import type { FastifyInstance } from 'fastify';
import { nonEncapsulated } from './non-encapsulated.ts';

export const requestContextPlugin = nonEncapsulated('request-context', async (app: FastifyInstance) => {
  // Callback hooks: nothing here waits, and an async hook costs a promise and a microtask turn per request.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });

  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level =
      request.routeOptions.config.ops === 'probe' ? 'debug' : status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    request.log[level](
      {
        event: 'http.request',
        method: request.method,
        route: request.routeOptions.url ?? null,
        path: request.url.split('?')[0],
        status_code: status,
        duration_ms: Math.round(reply.elapsedTime * 100) / 100,
        client_address: request.ip,
        ...(request.principal === undefined ? {} : { username: request.principal.username }),
      },
      'request completed',
    );
    done();
  });
});
