/** Stable codes of the market-math module (docs/market-model.md#math-api). */
export type DomainErrorCode =
  | 'INVALID_OUTCOME'
  | 'INVALID_AMOUNT'
  | 'INVALID_RESOLUTION'
  | 'INVALID_SEEDS'
  | 'INVALID_HISTORY'
  | 'NON_FINITE_NUMBER'
  | 'PROBABILITY_OUT_OF_RANGE'
  | 'POOL_NEGATIVE'
  | 'NO_POSITION'
  | 'NO_SELLABLE_SHARES'
  | 'INSUFFICIENT_SHARES'
  | 'INSUFFICIENT_BALANCE'
  | 'MARKET_CLOSED'
  | 'ALREADY_RESOLVED'
  | 'UNKNOWN_USER'
  | 'INVALID_STEP';

/**
 * The math module reports failures by throwing this error (one style for the whole module, spec docs/market-model.md#test-vectors);
 * use cases catch it at their boundary and turn it into an `Err`.
 */
export class DomainError extends Error {
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message?: string) {
    super(message ?? code);
    this.name = 'DomainError';
    this.code = code;
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
