// The records a write commits with (docs/api.md#idempotency, docs/api.md#audit-log), stored on the write's own
// transaction just before its COMMIT, by the unit of work and by the group-committed trades alike. Fixed SQL text,
// so that a trade group can send them on its raw statements.
import type { CommitRecords } from '@socialpredict/domain';
import { auditLog, idempotencyKeys } from './schema.ts';
import type { TransactionStatements } from './transaction-runner.ts';

export const INSERT_AUDIT = `INSERT INTO audit_log (at, actor, action, target, request_id, outcome, inputs)
  VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`;

const COMPLETE_CLAIM = `UPDATE idempotency_keys SET response_status = $4, response_body = $5
  WHERE username = $1 AND key = $2 AND owner = $3 AND response_status IS NULL RETURNING 1`;

/** The claim was taken over after its lease ran out: the write must not commit a second time. */
export class IdempotencyClaimLost extends Error {
  constructor() {
    super('the idempotency claim of this request was taken over; the write is rolled back');
    this.name = 'IdempotencyClaimLost';
  }
}

export function auditParams(entry: NonNullable<CommitRecords['audit']>): unknown[] {
  return [
    auditLog.at.mapToDriverValue(entry.at),
    entry.actor,
    entry.action,
    entry.target,
    entry.requestId,
    entry.outcome,
    JSON.stringify(entry.inputs),
  ];
}

/** Sends both statements at once; rejects (so the transaction rolls back) when the claim is no longer this request's. */
export async function storeCommitRecords(statements: TransactionStatements, records: CommitRecords): Promise<void> {
  const { audit, idempotency } = records;
  const audited = audit === undefined ? undefined : statements.query(INSERT_AUDIT, auditParams(audit));
  const completed =
    idempotency === undefined
      ? undefined
      : statements.query(COMPLETE_CLAIM, [
          idempotency.username,
          idempotency.key,
          idempotency.owner,
          idempotencyKeys.responseStatus.mapToDriverValue(idempotency.response.status),
          idempotency.response.body,
        ]);
  await audited;
  if (completed !== undefined && (await completed).length !== 1) throw new IdempotencyClaimLost();
}
