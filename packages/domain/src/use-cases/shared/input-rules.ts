// Input rules the use cases enforce themselves; sanitising and shape checks stay at the HTTP boundary (http-api §4).
import type { Outcome, Resolution } from '../../math/types.ts';

export function isOutcome(value: string): value is Outcome {
  return value === 'YES' || value === 'NO';
}

export function isResolution(value: string): value is Resolution {
  return value === 'YES' || value === 'NO' || value === 'N/A';
}

/** Credits in a request must be positive safe integers (market-math §1.1). */
export function isPositiveSafeInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

/** Usernames are also ledger account names (`user:<name>`), so the rule of http-api §4 is a domain rule. */
export const USERNAME_PATTERN = /^[a-z0-9]{3,30}$/;
