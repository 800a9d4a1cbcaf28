import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import {
  infrastructureError,
  type ClaimOutcome,
  type IdempotencyClaim,
  type IdempotencyCompletion,
  type IdempotencyStore,
  type InfrastructureError,
  type StoredResponse,
} from '@socialpredict/domain';
import type { MemoryTables } from './memory-database.ts';
import { writeOperation, type MemoryContext } from './memory-operation.ts';

const recordKey = (username: string, key: string) => JSON.stringify([username, key]);

/** The in-transaction completion of a claim, as the Drizzle statement: it fails when the claim is not this owner's. */
export function completeClaim(tables: MemoryTables, completion: IdempotencyCompletion): Result<void, InfrastructureError> {
  const id = recordKey(completion.username, completion.key);
  const held = tables.idempotency.get(id);
  if (held?.owner !== completion.owner || held.response !== null) {
    return err(infrastructureError('UNEXPECTED', 'the idempotency claim of this request was taken over'));
  }
  tables.idempotency.set(id, { ...held, response: completion.response });
  return ok(undefined);
}

export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #context: MemoryContext;

  constructor(context: MemoryContext) {
    this.#context = context;
  }

  claim(claim: IdempotencyClaim): ResultAsync<ClaimOutcome, InfrastructureError> {
    return writeOperation(this.#context, 'idempotency.claim', (tables): Result<ClaimOutcome, InfrastructureError> => {
      const id = recordKey(claim.username, claim.key);
      const held = tables.idempotency.get(id);
      const abandoned =
        held !== undefined && held.response === null && held.leaseUntil <= claim.now && held.fingerprint === claim.fingerprint;
      if (held === undefined || held.expiresAt <= claim.now || abandoned) {
        const { fingerprint, owner, leaseUntil, expiresAt } = claim;
        tables.idempotency.set(id, { fingerprint, owner, leaseUntil, expiresAt, response: null });
        return ok({ state: 'claimed' });
      }
      if (held.response === null) return ok({ state: 'running', fingerprint: held.fingerprint });
      return ok({ state: 'completed', fingerprint: held.fingerprint, response: held.response });
    });
  }

  complete(username: string, key: string, owner: string, response: StoredResponse): ResultAsync<void, InfrastructureError> {
    return writeOperation(this.#context, 'idempotency.complete', (tables) => {
      const id = recordKey(username, key);
      const held = tables.idempotency.get(id);
      // A no-op when the answer is already stored or the claim is someone else's, as the UPDATE of the adapter.
      if (held?.owner === owner && held.response === null) tables.idempotency.set(id, { ...held, response });
      return ok(undefined);
    });
  }

  release(username: string, key: string, owner: string): ResultAsync<void, InfrastructureError> {
    return writeOperation(this.#context, 'idempotency.release', (tables) => {
      const id = recordKey(username, key);
      const held = tables.idempotency.get(id);
      if (held?.owner === owner && held.response === null) tables.idempotency.delete(id);
      return ok(undefined);
    });
  }

  deleteExpired(now: number): ResultAsync<number, InfrastructureError> {
    return writeOperation(this.#context, 'idempotency.deleteExpired', (tables) => {
      let removed = 0;
      for (const [id, record] of tables.idempotency) {
        if (record.expiresAt > now) continue;
        tables.idempotency.delete(id);
        removed += 1;
      }
      return ok(removed);
    });
  }
}
