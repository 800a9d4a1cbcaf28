// The HTTP adapter as one Fastify plugin, built without listening so tests drive it with `inject`. Plugins load in
// a fixed order: external concerns (routing table, metrics, request context, headers, CORS, load shedding, limits,
// OpenAPI), then the app's own (errors, route policy), then the routes.
import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from 'prom-client';
import type { AppConfig } from '@socialpredict/config';
import { SHARE_IMAGE_MAX_BYTES, type Clock, type IdempotencyStore } from '@socialpredict/domain';
import type { AppUseCases, OpsProbe } from '@socialpredict/runtime';
import type { Lifecycle } from './lifecycle.ts';
import { corsPlugin } from './plugins/cors.plugin.ts';
import { errorHandlerPlugin } from './plugins/error-handler.plugin.ts';
import { jsonBodyPlugin } from './plugins/json-body.plugin.ts';
import { idempotencyPlugin } from './plugins/idempotency.plugin.ts';
import { loadSheddingPlugin } from './plugins/load-shedding.plugin.ts';
import { metricsPlugin } from './plugins/metrics.plugin.ts';
import { nonEncapsulated } from './plugins/non-encapsulated.ts';
import { openApiPlugin } from './plugins/openapi.plugin.ts';
import { rateLimitPlugin } from './plugins/rate-limit.plugin.ts';
import { requestContextPlugin } from './plugins/request-context.plugin.ts';
import { routePolicyPlugin, type Authenticator } from './plugins/route-policy.plugin.ts';
import { routeTablePlugin } from './plugins/route-table.plugin.ts';
import { securityHeadersPlugin } from './plugins/security-headers.plugin.ts';
import { webAppPlugin } from './plugins/web-app.plugin.ts';
import { multipartUploadPlugin } from './plugins/multipart-upload.plugin.ts';
import { typeboxValidatorCompiler } from './request-validation.ts';
import { COMPONENT_SCHEMAS } from './schemas/components.schema.ts';
import { adminRoutes } from './routes/admin.route.ts';
import { answerAdditionRoutes } from './routes/answer-additions.route.ts';
import { descriptionAmendmentRoutes } from './routes/description-amendments.route.ts';
import { marketGroupRoutes } from './routes/market-groups.route.ts';
import { marketGroupReviewRoutes } from './routes/market-group-review.route.ts';
import { authRoutes } from './routes/auth.route.ts';
import { contentRoutes } from './routes/content.route.ts';
import { contentAdminRoutes } from './routes/content-admin.route.ts';
import { shareImageRoutes } from './routes/share-image.route.ts';
import { sharePageRoutes } from './routes/share-page.route.ts';
import { marketReviewRoutes } from './routes/market-review.route.ts';
import { marketRoutes } from './routes/markets.route.ts';
import { projectionRoutes } from './routes/projection.route.ts';
import { opsRoutes } from './routes/ops.route.ts';
import { positionRoutes } from './routes/positions.route.ts';
import { reportingRoutes } from './routes/reporting.route.ts';
import { setupRoutes } from './routes/setup.route.ts';
import { siteSettingsRoutes } from './routes/site-settings.route.ts';
import { marketTagRoutes } from './routes/market-tags.route.ts';
import { tradingRoutes } from './routes/trading.route.ts';
import { userGovernanceRoutes } from './routes/user-governance.route.ts';
import { userRoutes } from './routes/users.route.ts';

export interface AppDeps {
  config: AppConfig;
  lifecycle: Lifecycle;
  probe: OpsProbe;
  authenticator: Authenticator;
  useCases: AppUseCases;
  /** `Idempotency-Key` records (docs/api.md#idempotency) */
  idempotency: IdempotencyStore;
  clock: Clock;
  version: string;
  /** shared with the job runner's series; each app gets its own otherwise */
  metricsRegistry?: Registry;
}

/** A running claim outlives the longest request by this much before a retry may take it over. */
const IDEMPOTENCY_LEASE_MARGIN_MS = 30_000;

export function buildApp(deps: AppDeps): FastifyPluginAsync {
  const { config } = deps;
  // Not encapsulated, like fastify-plugin: the decorators (route table, metrics, limiters) reach the server itself.
  return nonEncapsulated('socialpredict-api', async (app) => {
    app.setValidatorCompiler(typeboxValidatorCompiler);
    // Only JSON bodies are accepted (415 otherwise); Fastify's built-in text/plain parser would let text through.
    app.removeContentTypeParser('text/plain');
    await app.register(jsonBodyPlugin);
    for (const schema of COMPONENT_SCHEMAS) app.addSchema(schema);

    await app.register(routeTablePlugin);
    await app.register(metricsPlugin, deps.metricsRegistry === undefined ? {} : { registry: deps.metricsRegistry });
    await app.register(requestContextPlugin);
    await app.register(securityHeadersPlugin, { config: config.security, docsEnabled: config.api.docsEnabled });
    await app.register(corsPlugin, { config: config.cors });
    await app.register(loadSheddingPlugin, { maxEventLoopDelayMs: config.server.maxEventLoopDelayMs, lifecycle: deps.lifecycle });
    await app.register(rateLimitPlugin, { config: config.rateLimit });
    await app.register(openApiPlugin, { docsEnabled: config.api.docsEnabled, version: deps.version });
    await app.register(webAppPlugin, {
      dir: config.api.webAppDir,
      publicBaseUrl: config.api.publicBaseUrl,
      publicApiUrl: config.api.publicApiUrl,
    });

    await app.register(errorHandlerPlugin);
    await app.register(routePolicyPlugin, { authenticator: deps.authenticator });
    await app.register(idempotencyPlugin, {
      store: deps.idempotency,
      clock: deps.clock,
      ttlSeconds: config.api.idempotencyTtlSeconds,
      leaseMs: config.server.requestTimeoutMs + IDEMPOTENCY_LEASE_MARGIN_MS,
    });

    await app.register(opsRoutes, {
      lifecycle: deps.lifecycle,
      probe: deps.probe,
      version: deps.version,
      metricsEnabled: config.api.metricsEnabled,
      metricsAuthToken: config.api.metricsAuthToken,
    });
    const { useCases, clock } = deps;
    const initialAccountBalance = config.setup.economics.user.initialAccountBalance;
    await app.register(setupRoutes, { setup: config.setup });
    await app.register(contentRoutes, { useCases, clock, bootTime: clock.now() });
    await app.register(authRoutes, { useCases, initialAccountBalance });
    await app.register(userRoutes, { useCases, initialAccountBalance, clock });
    await app.register(marketRoutes, { useCases, clock });
    await app.register(projectionRoutes, { useCases });
    await app.register(positionRoutes, { useCases, clock });
    await app.register(tradingRoutes, { useCases });
    await app.register(reportingRoutes, { useCases, economics: config.setup.economics });
    await app.register(adminRoutes, { useCases });
    await app.register(siteSettingsRoutes, { useCases, bootTime: clock.now() });
    await app.register(userGovernanceRoutes, { useCases });
    await app.register(answerAdditionRoutes, { useCases });
    await app.register(marketReviewRoutes, { useCases, clock });
    await app.register(marketTagRoutes, { useCases, clock });
    await app.register(descriptionAmendmentRoutes, { useCases });
    await app.register(marketGroupRoutes, { useCases, clock });
    await app.register(contentAdminRoutes, { useCases, bootTime: clock.now() });
    // The share image upload is the only multipart route: the parser lives in its scope alone.
    await app.register(async (uploads) => {
      await uploads.register(multipartUploadPlugin, { maxFileBytes: SHARE_IMAGE_MAX_BYTES });
      await uploads.register(shareImageRoutes, { useCases, bootTime: clock.now() });
    });
    await app.register(sharePageRoutes, { useCases, publicBaseUrl: config.api.publicBaseUrl });
    await app.register(marketGroupReviewRoutes, { useCases, clock });
  });
}
