// Thinning of the probability path sent with a market (docs/api.md#t1-25): the whole path when it is short enough,
// otherwise the first and last points and points evenly spaced by row index between them.

export interface ProbabilityPoint {
  readonly probability: number;
  /** the market's creation time for the first point, then each row's placedAt */
  readonly timestamp: number;
}

export interface ThinnedPath<T> {
  readonly points: T[];
  readonly truncated: boolean;
}

/**
 * A path of `length` points (one per row plus the initial point), of which only the points sent are built by
 * `pointAt(index)`: a long history costs the points sent, not one object per row. `maxPoints` below 2 is treated as 2.
 */
export function thinProbabilityPath<T>(length: number, maxPoints: number, pointAt: (index: number) => T): ThinnedPath<T> {
  const cap = Math.max(2, Math.floor(maxPoints));
  if (length <= cap) return { points: Array.from({ length }, (_, index) => pointAt(index)), truncated: false };
  const rows = length - 1;
  // The k-th point sent is path point floor(k × n / (M − 1)); k = M − 1 gives the last point exactly.
  const points = Array.from({ length: cap }, (_, k) => pointAt(Math.floor((k * rows) / (cap - 1))));
  return { points, truncated: true };
}
