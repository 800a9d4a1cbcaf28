/** Wall-clock time in epoch milliseconds; injected so that tests control "now" (market closing, placedAt). */
export interface Clock {
  now(): number;
}
