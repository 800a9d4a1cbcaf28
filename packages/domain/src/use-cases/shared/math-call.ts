// The math module throws DomainError (docs/market-model.md#test-vectors). Use cases call it through this boundary for the failures
// they expect and get an Err value; any other throw is a programming error and propagates.
import { err, ok, type Result } from 'neverthrow';
import { isDomainError, type DomainErrorCode } from '../../math/errors.ts';
import type { DomainFailure } from '../../errors/use-case.errors.ts';

export function callMath<T, C extends DomainErrorCode>(
  compute: () => T,
  expected: readonly C[],
): Result<T, DomainFailure<C>> {
  try {
    return ok(compute());
  } catch (error) {
    if (isDomainError(error) && (expected as readonly DomainErrorCode[]).includes(error.code)) {
      return err({ code: error.code as C, message: error.message });
    }
    throw error;
  }
}
