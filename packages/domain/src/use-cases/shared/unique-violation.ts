// A duplicate username or display name is a validation failure, not an infrastructure one (ERR-4 (docs/architecture.md#err-4)).
import { validationFailed, type ValidationFailed } from '../../errors/use-case.errors.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';

export const TAKEN = 'is already taken';

export function uniqueAsValidation(error: InfrastructureError): InfrastructureError | ValidationFailed {
  return error.kind === 'UNIQUE_VIOLATION' ? validationFailed({ [error.field]: [TAKEN] }) : error;
}
