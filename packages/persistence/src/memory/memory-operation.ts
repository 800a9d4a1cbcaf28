// Every repository call goes through here, so that tests can inject a failure into any one of them.
import { errAsync, okAsync, type Result, type ResultAsync } from 'neverthrow';
import { infrastructureError, type InfrastructureError } from '@socialpredict/domain';
import { TRANSACTION_ENDED } from '../drizzle/transaction-runner.ts';
import type { MemoryDatabase, MemoryTables, TableScope } from './memory-database.ts';

export interface MemoryContext {
  readonly database: MemoryDatabase;
  readonly scope: TableScope;
  /** false once a transaction's trade append has ended it (as the Drizzle adapter commits with the append) */
  readonly isOpen?: () => boolean;
}

function refusal(context: MemoryContext, operation: string): InfrastructureError | undefined {
  if (context.isOpen?.() === false) return infrastructureError('UNEXPECTED', TRANSACTION_ENDED);
  return context.database.takeFault(operation);
}

export function readOperation<T>(
  context: MemoryContext,
  operation: string,
  query: (tables: MemoryTables) => T,
): ResultAsync<T, InfrastructureError> {
  const fault = refusal(context, operation);
  return fault === undefined ? okAsync(query(context.scope.read())) : errAsync(fault);
}

export function writeOperation<T>(
  context: MemoryContext,
  operation: string,
  change: (tables: MemoryTables) => Result<T, InfrastructureError>,
): ResultAsync<T, InfrastructureError> {
  const fault = refusal(context, operation);
  return fault === undefined ? context.scope.write(change) : errAsync(fault);
}
