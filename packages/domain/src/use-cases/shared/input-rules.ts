// Input rules the use cases enforce themselves; sanitising and shape checks stay at the HTTP boundary (docs/api.md#validation).
import type { Outcome, Resolution } from '../../math/types.ts';

export function isOutcome(value: string): value is Outcome {
  return value === 'YES' || value === 'NO';
}

export function isResolution(value: string): value is Resolution {
  return value === 'YES' || value === 'NO' || value === 'N/A';
}

/** Credits in a request must be positive safe integers (docs/market-model.md#integers). */
export function isPositiveSafeInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

/** Usernames are also ledger account names (`user:<name>`), so the rule of docs/api.md#validation is a domain rule. */
export const USERNAME_PATTERN = /^[a-z0-9]{3,30}$/;
