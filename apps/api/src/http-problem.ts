// A failure decided by the HTTP adapter itself (auth, routing, limits, request shape). Thrown from hooks and
// handlers and rendered by the one error handler; domain failures go through http-error.mapper.ts instead.
import type { Reason } from './schemas/error.schema.ts';

export class HttpProblem extends Error {
  readonly statusCode: number;
  readonly reason: Reason;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    statusCode: number,
    reason: Reason,
    message: string,
    extra: { details?: Record<string, unknown>; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'HttpProblem';
    this.statusCode = statusCode;
    this.reason = reason;
    this.details = extra.details;
    this.headers = extra.headers ?? {};
  }
}

export function isHttpProblem(error: unknown): error is HttpProblem {
  return error instanceof HttpProblem;
}
