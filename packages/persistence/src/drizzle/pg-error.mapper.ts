// ERR-4: driver failures become the domain's InfrastructureError, classified by SQLSTATE. Both drivers report the
// SQLSTATE as `code` (postgres.js PostgresError, PGlite DatabaseError); Drizzle wraps them in DrizzleQueryError, whose
// `cause` is the driver error. Messages and causes never carry query parameters (a password hash may be one).
import { infrastructureError, isInfrastructureError, uniqueViolation, type InfrastructureError } from '@socialpredict/domain';

/** Record field covered by each unique constraint of the schema (reported with UNIQUE_VIOLATION). */
const UNIQUE_FIELDS: Readonly<Record<string, string>> = {
  users_username_unique: 'username',
  users_display_name_unique: 'displayName',
  market_tags_slug_unique: 'slug',
};

/** postgres.js and Node socket codes meaning the server is gone or cannot be reached. */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** SQLSTATEs of an unreachable or shutting-down server: connection exceptions (08), shutdown, too many connections. */
function isUnavailableState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

interface DriverError {
  code?: unknown;
  message?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
  table?: unknown;
  table_name?: unknown;
}

/** The first error of a `cause` chain that carries a code: the driver's own error under Drizzle's wrapper. */
function driverError(error: unknown): DriverError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    if (typeof (current as DriverError).code === 'string') return current as DriverError;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The innermost Error of a `cause` chain: below Drizzle's wrapper, whose message lists the query parameters. */
function innermost(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause instanceof Error; depth += 1) {
    current = current.cause;
  }
  return current;
}

/** Converts anything thrown by a driver call made for `operation` (e.g. `bets.insert`). */
export function toInfrastructureError(error: unknown, operation: string): InfrastructureError {
  if (isInfrastructureError(error)) return error;
  const found = driverError(error);
  if (found === null) {
    const root = innermost(error);
    const detail = `${operation}: ${root instanceof Error ? root.message : String(root)}`;
    // PGlite reports its closed state without a code.
    if (/PGlite is closed/i.test(detail)) return infrastructureError('UNAVAILABLE', detail, root);
    // Not a driver failure (a bug, or a value the schema refuses to map): keep the error itself for the logs.
    return infrastructureError('UNEXPECTED', detail, root);
  }
  const code = text(found.code) ?? '';
  const message = `${operation}: ${text(found.message) ?? 'unknown database error'}`;
  const constraint = text(found.constraint_name) ?? text(found.constraint);
  // Only the classification survives as the cause: driver errors may hold the query's parameters.
  const cause = { code, constraint, table: text(found.table_name) ?? text(found.table) };
  if (code === '23505') {
    const name = constraint ?? 'unknown';
    return uniqueViolation(UNIQUE_FIELDS[name] ?? name, name, cause);
  }
  if (code === '55P03') return infrastructureError('LOCK_TIMEOUT', message, cause);
  if (code === '40P01') return infrastructureError('DEADLOCK', message, cause);
  if (CONNECTION_CODES.has(code) || isUnavailableState(code)) {
    return infrastructureError('UNAVAILABLE', message, cause);
  }
  return infrastructureError('UNEXPECTED', message, cause);
}
