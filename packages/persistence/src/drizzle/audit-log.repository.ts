// AuditLogRepository on Drizzle: table `audit_log`. Appends and reads only: there is deliberately no UPDATE or
// DELETE of this table anywhere in the adapters (a test checks it; a trigger refuses them, docs/api.md#audit-log).
import type { ResultAsync } from 'neverthrow';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { AuditEntry, AuditLogRepository, AuditQuery, InfrastructureError, StoredAuditEntry } from '@socialpredict/domain';
import type { Executor } from './database.factory.ts';
import { dbOperation } from './drizzle-operation.ts';
import type { OperationScope } from './operation.monitor.ts';
import { auditLog } from './schema.ts';

export class DrizzleAuditLogRepository implements AuditLogRepository {
  readonly #db: Executor;
  readonly #scope: OperationScope;

  constructor(db: Executor, scope: OperationScope) {
    this.#db = db;
    this.#scope = scope;
  }

  append(entry: AuditEntry): ResultAsync<void, InfrastructureError> {
    return dbOperation(this.#scope, 'audit.append', async () => {
      await this.#db.insert(auditLog).values(entry);
    });
  }

  list(query: AuditQuery): ResultAsync<StoredAuditEntry[], InfrastructureError> {
    return dbOperation(this.#scope, 'audit.list', async () => {
      const filters: SQL[] = [];
      if (query.actor !== undefined) filters.push(eq(auditLog.actor, query.actor));
      if (query.action !== undefined) filters.push(eq(auditLog.action, query.action));
      if (query.target !== undefined) filters.push(eq(auditLog.target, query.target));
      const rows = await this.#db
        .select()
        .from(auditLog)
        .where(and(...filters))
        .orderBy(desc(auditLog.id))
        .limit(query.limit)
        .offset(query.offset);
      return rows.map((row) => ({ ...row, inputs: row.inputs as StoredAuditEntry['inputs'] }));
    });
  }
}
