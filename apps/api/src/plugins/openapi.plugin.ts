// OpenAPI 3.1 generated from the route schemas (API-2), served at /openapi.json and /openapi.yaml, with the docs UI
// at /docs (disabled by DOCS_ENABLED=false). Must be registered before any route so @fastify/swagger sees them all.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { nonEncapsulated } from './non-encapsulated.ts';
import { DOCS_PREFIX } from './security-headers.plugin.ts';

export const openApiPlugin = nonEncapsulated(
  'openapi',
  async (app: FastifyInstance, opts: { docsEnabled: boolean; version: string }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'SocialPredict API',
          version: opts.version,
          description: 'The v0 wire contract of the SocialPredict web app, plus unversioned ops endpoints.',
        },
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
      },
      // Shared shapes keep their `$id` as their name under components/schemas.
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    });

    const hidden = { schema: { hide: true }, config: { ops: 'ops' as const } };
    app.get('/openapi.json', hidden, async () => app.swagger());
    app.get('/openapi.yaml', hidden, async (_request, reply) => reply.type('application/yaml').send(app.swagger({ yaml: true })));

    if (!opts.docsEnabled) return;
    await app.register(swaggerUi, { routePrefix: DOCS_PREFIX, uiConfig: { docExpansion: 'list' } });
    app.get('/swagger', hidden, async (_request, reply) => reply.redirect(`${DOCS_PREFIX}/`));
  },
);
