// OpenAPI 3.1 generated from the route schemas (API-2), served at /openapi.json and /openapi.yaml, with the docs UI
// at /docs (disabled by DOCS_ENABLED=false). Must be registered before any route so @fastify/swagger sees them all.
// Each route schema carries its summary, description and examples; this plugin adds what the route's policy already
// states (who may call it, which limiter counts it) and the reasons each error status can carry, so neither can drift.
import swagger, { type SwaggerTransform } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { apiIntroduction, reasonsFor, reasonTable, type ReasonRow } from '../openapi-introduction.ts';
import { nonEncapsulated } from './non-encapsulated.ts';
import type { AuthPolicy, LimitPolicy } from './route-policy.plugin.ts';
import { DOCS_PREFIX } from './security-headers.plugin.ts';

const TAGS = [
  { name: 'auth', description: 'Logging in and changing the password.' },
  { name: 'profile', description: 'The caller’s own profile and the markets they steward.' },
  { name: 'users', description: 'Public reads of any user: profile, credit, portfolio, financial figures.' },
  { name: 'markets', description: 'Market lists, details, trade rows, positions, leaderboards, projections, creation and resolution.' },
  { name: 'trading', description: 'Buying and selling shares, sale quotes and the caller’s sellable position.' },
  { name: 'reporting', description: 'Site-wide money statistics, system metrics and the global leaderboard.' },
  { name: 'content', description: 'Home page, discovery layouts, share settings and tags read by the web app.' },
  { name: 'setup', description: 'The economics and web-app settings in force.' },
  { name: 'admin', description: 'Administrator actions.' },
  { name: 'ops', description: 'Unversioned probes, process status and Prometheus metrics; never rate limited.' },
];

const ACCESS: Record<AuthPolicy, string> = {
  public: 'public; the `Authorization` header is not read',
  user: 'bearer token, password change done (403 `PASSWORD_CHANGE_REQUIRED` otherwise)',
  'user-ungated': 'bearer token, also while a password change is pending',
  admin: 'bearer token of an ADMIN (403 `AUTHORIZATION_DENIED` otherwise)',
  'reporting-system-metrics': 'public while reporting visibility allows it, otherwise a bearer token',
  'reporting-global-leaderboard': 'public while reporting visibility allows it, otherwise a bearer token',
};

const LIMITER: Record<LimitPolicy, string> = {
  general: 'the general limiter',
  login: 'the login limiters',
  none: 'none',
};

interface ResponseSchema {
  $ref?: string;
  description?: string;
  examples?: unknown[];
}
type DocumentedSchema = FastifySchema & { description?: string; response?: Record<string, ResponseSchema> };

/**
 * The response in OpenAPI's own form, so its example survives next to a `$ref` (@fastify/swagger drops the siblings
 * of a `$ref` inside a schema).
 */
function withExample({ description, examples, ...schema }: ResponseSchema & { examples: unknown[] }) {
  return { description, content: { 'application/json': { schema, example: examples[0] } } };
}

/** Adds the access line to the description, names the possible reasons on every error response, places examples. */
function documentRoute(table: readonly ReasonRow[]): SwaggerTransform {
  return ({ schema, url, route }) => {
    const documented = schema as DocumentedSchema | undefined;
    if (documented?.description === undefined) return { schema, url };
    const { auth = 'public', limit = 'none', ops } = route.config ?? {};
    const access = ops === undefined ? `**Access:** ${ACCESS[auth]}. **Rate limit:** ${LIMITER[limit]}.` : '**Ops endpoint:** never rate limited, `Cache-Control: no-store`.';
    const response = Object.fromEntries(
      Object.entries(documented.response ?? {}).map(([status, body]) => {
        if (body.examples !== undefined) return [status, withExample({ ...body, examples: body.examples })];
        if (body.$ref !== 'ErrorBody') return [status, body];
        const reasons = reasonsFor(Number(status), table).map((reason) => `\`${reason}\``);
        return [status, { ...body, description: `Failure: ${reasons.join(', ')}.` }];
      }),
    );
    return { schema: { ...documented, description: `${documented.description}\n\n${access}`, response }, url };
  };
}

export const openApiPlugin = nonEncapsulated(
  'openapi',
  async (app: FastifyInstance, opts: { docsEnabled: boolean; version: string }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'SocialPredict API', version: opts.version, description: apiIntroduction() },
        tags: TAGS,
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
      },
      // Shared shapes keep their `$id` as their name under components/schemas.
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
      transform: documentRoute(reasonTable()),
    });

    const hidden = { schema: { hide: true }, config: { ops: 'ops' as const } };
    app.get('/openapi.json', hidden, async () => app.swagger());
    app.get('/openapi.yaml', hidden, async (_request, reply) => reply.type('application/yaml').send(app.swagger({ yaml: true })));

    if (!opts.docsEnabled) return;
    await app.register(swaggerUi, { routePrefix: DOCS_PREFIX, uiConfig: { docExpansion: 'list' } });
    app.get('/swagger', hidden, async (_request, reply) => reply.redirect(`${DOCS_PREFIX}/`));
  },
);
