// Latency recording for the load harness: one HDR histogram per request class (docs/performance.md#bench-load), in
// microseconds with three significant digits, so p99 of a long run costs no memory per request.
import { build, type Histogram } from 'hdr-histogram-js';

export interface LatencyFigures {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function newHistogram(): Histogram {
  // 1 µs to 10 min: a request slower than that is a failure long before it is a latency.
  return build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });
}

export function recordMs(histogram: Histogram, ms: number): void {
  histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
}

export function latencyFigures(histogram: Histogram): LatencyFigures {
  const at = (percentile: number) => histogram.getValueAtPercentile(percentile) / 1000;
  return { count: histogram.totalCount, p50Ms: at(50), p95Ms: at(95), p99Ms: at(99), maxMs: histogram.maxValue / 1000 };
}
