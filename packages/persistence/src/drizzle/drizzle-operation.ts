// Every driver call of the adapters goes through here once: the promise becomes a ResultAsync and a failure becomes
// an InfrastructureError named after the repository operation (ERR-1, ERR-4); the scope times and reports it (DB-9).
import { ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '@socialpredict/domain';
import type { OperationScope } from './operation.monitor.ts';
import { toInfrastructureError } from './pg-error.mapper.ts';

export function dbOperation<T>(
  scope: OperationScope,
  operation: string,
  run: () => PromiseLike<T>,
): ResultAsync<T, InfrastructureError> {
  return ResultAsync.fromPromise(scope.run(operation, run), (error) => toInfrastructureError(error, operation));
}
