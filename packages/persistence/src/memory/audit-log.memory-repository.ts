import { ok, type Result, type ResultAsync } from 'neverthrow';
import type { AuditEntry, AuditLogRepository, AuditQuery, InfrastructureError, StoredAuditEntry } from '@socialpredict/domain';
import type { MemoryTables } from './memory-database.ts';
import { readOperation, writeOperation, type MemoryContext } from './memory-operation.ts';

/** The insert of `audit_log`, shared with the commit records of a transaction. */
export function appendAudit(tables: MemoryTables, entry: AuditEntry): Result<void, InfrastructureError> {
  tables.sequences.audit += 1;
  tables.audit.push(Object.freeze({ ...entry, id: tables.sequences.audit }));
  return ok(undefined);
}

export class MemoryAuditLogRepository implements AuditLogRepository {
  readonly #context: MemoryContext;

  constructor(context: MemoryContext) {
    this.#context = context;
  }

  append(entry: AuditEntry): ResultAsync<void, InfrastructureError> {
    return writeOperation(this.#context, 'audit.append', (tables) => appendAudit(tables, entry));
  }

  list(query: AuditQuery): ResultAsync<StoredAuditEntry[], InfrastructureError> {
    return readOperation(this.#context, 'audit.list', (tables) =>
      tables.audit
        .filter(
          (entry) =>
            (query.actor === undefined || entry.actor === query.actor) &&
            (query.action === undefined || entry.action === query.action) &&
            (query.target === undefined || entry.target === query.target),
        )
        .reverse()
        .slice(query.offset, query.offset + query.limit),
    );
  }
}
