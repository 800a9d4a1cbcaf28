// /metrics under CLUSTER_WORKERS (docs/operations.md#cluster): a scrape lands on one worker, so that worker asks the
// primary over the cluster's IPC channel; the primary collects the registry of every worker that reported ready and
// merges them with prom-client's AggregatorRegistry.aggregate (counters and histograms summed, per-process gauges as
// prom-client defines). Only ready workers are asked: one still booting would otherwise hold every scrape until the
// timeout. Without a primary (no cluster) the worker's own registry is the answer.
import cluster from 'node:cluster';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue, type Registry } from 'prom-client';

type MetricJson = MetricObjectWithValues<MetricValue<string>>;

const SCRAPE = 'socialpredict:metrics-scrape';
const SCRAPED = 'socialpredict:metrics-scraped';
const COLLECT = 'socialpredict:metrics-collect';
const COLLECTED = 'socialpredict:metrics-collected';
/** below the scrape timeout Prometheus uses by default (10 s) */
const ANSWER_TIMEOUT_MS = 5_000;

interface Message {
  type: string;
  id: number;
}
interface Scraped extends Message {
  text?: string;
  error?: string;
}
interface Collected extends Message {
  metrics: MetricJson[];
}

const isMessage = (message: unknown, type: string): boolean =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;

export interface MetricsSource {
  contentType: string;
  metrics(): Promise<string>;
}

/** The registry itself outside a cluster; in a worker, the whole cluster's metrics through the primary. */
export function metricsSource(registry: Registry): MetricsSource {
  if (!cluster.isWorker || process.send === undefined) return { contentType: registry.contentType, metrics: () => registry.metrics() };
  let next = 0;
  const pending = new Map<number, (answer: Scraped) => void>();
  process.on('message', (message: unknown) => {
    if (isMessage(message, SCRAPED)) pending.get((message as Scraped).id)?.(message as Scraped);
    if (isMessage(message, COLLECT)) {
      const { id } = message as Message;
      void registry.getMetricsAsJSON().then((metrics) => process.send?.({ type: COLLECTED, id, metrics } satisfies Collected));
    }
  });
  return {
    contentType: registry.contentType,
    metrics: () =>
      new Promise<string>((resolve, reject) => {
        const id = next++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error('the cluster primary did not answer the metrics request'));
        }, ANSWER_TIMEOUT_MS);
        pending.set(id, (answer) => {
          clearTimeout(timer);
          pending.delete(id);
          if (answer.text === undefined) reject(new Error(answer.error ?? 'no metrics'));
          else resolve(answer.text);
        });
        process.send?.({ type: SCRAPE, id } satisfies Message);
      }),
  };
}

export interface ClusterWorkerChannel {
  send(message: unknown): boolean;
}

/**
 * The primary's side, fed every message of every worker: a scrape request starts a collection from `readyWorkers()`,
 * and their answers complete it; the merged text goes back to the worker that asked.
 */
export function answerClusterMetrics(readyWorkers: () => readonly ClusterWorkerChannel[]): (worker: ClusterWorkerChannel, message: unknown) => void {
  let next = 0;
  const collections = new Map<number, { waiting: number; parts: MetricJson[][]; finish(error?: string): void }>();
  return (worker, message) => {
    if (isMessage(message, COLLECTED)) {
      const { id, metrics } = message as Collected;
      const collection = collections.get(id);
      if (collection === undefined) return;
      collection.parts.push(metrics);
      collection.waiting -= 1;
      if (collection.waiting === 0) collection.finish();
      return;
    }
    if (!isMessage(message, SCRAPE)) return;
    const asked = (message as Message).id;
    const workers = readyWorkers();
    const id = next++;
    const parts: MetricJson[][] = [];
    const reply = (answer: Omit<Scraped, 'type' | 'id'>) => worker.send({ type: SCRAPED, id: asked, ...answer } satisfies Scraped);
    const complete = (error?: string) => {
      clearTimeout(timer);
      collections.delete(id);
      if (error !== undefined) return void reply({ error });
      AggregatorRegistry.aggregate(parts)
        .metrics()
        .then(
          (text) => reply({ text }),
          (failure: unknown) => reply({ error: String(failure) }),
        );
    };
    const timer = setTimeout(() => complete('a worker did not answer the metrics collection'), ANSWER_TIMEOUT_MS);
    collections.set(id, { waiting: workers.length, parts, finish: complete });
    if (workers.length === 0) return complete();
    for (const each of workers) each.send({ type: COLLECT, id } satisfies Message);
  };
}
