// CORS from the allow-list in config (docs/api.md#cors, SEC-7); preflights are answered here with 204 and are
// never rate limited (the preflight route carries no route policy).
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import type { CorsConfig } from '@socialpredict/config';
import { HttpProblem } from '../http-problem.ts';
import { sendProblem } from './error-handler.plugin.ts';
import { nonEncapsulated } from './non-encapsulated.ts';

export const corsPlugin = nonEncapsulated('cors', async (app: FastifyInstance, opts: { config: CorsConfig }) => {
  const { config } = opts;
  if (!config.enabled) return;
  // @fastify/cors answers a preflight without Origin or Access-Control-Request-Method in plain text; this hook runs
  // first and refuses it with the JSON error body instead (docs/api.md#validation, hostile input). It sends rather
  // than throws: the preflight route declares no response schema, so a thrown error would be serialised by
  // Fastify's default error schema, which drops `ok` and `reason`.
  app.addHook('onRequest', (request, reply, done) => {
    const asksPreflight = request.method === 'OPTIONS';
    if (!asksPreflight || (request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined)) {
      done();
      return;
    }
    sendProblem(reply, new HttpProblem(400, 'INVALID_REQUEST', 'A CORS preflight needs the Origin and Access-Control-Request-Method headers.'));
  });
  await app.register(cors, {
    origin: config.allowOrigins === '*' ? '*' : [...config.allowOrigins],
    methods: [...config.allowMethods],
    allowedHeaders: [...config.allowHeaders],
    exposedHeaders: [...config.exposeHeaders],
    credentials: config.allowCredentials,
    maxAge: config.maxAgeSeconds,
    optionsSuccessStatus: 204,
  });
});
