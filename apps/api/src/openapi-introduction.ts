// The introduction of the OpenAPI document (`info.description`): authentication, success and error bodies, reason
// codes, rate limits and idempotency, as docs/api.md states them. The reason table is built from the closed list of
// reasons and from the HTTP error mapper itself, so it cannot drift from what the API answers.
import {
  infrastructureError,
  uniqueViolation,
  USE_CASE_ERROR_CODES,
  type InfrastructureErrorKind,
  type UseCaseError,
} from '@socialpredict/domain';
import { toHttpProblem } from './http-error.mapper.ts';
import { REASONS, type Reason } from './schemas/error.schema.ts';

/** When each reason is answered, and the statuses the adapter itself answers with it (routing, hooks, limits, parsing). */
const REASON_USE: Record<Reason, { adapterStatuses: readonly number[]; when: string }> = {
  INVALID_REQUEST: {
    adapterStatuses: [400, 413, 415],
    when: 'malformed input: not JSON, wrong JSON type, bad path or query parameter, unknown login field; 413 body over 1 MiB; 415 not JSON',
  },
  VALIDATION_FAILED: { adapterStatuses: [400], when: 'well-formed input breaking a rule; `details.fields` names each field' },
  INVALID_TOKEN: { adapterStatuses: [401], when: 'bearer token missing, malformed, forged, expired or older than the last password change' },
  AUTHORIZATION_DENIED: { adapterStatuses: [403], when: '401 wrong credentials; 403 missing role or not the steward' },
  USER_NOT_APPROVED: { adapterStatuses: [], when: 'the game mode does not let the caller create markets' },
  PASSWORD_CHANGE_REQUIRED: { adapterStatuses: [403], when: 'the caller must change the password first' },
  NOT_FOUND: { adapterStatuses: [404], when: 'unknown route or missing content item' },
  USER_NOT_FOUND: { adapterStatuses: [404], when: 'the named user, or the token’s user, does not exist' },
  MARKET_NOT_FOUND: { adapterStatuses: [], when: 'the market does not exist' },
  METHOD_NOT_ALLOWED: { adapterStatuses: [405], when: 'known path, wrong method; `Allow` lists the valid ones' },
  INVALID_STATE: { adapterStatuses: [], when: 'a lifecycle transition the market’s state does not allow' },
  MARKET_GROUP_CHILD_UNPUBLISHED: { adapterStatuses: [409], when: 'a market group resolution blocked by answer markets that are not published (`details.children`)' },
  MARKET_CLOSED: { adapterStatuses: [], when: 'trade, quote or projection on a market that is not active; market already resolved' },
  INSUFFICIENT_BALANCE: { adapterStatuses: [], when: 'the charge would take the balance below −maximumDebtAllowed' },
  NO_POSITION: { adapterStatuses: [], when: 'nothing sellable on that side (no shares, shares still locked); `details.hint`' },
  INSUFFICIENT_SHARES: { adapterStatuses: [], when: 'the sale exceeds the sellable inventory; `details.hint`' },
  DUST_CAP_EXCEEDED: { adapterStatuses: [422], when: 'reserved: dust is clipped to its cap, so it never occurs' },
  POOL_NEGATIVE: { adapterStatuses: [], when: 'the trade would take the pool below zero' },
  PROBABILITY_OUT_OF_RANGE: { adapterStatuses: [], when: 'the trade would push the probability outside [0, 1]' },
  RATE_LIMITED: { adapterStatuses: [429], when: 'the general limiter; `Retry-After` says when to retry' },
  LOGIN_RATE_LIMITED: { adapterStatuses: [429], when: 'a login limiter (per address, or failures per username)' },
  IDEMPOTENCY_IN_PROGRESS: { adapterStatuses: [409], when: 'a request with the same `Idempotency-Key` is still running; `Retry-After: 1`' },
  IDEMPOTENCY_KEY_REUSED: { adapterStatuses: [422], when: 'the `Idempotency-Key` was used before with another method, path or body; nothing ran' },
  INTERNAL_ERROR: {
    adapterStatuses: [500, 503],
    when: 'unexpected failure; 503 with `Retry-After` when shedding load, shutting down, or on a lock timeout or deadlock (nothing committed)',
  },
};

// Keyed by the union, so a new infrastructure kind does not compile until it is listed.
const INFRASTRUCTURE_KINDS: Record<InfrastructureErrorKind, true> = {
  UNAVAILABLE: true,
  LOCK_TIMEOUT: true,
  DEADLOCK: true,
  UNIQUE_VIOLATION: true,
  UNEXPECTED: true,
};

export interface MappedCode {
  code: string;
  status: number;
  reason: Reason;
}

/** What the mapper answers for every use-case error code (infrastructure errors once per kind). */
export function mappedUseCaseCodes(): MappedCode[] {
  const samples = USE_CASE_ERROR_CODES.flatMap((code): [string, UseCaseError][] => {
    // `children` feeds the details of MARKET_GROUP_CHILD_UNPUBLISHED; the other codes ignore it.
    if (code !== 'INFRASTRUCTURE_ERROR') return [[code, { code, message: code, children: [] } as UseCaseError]];
    return (Object.keys(INFRASTRUCTURE_KINDS) as InfrastructureErrorKind[]).map((kind) => [
      `infrastructure ${kind}`,
      kind === 'UNIQUE_VIOLATION' ? uniqueViolation('username', 'users_username_key') : infrastructureError(kind, kind),
    ]);
  });
  return samples.map(([code, error]) => {
    const problem = toHttpProblem(error);
    return { code, status: problem.statusCode, reason: problem.reason };
  });
}

export interface ReasonRow {
  reason: Reason;
  statuses: number[];
  when: string;
  codes: MappedCode[];
}

export function reasonTable(): ReasonRow[] {
  const mapped = mappedUseCaseCodes();
  return REASONS.map((reason) => {
    const codes = mapped.filter((row) => row.reason === reason);
    const statuses = [...new Set([...REASON_USE[reason].adapterStatuses, ...codes.map((row) => row.status)])].sort((a, b) => a - b);
    return { reason, statuses, when: REASON_USE[reason].when, codes };
  });
}

/** The reasons a failure with this status can carry, for the error responses of every operation. */
export function reasonsFor(status: number, table: readonly ReasonRow[]): Reason[] {
  return table.filter((row) => row.statuses.includes(status)).map((row) => row.reason);
}

function reasonTableMarkdown(table: readonly ReasonRow[]): string {
  const rows = table.map(({ reason, statuses, when, codes }) => {
    const from = codes.map((row) => `\`${row.code}\`${statuses.length > 1 ? ` (${row.status})` : ''}`).join(', ');
    return `| \`${reason}\` | ${statuses.join(', ')} | ${when} | ${from || '–'} |`;
  });
  return ['| reason | HTTP | when | from use-case errors |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export function apiIntroduction(): string {
  return `The v0 wire contract of the SocialPredict web app, plus unversioned ops endpoints (\`/health\`, \`/readyz\`,
\`/ops/status\`, \`/metrics\`). Requests and responses are JSON; ids, credits and shares are integers; times are RFC 3339
UTC strings with milliseconds. Every response carries \`X-Request-Id\`.

## Authentication

\`POST /v0/login\` with \`{username, password}\` returns a JWT (HS256, 24 h by default). Send it as
\`Authorization: Bearer <token>\` on the operations marked with the lock. Accounts created by an admin, and the seeded
\`admin\`, start with \`mustChangePassword: true\`: until \`POST /v0/changepassword\` succeeds, every other
authenticated operation answers 403 \`PASSWORD_CHANGE_REQUIRED\`. A password change revokes older tokens. Roles are
re-read on every request; public operations never read the \`Authorization\` header.

## Success and error bodies

The style is fixed per operation, as the web app expects it:

- **enveloped**: \`{"ok": true, "result": …}\` (most operations);
- **raw**: the payload itself (setup, public market lists and details, projections, public user reads, market
  creation, user creation);
- **204**: no body (market resolution).

Every failure is \`{"ok": false, "reason": "<REASON>", "message": "<text safe to show>", "details"?: {…}}\`.
\`details.fields\` lists the problems per field of a refused input; refused sales carry \`details.hint\` and the
position's figures.

## Reason codes

${reasonTableMarkdown(reasonTable())}

## Rate limits

Fixed windows per client address: a general limiter (300 requests per 60 s by default) on most \`/v0\` operations and
unknown routes, and two login limiters (10 attempts per 300 s per address, 50 failures per 900 s per username).
Limited responses carry \`x-ratelimit-limit\`, \`x-ratelimit-remaining\` and \`x-ratelimit-reset\`; a 429 adds
\`Retry-After\` in seconds. Ops endpoints and the static content reads are never limited.

## Idempotency

Authenticated \`POST\`, \`PUT\` and \`PATCH\` requests accept an optional \`Idempotency-Key\` header (1–255
printable ASCII characters), scoped to the user. A repeat with the same key and body replays the stored status and
body with \`Idempotent-Replayed: true\`; a repeat while the first is running gets 409 \`IDEMPOTENCY_IN_PROGRESS\`
with \`Retry-After: 1\`, the same key with another body 422 \`IDEMPOTENCY_KEY_REUSED\`. The answer is stored in the
write's own transaction, so a retry after a lost response never moves money twice. Keys live 24 h
(\`IDEMPOTENCY_TTL_SECONDS\`). 429 and 5xx answers are not stored, so their retry runs.`;
}
