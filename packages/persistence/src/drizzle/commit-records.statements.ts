// The records a write commits with (docs/api.md#idempotency, docs/api.md#audit-log), stored on the write's own
// transaction just before its COMMIT, by the unit of work and by the group-committed trades alike. Fixed SQL text,
// so that a trade group can send them on its raw statements, each kind in one statement for all its writes.
import type { CommitRecords } from '@socialpredict/domain';
import { auditLog, idempotencyKeys } from './schema.ts';
import type { TransactionStatements } from './transaction-runner.ts';

// Every audit row of the writes in one statement, whatever their number: a trade group stores one per trade.
const INSERT_AUDITS = `INSERT INTO audit_log (at, actor, action, target, request_id, outcome, inputs)
  SELECT a.at, a.actor, a.action, a.target, a.request_id, a.outcome, a.inputs
  FROM json_to_recordset($1::json)
    AS a(at timestamptz, actor text, action text, target text, request_id text, outcome text, inputs jsonb, n int)
  ORDER BY a.n`;

const COMPLETE_CLAIMS = `UPDATE idempotency_keys AS k SET response_status = c.status, response_body = c.body
  FROM json_to_recordset($1::json) AS c(username text, key text, owner text, status int, body text)
  WHERE k.username = c.username AND k.key = c.key AND k.owner = c.owner AND k.response_status IS NULL
  RETURNING 1`;

/** The claim was taken over after its lease ran out: the write must not commit a second time. */
export class IdempotencyClaimLost extends Error {
  constructor() {
    super('the idempotency claim of this request was taken over; the write is rolled back');
    this.name = 'IdempotencyClaimLost';
  }
}

/** The records of one or more writes, sent at once. */
export interface SentCommitRecords {
  /** Rejects when a claim is no longer its request's: await it before COMMIT, so the writes roll back. */
  readonly claimsHeld: Promise<void>;
  /** Settles with the audit rows' statement; may travel with the COMMIT, which fails too if it fails. */
  readonly audited: Promise<void>;
}

export function sendCommitRecords(statements: TransactionStatements, records: readonly CommitRecords[]): SentCommitRecords {
  const audits = [];
  const claims = [];
  for (const { audit, idempotency } of records) {
    if (audit !== undefined) {
      audits.push({
        at: auditLog.at.mapToDriverValue(audit.at),
        actor: audit.actor,
        action: audit.action,
        target: audit.target,
        request_id: audit.requestId,
        outcome: audit.outcome,
        inputs: audit.inputs,
        n: audits.length,
      });
    }
    if (idempotency !== undefined) {
      claims.push({
        username: idempotency.username,
        key: idempotency.key,
        owner: idempotency.owner,
        status: idempotencyKeys.responseStatus.mapToDriverValue(idempotency.response.status),
        body: idempotency.response.body,
      });
    }
  }
  const audited = audits.length === 0 ? Promise.resolve() : statements.query(INSERT_AUDITS, [JSON.stringify(audits)]).then(() => undefined);
  const claimsHeld =
    claims.length === 0
      ? Promise.resolve()
      : statements.query(COMPLETE_CLAIMS, [JSON.stringify(claims)]).then((completed) => {
          if (completed.length !== claims.length) throw new IdempotencyClaimLost();
        });
  // Each is awaited by the caller; neither may surface as unhandled while the other is awaited first.
  audited.catch(() => undefined);
  claimsHeld.catch(() => undefined);
  return { audited, claimsHeld };
}

/** The records of one write, stored before its COMMIT is sent. */
export async function storeCommitRecords(statements: TransactionStatements, records: CommitRecords): Promise<void> {
  const { audited, claimsHeld } = sendCommitRecords(statements, [records]);
  await Promise.all([audited, claimsHeld]);
}
