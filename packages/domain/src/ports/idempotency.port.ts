import type { ResultAsync } from 'neverthrow';
import type { InfrastructureError } from './infrastructure.error.ts';
import type { StoredResponse } from './write-records.port.ts';

/** A request's claim on its user's `Idempotency-Key` (docs/api.md#idempotency); all times epoch milliseconds. */
export interface IdempotencyClaim {
  readonly username: string;
  readonly key: string;
  /** hash of method, path and body */
  readonly fingerprint: string;
  /** unique per request: only the owner completes or releases the claim */
  readonly owner: string;
  readonly now: number;
  /** until when a running claim blocks the key; a claim left by a crashed process may be taken over after it */
  readonly leaseUntil: number;
  /** when the record may be removed */
  readonly expiresAt: number;
}

/**
 * What the key held when claimed: `claimed` (new, expired or abandoned: this request owns it now), `running` (another
 * request holds a live lease) or `completed` (the stored answer). `running` and `completed` carry the stored
 * fingerprint so that the caller can tell a retry from a reuse.
 */
export type ClaimOutcome =
  | { readonly state: 'claimed' }
  | { readonly state: 'running'; readonly fingerprint: string }
  | { readonly state: 'completed'; readonly fingerprint: string; readonly response: StoredResponse };

export interface IdempotencyStore {
  /** Atomic across processes: of two concurrent claims on a free key exactly one gets `claimed`. */
  claim(claim: IdempotencyClaim): ResultAsync<ClaimOutcome, InfrastructureError>;
  /** Stores the answer of a request whose write did not store it (a refusal, a read); no-op once completed. */
  complete(username: string, key: string, owner: string, response: StoredResponse): ResultAsync<void, InfrastructureError>;
  /** Frees a running claim this owner holds (the answer is not to be kept: 429, 5xx). */
  release(username: string, key: string, owner: string): ResultAsync<void, InfrastructureError>;
  /** Removes the records expired at `now`; resolves with how many. */
  deleteExpired(now: number): ResultAsync<number, InfrastructureError>;
}
