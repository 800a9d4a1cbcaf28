// Throughput ceilings with autocannon (a closed model: each connection sends its next request when the previous
// answer arrived), used for the hello-world baseline and the cached market-detail read, so the two figures compared
// come from the same tool and settings. Latencies go through the same HDR histogram as the open-loop streams.
import autocannon from 'autocannon';
import { latencyFigures, newHistogram, recordMs, type LatencyFigures } from './latency.ts';

export interface CeilingFigures extends LatencyFigures {
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
}

export async function runCeiling(url: string, connections: number, durationSeconds: number, headers: Record<string, string> = {}): Promise<CeilingFigures> {
  const histogram = newHistogram();
  const instance = autocannon({ url, connections, duration: durationSeconds, headers });
  // autocannon 9 emits (client, statusCode, bytes, responseTime in ms); its typings omit the client.
  (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
    recordMs(histogram, responseTime),
  );
  const result = await instance;
  return {
    requestsPerSecond: result.requests.total / durationSeconds,
    non2xx: result.non2xx,
    errors: result.errors,
    ...latencyFigures(histogram),
  };
}
