// IdempotencyStore on Drizzle: table `idempotency_keys` (docs/api.md#idempotency). The claim is one INSERT … ON
// CONFLICT DO UPDATE … WHERE, so two processes claiming one key are serialised by its row: exactly one owns it. The
// answer of a write is stored by the write's own transaction (commit-records.statements.ts); these methods store
// the others, free abandoned claims and remove expired records.
import type { ResultAsync } from 'neverthrow';
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { ClaimOutcome, IdempotencyClaim, IdempotencyStore, InfrastructureError, StoredResponse } from '@socialpredict/domain';
import type { Executor } from './database.factory.ts';
import { dbOperation } from './drizzle-operation.ts';
import type { OperationScope } from './operation.monitor.ts';
import { idempotencyKeys as keys } from './schema.ts';

/** A cleanup between the claim and the read that follows it can remove the row once; then the claim is repeated. */
const CLAIM_ATTEMPTS = 3;

export class DrizzleIdempotencyStore implements IdempotencyStore {
  readonly #db: Executor;
  readonly #scope: OperationScope;

  constructor(db: Executor, scope: OperationScope) {
    this.#db = db;
    this.#scope = scope;
  }

  claim(claim: IdempotencyClaim): ResultAsync<ClaimOutcome, InfrastructureError> {
    return dbOperation(this.#scope, 'idempotency.claim', async (): Promise<ClaimOutcome> => {
      for (let attempt = 1; ; attempt += 1) {
        const outcome = await this.#tryClaim(claim);
        if (outcome !== null || attempt === CLAIM_ATTEMPTS) return outcome ?? { state: 'running', fingerprint: claim.fingerprint };
      }
    });
  }

  /** null when the row vanished between the claim and the read */
  async #tryClaim(claim: IdempotencyClaim): Promise<ClaimOutcome | null> {
    const now = keys.createdAt.mapToDriverValue(claim.now);
    // Taken over: an expired record, or a running claim whose lease ran out with the same request (a crashed owner).
    const claimed = await this.#db
      .insert(keys)
      .values({
        username: claim.username,
        key: claim.key,
        fingerprint: claim.fingerprint,
        owner: claim.owner,
        leaseUntil: claim.leaseUntil,
        createdAt: claim.now,
        expiresAt: claim.expiresAt,
      })
      .onConflictDoUpdate({
        target: [keys.username, keys.key],
        set: {
          fingerprint: sql`excluded.fingerprint`,
          owner: sql`excluded.owner`,
          leaseUntil: sql`excluded.lease_until`,
          responseStatus: null,
          responseBody: null,
          createdAt: sql`excluded.created_at`,
          expiresAt: sql`excluded.expires_at`,
        },
        setWhere: sql`${keys.expiresAt} <= ${now}::timestamptz
          OR (${keys.responseStatus} IS NULL AND ${keys.leaseUntil} <= ${now}::timestamptz AND ${keys.fingerprint} = excluded.fingerprint)`,
      })
      .returning({ owner: keys.owner });
    if (claimed.length === 1) return { state: 'claimed' };
    const [held] = await this.#db
      .select({ fingerprint: keys.fingerprint, status: keys.responseStatus, body: keys.responseBody })
      .from(keys)
      .where(and(eq(keys.username, claim.username), eq(keys.key, claim.key)));
    if (held === undefined) return null;
    if (held.status === null || held.body === null) return { state: 'running', fingerprint: held.fingerprint };
    return { state: 'completed', fingerprint: held.fingerprint, response: { status: held.status, body: held.body } };
  }

  complete(username: string, key: string, owner: string, response: StoredResponse): ResultAsync<void, InfrastructureError> {
    return dbOperation(this.#scope, 'idempotency.complete', async () => {
      await this.#db
        .update(keys)
        .set({ responseStatus: response.status, responseBody: response.body })
        .where(and(eq(keys.username, username), eq(keys.key, key), eq(keys.owner, owner), isNull(keys.responseStatus)));
    });
  }

  release(username: string, key: string, owner: string): ResultAsync<void, InfrastructureError> {
    return dbOperation(this.#scope, 'idempotency.release', async () => {
      await this.#db
        .delete(keys)
        .where(and(eq(keys.username, username), eq(keys.key, key), eq(keys.owner, owner), isNull(keys.responseStatus)));
    });
  }

  deleteExpired(now: number): ResultAsync<number, InfrastructureError> {
    return dbOperation(this.#scope, 'idempotency.deleteExpired', async () => {
      const removed = await this.#db.delete(keys).where(lte(keys.expiresAt, now)).returning({ key: keys.key });
      return removed.length;
    });
  }
}
