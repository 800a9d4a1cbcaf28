// Request ids (docs/api.md#request-ids): a well-formed incoming X-Request-Id is kept, anything else replaced by 32 hex chars.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ACCEPTED = /^[A-Za-z0-9._-]{1,128}$/;

export function newRequestId(): string {
  return randomBytes(16).toString('hex');
}

export function requestId(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  if (typeof incoming === 'string' && ACCEPTED.test(incoming)) return incoming;
  return newRequestId();
}

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-([\da-f]{16})-([\da-f]{2})$/;

/** W3C trace context of the caller, bound to the request's log lines (LOG-1). */
export function traceFields(request: IncomingMessage): Record<string, string> {
  const header = request.headers.traceparent;
  const match = typeof header === 'string' ? TRACEPARENT.exec(header.trim().toLowerCase()) : null;
  if (match === null || /^0+$/.test(match[1] ?? '') || /^0+$/.test(match[2] ?? '')) return {};
  return { trace_id: match[1] ?? '', span_id: match[2] ?? '', trace_flags: match[3] ?? '' };
}
