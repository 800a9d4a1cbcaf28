// `Idempotency-Key` on authenticated POST, PUT and PATCH (docs/api.md#idempotency). Before the body is validated,
// the request claims its user's key in the database (so across processes and instances): a completed record with the
// same fingerprint is replayed with `Idempotent-Replayed: true`, a running one answers 409, a different fingerprint
// 422. A claimed request runs; its write stores the answer in the write's own transaction (`writeCall`), and what
// did not store it there — a refusal, a validation error, a route without a write — stores it on send (a no-op for
// an answer already stored). 429 and 5xx answers are not kept: the claim is released so that the retry runs.
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock, IdempotencyStore, InfrastructureError } from '@socialpredict/domain';
import { toHttpProblem } from '../http-error.mapper.ts';
import { HttpProblem } from '../http-problem.ts';
import { nonEncapsulated } from './non-encapsulated.ts';

/** What the request holds once it claimed its key. */
export interface IdempotencyClaimed {
  readonly username: string;
  readonly key: string;
  readonly owner: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotencyClaimed | undefined;
  }
}

export interface IdempotencyOptions {
  store: IdempotencyStore;
  clock: Clock;
  /** IDEMPOTENCY_TTL_SECONDS */
  ttlSeconds: number;
  /**
   * How long a running claim blocks its key. Longer than any request may run (HTTP_REQUEST_TIMEOUT_MS), so only a
   * claim whose process died is taken over; a late write of a taken-over claim is refused by its own transaction.
   */
  leaseMs: number;
}

const KEYED_METHODS = new Set(['POST', 'PUT', 'PATCH']);
/** 1–255 printable ASCII characters */
const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;
const REPLAYED = 'idempotent-replayed';

function fingerprintOf(request: FastifyRequest): string {
  const path = request.url.split('?')[0] ?? request.url;
  return createHash('sha256').update(JSON.stringify([request.method, path, request.body ?? null])).digest('hex');
}

function infrastructureFailure(error: InfrastructureError): never {
  throw toHttpProblem(error);
}

export const idempotencyPlugin = nonEncapsulated('idempotency', async (app: FastifyInstance, opts: IdempotencyOptions) => {
  const { store, clock, ttlSeconds, leaseMs } = opts;
  app.decorateRequest('idempotency', undefined);

  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers['idempotency-key'];
    // Unauthenticated routes (login) take no key: it is scoped to the caller.
    if (header === undefined || !KEYED_METHODS.has(request.method) || request.principal === undefined) return;
    if (typeof header !== 'string' || !KEY_PATTERN.test(header)) {
      throw new HttpProblem(400, 'INVALID_REQUEST', 'Idempotency-Key must be 1 to 255 printable ASCII characters.');
    }
    const claim = {
      username: request.principal.username,
      key: header,
      fingerprint: fingerprintOf(request),
      owner: randomUUID(),
      now: clock.now(),
    };
    const outcome = await store
      .claim({ ...claim, leaseUntil: claim.now + leaseMs, expiresAt: claim.now + ttlSeconds * 1000 })
      .match((value) => value, infrastructureFailure);
    if (outcome.state === 'claimed') {
      request.idempotency = { username: claim.username, key: claim.key, owner: claim.owner };
      return;
    }
    if (outcome.fingerprint !== claim.fingerprint) {
      throw new HttpProblem(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request.');
    }
    if (outcome.state === 'running') {
      throw new HttpProblem(409, 'IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still running. Please retry.', {
        headers: { 'retry-after': '1' },
      });
    }
    const { status, body } = outcome.response;
    reply.code(status).header(REPLAYED, 'true');
    // The stored text is what the route's serializer produced; sent as is, the replay is byte for byte the original.
    return status === 204 ? reply.send() : reply.type('application/json; charset=utf-8').send(body);
  });

  // A callback hook, so the requests without a key (nearly all) pay no promise for it.
  app.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: Error | null, payload?: unknown) => void) => {
    const claimed = request.idempotency;
    if (claimed === undefined) {
      done(null, payload);
      return;
    }
    const { username, key, owner } = claimed;
    const status = reply.statusCode;
    const kept = status !== 429 && status < 500;
    const settling = kept
      ? store.complete(username, key, owner, { status, body: typeof payload === 'string' ? payload : '' })
      : store.release(username, key, owner);
    settling.then(
      (settled) => {
        // The answer is sent either way; a record left running is taken over once its lease ends, so a retry then runs.
        if (settled.isErr()) request.log.warn({ event: 'idempotency.settle_failed', err: settled.error }, 'the idempotency record could not be settled');
        done(null, payload);
      },
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  });
});
