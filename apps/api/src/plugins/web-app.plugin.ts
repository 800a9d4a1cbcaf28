// Optional serving of a built web app (API-6): its files, a generated /env-config.js telling the app where the API
// is, and an SPA fallback so client-side routes load index.html. Off unless WEB_APP_DIR is set.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { nonEncapsulated } from './non-encapsulated.ts';

export interface WebAppOptions {
  dir: string | undefined;
  publicBaseUrl: string;
  publicApiUrl: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Sends the web app's index.html for a browser navigation the router does not know; false when not applicable. */
    spaFallback(request: FastifyRequest, reply: FastifyReply): boolean;
    /** The web app's index.html, read afresh (a redeploy shows at once); undefined when no web app is served. */
    webAppIndex(): Promise<string | undefined>;
  }
}

const API_PATHS = /^\/(v0|ops|metrics|health|readyz|openapi|docs|swagger)(\/|\.|$)/;

export const webAppPlugin = nonEncapsulated('web-app', async (app: FastifyInstance, opts: WebAppOptions) => {
  const { dir } = opts;
  if (dir === undefined) {
    app.decorate('spaFallback', () => false);
    app.decorate('webAppIndex', () => Promise.resolve(undefined));
    return;
  }
  await app.register(fastifyStatic, { root: dir, wildcard: false, index: ['index.html'] });
  // The shared market page (routes/share-page.route.ts) is this file with the share tags put into <head>.
  app.decorate('webAppIndex', () => readFile(join(dir, 'index.html'), 'utf8'));

  app.get('/env-config.js', { schema: { hide: true } }, async (request, reply) => {
    const env = {
      DOMAIN_URL: opts.publicBaseUrl,
      // The process serves /v0 itself, so by default the app talks to the origin it was loaded from.
      API_URL: opts.publicApiUrl ?? `${request.protocol}://${request.host}`,
    };
    return reply
      .type('application/javascript; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(`window.__ENV__ = ${JSON.stringify(env)};\n`);
  });

  app.decorate('spaFallback', (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    const navigation = (request.method === 'GET' || request.method === 'HEAD') && (request.headers.accept ?? '').includes('text/html');
    if (!navigation || API_PATHS.test(path)) return false;
    void reply.header('cache-control', 'no-cache').sendFile('index.html');
    return true;
  });
});
