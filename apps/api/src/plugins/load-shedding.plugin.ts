// Load shedding (SEC-11): 503 + Retry-After on application routes while the event loop lags beyond the limit; probes
// keep answering so the orchestrator sees the real state. A closing process sheds connections, not requests (DEP-2,
// DEP-3): what reaches it on a connection it already accepted is served, with `Connection: close`, so the client
// sends its next request elsewhere instead of receiving a 503.
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem } from '../http-problem.ts';
import type { Lifecycle } from '../lifecycle.ts';
import { nonEncapsulated } from './non-encapsulated.ts';

const RETRY_AFTER_SECONDS = '5';

function unavailable(message: string): HttpProblem {
  return new HttpProblem(503, 'INTERNAL_ERROR', message, { headers: { 'retry-after': RETRY_AFTER_SECONDS } });
}

const isProbe = (request: FastifyRequest) => request.routeOptions.config.ops !== undefined;

export const loadSheddingPlugin = nonEncapsulated(
  'load-shedding',
  async (app: FastifyInstance, opts: { maxEventLoopDelayMs: number; lifecycle: Lifecycle }) => {
    app.addHook('onRequest', (_request, reply, done) => {
      if (opts.lifecycle.closing) void reply.header('connection', 'close');
      done();
    });
    if (opts.maxEventLoopDelayMs <= 0) return;
    await app.register(underPressure, {
      maxEventLoopDelay: opts.maxEventLoopDelayMs,
      pressureHandler: (request) => {
        if (isProbe(request)) return undefined;
        // A rejected promise reaches the error handler through the plugin's `next(error)`.
        return Promise.reject(unavailable('The server is busy. Please try again shortly.'));
      },
    });
  },
);
