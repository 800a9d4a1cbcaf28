// docs/market-model.md: Go's math.Round (half away from zero). Neither banker's rounding nor JavaScript's Math.round,
// which rounds −2.5 to −2; negative inputs are real here (sale rows have negative course payouts).
import { DomainError } from './errors.ts';

export function roundHalfAwayFromZero(x: number): number {
  if (!Number.isFinite(x)) throw new DomainError('NON_FINITE_NUMBER', `cannot round ${x}`);
  const t = Math.trunc(x);
  // x − t is exact for every finite double, so the .5 test adds no rounding of its own.
  const r = Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
  return r === 0 ? 0 : r;
}
