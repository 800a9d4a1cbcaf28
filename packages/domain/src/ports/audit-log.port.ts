import type { ResultAsync } from 'neverthrow';
import type { AuditEntry, AuditQuery, StoredAuditEntry } from '../model/audit.model.ts';
import type { InfrastructureError } from './infrastructure.error.ts';

/**
 * The append-only audit log (docs/api.md#audit-log). Committed writes append through their own transaction (a
 * `CommitHook`); this port appends the refusals and reads the log. It has no update and no delete, by design.
 */
export interface AuditLogRepository {
  append(entry: AuditEntry): ResultAsync<void, InfrastructureError>;
  /** newest first (by id), filtered and paged as asked */
  list(query: AuditQuery): ResultAsync<StoredAuditEntry[], InfrastructureError>;
}
