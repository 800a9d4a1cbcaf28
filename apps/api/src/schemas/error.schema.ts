// The failure body of every route (docs/api.md#reason-codes) and the closed list of wire reasons.
import { Type, type Static, type TUnsafe } from '@sinclair/typebox';
import { ref } from './common.schema.ts';

export const REASONS = [
  'INVALID_REQUEST',
  'VALIDATION_FAILED',
  'INVALID_TOKEN',
  'AUTHORIZATION_DENIED',
  'USER_NOT_APPROVED',
  'PASSWORD_CHANGE_REQUIRED',
  'NOT_FOUND',
  'USER_NOT_FOUND',
  'MARKET_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'INVALID_STATE',
  'MARKET_GROUP_CHILD_UNPUBLISHED',
  'IDEMPOTENCY_IN_PROGRESS',
  'MARKET_CLOSED',
  'IDEMPOTENCY_KEY_REUSED',
  'INSUFFICIENT_BALANCE',
  'NO_POSITION',
  'INSUFFICIENT_SHARES',
  'DUST_CAP_EXCEEDED',
  'POOL_NEGATIVE',
  'PROBABILITY_OUT_OF_RANGE',
  'RATE_LIMITED',
  'LOGIN_RATE_LIMITED',
  'INTERNAL_ERROR',
] as const;

export type Reason = (typeof REASONS)[number];

export const ErrorBody = Type.Object(
  {
    ok: Type.Literal(false),
    reason: Type.Union(REASONS.map((reason) => Type.Literal(reason))),
    message: Type.Optional(Type.String()),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  {
    $id: 'ErrorBody',
    title: 'ErrorBody',
    description: 'Every failure: a reason code from the closed list, a user-presentable message.',
    examples: [{ ok: false, reason: 'MARKET_NOT_FOUND', message: 'Market 999 does not exist.' }],
  },
);

export type ErrorBodyType = Static<typeof ErrorBody>;

/** Response entries for the error statuses a route documents; 429 and 500 can happen on every route. */
export function errorResponses(...statuses: number[]): Record<number, TUnsafe<ErrorBodyType>> {
  const all = new Set([...statuses, 429, 500]);
  return Object.fromEntries([...all].map((status) => [status, ref(ErrorBody)]));
}
