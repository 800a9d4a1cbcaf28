// The one error handler and the one not-found handler (ERR-3): every failure leaves as
// {ok:false, reason, message?, details?}; a 500 carries no internals and its cause is logged with the request id.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { HttpProblem, isHttpProblem } from '../http-problem.ts';
import type { ErrorBodyType } from '../schemas/error.schema.ts';
import { nonEncapsulated } from './non-encapsulated.ts';

export const errorHandlerPlugin = nonEncapsulated('error-handler', async (app: FastifyInstance) => {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.statusCode >= 500) {
      // The body stays generic; the cause (a thrown error or the use case's infrastructure error) goes to the log.
      request.log.error({ err: error, cause: error.cause, event: 'http.request_failed' }, 'request failed');
    }
    return sendProblem(reply, problem);
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (app.spaFallback(request, reply)) return reply;
    await app.limiters.general(request, reply);
    const path = request.url.split('?')[0] ?? request.url;
    const allowed = app.routeTable.allowedMethods(path);
    if (allowed.length === 0) {
      return sendProblem(reply, new HttpProblem(404, 'NOT_FOUND', 'No such route.'));
    }
    return sendProblem(
      reply,
      new HttpProblem(405, 'METHOD_NOT_ALLOWED', `Method ${request.method} is not allowed here.`, {
        headers: { allow: allowed.join(', ') },
      }),
    );
  });
});

export function sendProblem(reply: FastifyReply, problem: HttpProblem): FastifyReply {
  const body: ErrorBodyType = { ok: false, reason: problem.reason, message: problem.message };
  if (problem.details !== undefined) body.details = problem.details;
  return reply.code(problem.statusCode).headers(problem.headers).type('application/json; charset=utf-8').send(body);
}

function toProblem(error: FastifyError): HttpProblem {
  if (isHttpProblem(error)) return error;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpProblem(413, 'INVALID_REQUEST', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpProblem(415, 'INVALID_REQUEST', 'The request body must be JSON (Content-Type: application/json).');
    default:
      break;
  }
  // Everything else Fastify rejects on its own (bad JSON, empty JSON body, prototype poisoning, bad content
  // length, bad URL) is a malformed request; its message names the problem without exposing internals.
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new HttpProblem(400, 'INVALID_REQUEST', malformedMessage(error));
  }
  return new HttpProblem(500, 'INTERNAL_ERROR', 'Something went wrong on our side. Please try again.');
}

function malformedMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is not valid JSON.';
    default:
      return error instanceof SyntaxError ? 'The request body is not valid JSON.' : 'The request is malformed.';
  }
}
