// The one error type every port method that touches infrastructure may return (ERR-1 (docs/architecture.md#err-1), ERR-4).
// Adapters translate driver failures into it once; use cases pass it through untouched, except a UNIQUE_VIOLATION
// they expect (a duplicate username or display name becomes VALIDATION_FAILED).

export type InfrastructureErrorKind = 'UNAVAILABLE' | 'LOCK_TIMEOUT' | 'DEADLOCK' | 'UNIQUE_VIOLATION' | 'UNEXPECTED';

interface InfrastructureErrorBase {
  readonly code: 'INFRASTRUCTURE_ERROR';
  /** Never shown to clients: it may name tables or drivers. */
  readonly message: string;
  readonly cause?: unknown;
}

export type InfrastructureError =
  | (InfrastructureErrorBase & { readonly kind: Exclude<InfrastructureErrorKind, 'UNIQUE_VIOLATION'> })
  | (InfrastructureErrorBase & {
      readonly kind: 'UNIQUE_VIOLATION';
      /** The record field the violated constraint covers, e.g. `username` or `displayName`. */
      readonly field: string;
      readonly constraint: string;
    });

export function infrastructureError(
  kind: Exclude<InfrastructureErrorKind, 'UNIQUE_VIOLATION'>,
  message: string,
  cause?: unknown,
): InfrastructureError {
  const base = { code: 'INFRASTRUCTURE_ERROR', kind, message } as const;
  return cause === undefined ? base : { ...base, cause };
}

export function uniqueViolation(field: string, constraint: string, cause?: unknown): InfrastructureError {
  const message = `unique constraint ${constraint} violated`;
  const base = { code: 'INFRASTRUCTURE_ERROR', kind: 'UNIQUE_VIOLATION', field, constraint, message } as const;
  return cause === undefined ? base : { ...base, cause };
}

export function isInfrastructureError(value: unknown): value is InfrastructureError {
  return typeof value === 'object' && value !== null && (value as { code?: unknown }).code === 'INFRASTRUCTURE_ERROR';
}
