// Prometheus metrics (MON-2, MON-3) in a registry owned by this app instance. Labels use route templates, never
// concrete URLs or ids, so cardinality stays bounded; probes are not counted as request failures.
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { metricsSource, type MetricsSource } from '../cluster-metrics.ts';
import { nonEncapsulated } from './non-encapsulated.ts';

export interface AppMetrics {
  registry: Registry;
  /** what /metrics serves: this registry, or in a cluster worker every worker's (docs/operations.md#cluster) */
  source: MetricsSource;
  /** non-probe 5xx responses since start (`requestFailuresTotal` of /ops/status) */
  requestFailures(): number;
  betsPlaced: Counter<'outcome'>;
  sales: Counter;
  saleDustCredits: Counter;
  marketsCreated: Counter;
  marketsResolved: Counter<'result'>;
  usersCreated: Counter;
  rateLimited: Counter<'limiter'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: AppMetrics;
  }
}

/** Every series of the service starts with it (Prometheus naming: `_total` counters, base units such as `_seconds`). */
export const METRIC_PREFIX = 'socialpredict_';

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5];

export interface MetricsPluginOptions {
  /** the process registry, when series other than the HTTP adapter's (the job runner's) share /metrics */
  registry?: Registry;
}

export const metricsPlugin = nonEncapsulated('metrics', async (app: FastifyInstance, opts: MetricsPluginOptions) => {
  const registry = opts.registry ?? new Registry();
  // The process defaults carry the service prefix too, so one `socialpredict_` selector finds every series.
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  const counter = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers: [registry] });

  const requests = counter('socialpredict_http_requests_total', 'HTTP responses by route template and status', [
    'method',
    'route',
    'status_code',
  ]);
  const failures = counter('socialpredict_http_request_failures_total', 'Non-probe 5xx responses');
  const duration = new Histogram({
    name: 'socialpredict_http_request_duration_seconds',
    help: 'Time to answer a request',
    labelNames: ['method', 'route'],
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  let failureCount = 0;

  app.decorate('metrics', {
    registry,
    source: metricsSource(registry),
    requestFailures: () => failureCount,
    betsPlaced: counter('socialpredict_bets_placed_total', 'Accepted bets', ['outcome']),
    sales: counter('socialpredict_sales_total', 'Executed sales'),
    saleDustCredits: counter('socialpredict_sale_dust_credits_total', 'Credits withheld as dust by sales'),
    marketsCreated: counter('socialpredict_markets_created_total', 'Markets created'),
    marketsResolved: counter('socialpredict_markets_resolved_total', 'Markets resolved', ['result']),
    usersCreated: counter('socialpredict_users_created_total', 'Users created by an administrator'),
    rateLimited: counter('socialpredict_rate_limited_requests_total', 'Requests refused by a rate limiter', ['limiter']),
  });

  // The labelled children are looked up once per method, route and status, not hashed from a label object on every
  // response (docs/performance.md#request-path-profile); the set is bounded by the route table.
  const requestSeries = new Map<string, { count: Counter.Internal; time: Histogram.Internal<string> }>();
  const seriesOf = (method: string, route: string, status: number) => {
    const key = `${method} ${status} ${route}`;
    let series = requestSeries.get(key);
    if (series === undefined) {
      series = { count: requests.labels(method, route, String(status)), time: duration.labels(method, route) };
      requestSeries.set(key, series);
    }
    return series;
  };

  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const series = seriesOf(request.method, request.routeOptions.url ?? 'unmatched', status);
    series.count.inc();
    series.time.observe(reply.elapsedTime / 1000);
    if (status >= 500 && request.routeOptions.config.ops !== 'probe') {
      failureCount += 1;
      failures.inc();
    }
    done();
  });
});
