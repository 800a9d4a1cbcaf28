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

/** `path` has one point per row plus the initial point; `maxPoints` below 2 is treated as 2. */
export function thinProbabilityPath<T>(path: readonly T[], maxPoints: number): ThinnedPath<T> {
  const cap = Math.max(2, Math.floor(maxPoints));
  if (path.length <= cap) return { points: [...path], truncated: false };
  const rows = path.length - 1;
  // The k-th point sent is path point floor(k × n / (M − 1)); k = M − 1 gives the last point exactly.
  const points = Array.from({ length: cap }, (_, k) => path[Math.floor((k * rows) / (cap - 1))] as T);
  return { points, truncated: true };
}
