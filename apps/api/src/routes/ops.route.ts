// Unversioned ops endpoints (docs/api.md#ops-endpoints, MON-1): probes, process status and Prometheus metrics. Never rate
// limited, never cached, no business numbers. A configured METRICS_AUTH_TOKEN guards /metrics and /ops/status (the
// configuration demands one in staging and production unless METRICS_PUBLIC=true); /health and /readyz stay open.
import { timingSafeEqual } from 'node:crypto';
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { OpsProbe } from '@socialpredict/runtime';
import type { Lifecycle } from '../lifecycle.ts';
import { HttpProblem } from '../http-problem.ts';
import { documented } from '../schemas/common.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';

export interface OpsRouteOptions {
  lifecycle: Lifecycle;
  probe: OpsProbe;
  version: string;
  metricsEnabled: boolean;
  metricsAuthToken: string | undefined;
}

const READY_TIMEOUT_MS = 2000;

const plainText = (description: string, example: string) => documented(Type.String(), description, example);

const OpsStatusBody = Type.Object({
  live: Type.Boolean(),
  ready: Type.Boolean(),
  requestFailuresTotal: Type.Integer(),
  dbPool: Type.Object({
    maxOpenConnections: Type.Integer(),
    openConnections: Type.Integer(),
    inUseConnections: Type.Integer(),
    idleConnections: Type.Integer(),
    waitCount: Type.Integer(),
    waitDurationNanoseconds: Type.Integer(),
    maxIdleClosedConnections: Type.Integer(),
    maxLifetimeClosedConnections: Type.Integer(),
  }),
  database: Type.Union([Type.Literal('postgres'), Type.Literal('pglite')]),
  rateLimitStore: Type.Union([Type.Literal('memory'), Type.Literal('redis'), Type.Literal('memory-fallback')]),
  jobs: Type.Object({
    enabled: Type.Boolean(),
    queued: Type.Integer(),
    failed: Type.Integer(),
    deadLettered: Type.Integer(),
  }),
  version: Type.String(),
  uptimeSeconds: Type.Integer(),
});

const opsStatus = (description: string, ready: boolean) =>
  documented(OpsStatusBody, description, {
    live: true,
    ready,
    requestFailuresTotal: 0,
    dbPool: {
      maxOpenConnections: 10, openConnections: 2, inUseConnections: 0, idleConnections: 2, waitCount: 0,
      waitDurationNanoseconds: 0, maxIdleClosedConnections: 0, maxLifetimeClosedConnections: 0,
    },
    database: 'postgres',
    rateLimitStore: 'memory',
    jobs: { enabled: true, queued: 0, failed: 0, deadLettered: 0 },
    version: '0.1.0',
    uptimeSeconds: 3600,
  });

export const opsRoutes: FastifyPluginAsyncTypebox<OpsRouteOptions> = async (app, opts) => {
  const { lifecycle, probe } = opts;

  const expected = opts.metricsAuthToken === undefined ? undefined : Buffer.from(`Bearer ${opts.metricsAuthToken}`);
  const requireOpsToken = async (request: { headers: { authorization?: string | undefined } }) => {
    if (expected === undefined) return;
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HttpProblem(401, 'INVALID_TOKEN', 'A valid metrics token is required.');
    }
  };

  // Probes arriving together share one check, but a check lasts at most the timeout: its ping is then abandoned (the
  // probe drops its connection), so a ping that never settles cannot hold later checks hostage.
  let pendingCheck: Promise<boolean> | undefined;
  const check = async (): Promise<boolean> => {
    const deadline = AbortSignal.timeout(READY_TIMEOUT_MS);
    const timedOut = new Promise<never>((_, reject) =>
      deadline.addEventListener('abort', () => reject(new Error('readiness ping timed out')), { once: true }),
    );
    try {
      await Promise.race([probe.ping(deadline), timedOut]);
      return true;
    } catch (error) {
      app.log.warn({ event: 'readiness.db_check_failed', err: error }, 'database did not answer the readiness check');
      return false;
    }
  };
  const databaseAnswers = (): Promise<boolean> => {
    pendingCheck ??= check().finally(() => {
      pendingCheck = undefined;
    });
    return pendingCheck;
  };

  app.get(
    '/health',
    {
      config: { ops: 'probe' },
      schema: {
        tags: ['ops'],
        summary: 'Liveness probe',
        description: 'Whether the process is alive, without touching the database; also `live` while draining. 503 only after a fatal error. Plain text.',
        response: { 200: plainText('Alive.', 'live'), 503: plainText('A fatal error was recorded.', 'not live') },
      },
    },
    async (_request, reply) => {
      reply.type('text/plain; charset=utf-8');
      return lifecycle.live ? reply.code(200).send('live') : reply.code(503).send('not live');
    },
  );

  app.get(
    '/readyz',
    {
      config: { ops: 'probe' },
      schema: {
        tags: ['ops'],
        summary: 'Readiness probe',
        description: 'Whether the process takes traffic: start-up finished, not draining, and the database answers `SELECT 1` within 2 s. Plain text.',
        response: { 200: plainText('Ready.', 'ready'), 503: plainText('Starting, draining or database away.', 'not ready') },
      },
    },
    async (_request, reply) => {
      reply.type('text/plain; charset=utf-8');
      const ready = lifecycle.ready && (await databaseAnswers());
      return ready ? reply.code(200).send('ready') : reply.code(503).send('not ready');
    },
  );

  app.get(
    '/ops/status',
    {
      config: { ops: 'probe' },
      preHandler: requireOpsToken,
      schema: {
        tags: ['ops'],
        summary: 'Process status',
        description:
          'Liveness, readiness, database pool, rate-limit store, job queues, version and uptime, without business ' +
          'figures; 503 with the same body when not live or not ready. Requires `Authorization: Bearer ' +
          '<METRICS_AUTH_TOKEN>` when that token is set (401 `INVALID_TOKEN` otherwise).',
        response: { 200: opsStatus('Live and ready.', true), 503: opsStatus('Not live or not ready.', false), ...errorResponses(401) },
      },
    },
    async (_request, reply) => {
      const ready = lifecycle.ready && (await databaseAnswers());
      const body = {
        live: lifecycle.live,
        ready,
        requestFailuresTotal: app.metrics.requestFailures(),
        dbPool: probe.poolStats(),
        database: probe.database,
        rateLimitStore: app.limiters.storeState(),
        jobs: probe.jobs(),
        version: opts.version,
        uptimeSeconds: Math.floor((Date.now() - lifecycle.startedAt) / 1000),
      };
      return reply.code(lifecycle.live && ready ? 200 : 503).send(body);
    },
  );

  if (!opts.metricsEnabled) return;
  app.get(
    '/metrics',
    {
      config: { ops: 'ops' },
      preHandler: requireOpsToken,
      schema: {
        tags: ['ops'],
        summary: 'Prometheus metrics',
        description:
          'Every metric in the Prometheus text format. Requires `Authorization: Bearer <METRICS_AUTH_TOKEN>` when that ' +
          'token is set (401 `INVALID_TOKEN` otherwise).',
        response: {
          200: plainText('The metrics.', '# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes 73400320\n'),
          ...errorResponses(401),
        },
      },
    },
    async (_request, reply) => {
      reply.type(app.metrics.source.contentType);
      return app.metrics.source.metrics();
    },
  );
};
