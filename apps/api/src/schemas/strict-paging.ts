// Strict query numbers of the admin and review lists (docs/api.md#tier-2).
import { HttpProblem } from '../http-problem.ts';

/** Strict paging of the admin lists (docs/api.md#tier-2): an unusable value is refused, never replaced by a default. */
export function strictNumber(raw: string | undefined, field: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new HttpProblem(400, 'VALIDATION_FAILED', `${field} must be a whole number from ${String(min)} to ${String(max)}.`, {
      details: { fields: { [field]: [`must be ${String(min)}–${String(max)}`] } },
    });
  }
  return value;
}
