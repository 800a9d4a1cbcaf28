// CORS from the allow-list in config (docs/api.md#cors, SEC-7); preflights are answered here with 204 and are
// never rate limited (the preflight route carries no route policy).
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import type { CorsConfig } from '@socialpredict/config';
import { nonEncapsulated } from './non-encapsulated.ts';

export const corsPlugin = nonEncapsulated('cors', async (app: FastifyInstance, opts: { config: CorsConfig }) => {
  const { config } = opts;
  if (!config.enabled) return;
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
