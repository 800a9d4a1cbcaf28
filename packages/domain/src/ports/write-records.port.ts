// What a write leaves in its own transaction besides its business rows (docs/api.md#idempotency,
// docs/api.md#audit-log): the caller hands a `CommitHook` to the use case, the use case hands it to the unit of work,
// and the unit of work calls it with the write's output just before COMMIT and stores the records it returns in the
// same transaction. A write that is rolled back therefore leaves none of them, and a committed one all of them.
import type { AuditEntry } from '../model/audit.model.ts';

/** An HTTP answer as it will be replayed: status and serialised body, opaque to the domain. */
export interface StoredResponse {
  readonly status: number;
  readonly body: string;
}

/** Completes the idempotency claim `owner` holds on `key`; the transaction fails when the claim was taken over. */
export interface IdempotencyCompletion {
  readonly username: string;
  readonly key: string;
  readonly owner: string;
  readonly response: StoredResponse;
}

export interface CommitRecords {
  readonly audit?: AuditEntry;
  readonly idempotency?: IdempotencyCompletion;
}

/** Called once, inside the write's transaction, with the write's output. */
export type CommitHook<O> = (output: O) => CommitRecords;

/** The hook of an output derived from another one: what a use case passes on to the unit of work. */
export function commitVia<A, O>(commit: CommitHook<O> | undefined, toOutput: (value: A) => O): CommitHook<A> | undefined {
  return commit === undefined ? undefined : (value) => commit(toOutput(value));
}
