// Argument checks shared by the math functions; each failure maps to one stable DomainErrorCode (docs/market-model.md#math-api).
import { DomainError } from './errors.ts';
import type { Outcome, Resolution } from './types.ts';

export function isPositiveSafeInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

export function assertOutcome(value: unknown): asserts value is Outcome {
  if (value !== 'YES' && value !== 'NO') throw new DomainError('INVALID_OUTCOME', `outcome must be YES or NO`);
}

/** docs/market-model.md#integers: request amounts are positive safe integers. */
export function assertPositiveAmount(value: unknown): asserts value is number {
  if (!isPositiveSafeInteger(value)) throw new DomainError('INVALID_AMOUNT', `amount must be a positive safe integer`);
}

export function assertResolution(value: unknown): asserts value is Resolution {
  if (value !== 'YES' && value !== 'NO' && value !== 'N/A') {
    throw new DomainError('INVALID_RESOLUTION', `resolution must be YES, NO or N/A`);
  }
}

/** `null` stands for an unresolved market. */
export function assertResolutionState(value: unknown): asserts value is Resolution | null {
  if (value !== null) assertResolution(value);
}
