// Request ids (docs/api.md#request-ids): a well-formed incoming X-Request-Id is kept, anything else replaced by 32 hex chars.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ACCEPTED = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * A random UUID without its dashes: Node draws UUIDs from a buffered entropy pool, where `randomBytes(16)` cost a
 * call into the random source per request (1.8 % of the bet path's CPU profile, docs/performance.md#request-path-profile).
 */
export function newRequestId(): string {
  return randomUUID().replaceAll('-', '');
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
