// Every repository call goes through here, so that tests can inject a failure into any one of them.
import { errAsync, okAsync, type Result, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '@socialpredict/domain';
import type { MemoryDatabase, MemoryTables, TableScope } from './memory-database.ts';

export interface MemoryContext {
  readonly database: MemoryDatabase;
  readonly scope: TableScope;
}

export function readOperation<T>(
  context: MemoryContext,
  operation: string,
  query: (tables: MemoryTables) => T,
): ResultAsync<T, InfrastructureError> {
  const fault = context.database.takeFault(operation);
  return fault === undefined ? okAsync(query(context.scope.read())) : errAsync(fault);
}

export function writeOperation<T>(
  context: MemoryContext,
  operation: string,
  change: (tables: MemoryTables) => Result<T, InfrastructureError>,
): ResultAsync<T, InfrastructureError> {
  const fault = context.database.takeFault(operation);
  return fault === undefined ? context.scope.write(change) : errAsync(fault);
}
