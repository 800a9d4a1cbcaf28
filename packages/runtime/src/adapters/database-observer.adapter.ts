// The persistence adapters' reports on pino and prom-client: one warn line per slow operation (DB-9) and the database
// series of MON-3. Operation names are the adapters' own fixed set, so the `operation` label stays bounded and no SQL
// text, parameter or id reaches a log line or a label.
import type { Logger } from 'pino';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DatabaseObserver, PoolFigures } from '@socialpredict/persistence';

/** Single-row reads take about a millisecond, reports and the integrity check up to seconds. */
const QUERY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5];

export function createDatabaseObserver(logger: Logger, registry: Registry): DatabaseObserver {
  const duration = new Histogram({
    name: 'socialpredict_db_query_duration_seconds',
    help: 'Time one database operation took, by adapter operation',
    labelNames: ['operation'],
    buckets: QUERY_BUCKETS,
    registers: [registry],
  });
  // One child per operation, looked up by name: no label object to build and hash on every query of the bet path.
  const byOperation = new Map<string, ReturnType<typeof duration.labels>>();
  return {
    operationFinished: (operation, seconds) => {
      let child = byOperation.get(operation);
      if (child === undefined) byOperation.set(operation, (child = duration.labels({ operation })));
      child.observe(seconds);
    },
    slowOperation: (operation, seconds, failed) =>
      logger.warn({ event: 'db.slow_query', operation, duration_ms: Math.round(seconds * 1000), failed }, 'slow database operation'),
  };
}

/** The pool series, read at scrape time from the figures the persistence keeps (see PoolFigures for their meaning). */
export function registerPoolMetrics(registry: Registry, figures: () => PoolFigures): void {
  new Gauge({
    name: 'socialpredict_db_pool_connections',
    help: 'Pool connections claimed by database operations (in_use), free (idle), and claims queued beyond the pool (waiting)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const { inUse, idle, waiting } = figures();
      this.set({ state: 'in_use' }, inUse);
      this.set({ state: 'idle' }, idle);
      this.set({ state: 'waiting' }, waiting);
    },
  });
  let reportedWaits = 0;
  new Counter({
    name: 'socialpredict_db_pool_waits_total',
    help: 'Database operations that found every pool connection taken',
    registers: [registry],
    collect() {
      const { waits } = figures();
      this.inc(waits - reportedWaits);
      reportedWaits = waits;
    },
  });
}
