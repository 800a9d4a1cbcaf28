// What a route hands to an audited write (docs/api.md#audit-log, docs/api.md#idempotency): the caller as the audit
// actor, the request id, and — when the request claimed an Idempotency-Key — the hook that stores the route's answer
// in the write's own transaction. The answer is computed once: the one stored is the one sent.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WriteCall } from '@socialpredict/domain';
import { principalOf } from './principal.ts';

/** A route's answer to a write: its status and the body its response schema serialises. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface RouteWrite<O> {
  /** the second argument of the audited use case */
  readonly call: WriteCall<O>;
  /** sends the answer to `output` (the one already stored with the write, if any) */
  send(output: O): FastifyReply;
}

export function routeWrite<O>(request: FastifyRequest, reply: FastifyReply, answer: (output: O) => HttpAnswer): RouteWrite<O> {
  const origin = { actor: principalOf(request).username, requestId: request.id };
  const claimed = request.idempotency;
  let stored: { readonly output: O; readonly answer: HttpAnswer } | undefined;
  const answerTo = (output: O) => (stored?.output === output ? stored.answer : answer(output));
  return {
    call:
      claimed === undefined
        ? { origin }
        : {
            origin,
            commit: (output) => {
              stored = { output, answer: answer(output) };
              const { status, body } = stored.answer;
              const serialised = status === 204 ? '' : String(reply.serializeInput(body as Record<string, unknown>, String(status)));
              const { username, key, owner } = claimed;
              return { idempotency: { username, key, owner, response: { status, body: serialised } } };
            },
          },
    send: (output) => {
      const { status, body } = answerTo(output);
      return status === 204 ? reply.code(204).send() : reply.code(status).send(body);
    },
  };
}
