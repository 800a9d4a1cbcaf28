import { describe, expect, it } from 'vitest';
import { USE_CASE_ERROR_CODES, infrastructureError, uniqueViolation, type UseCaseError } from '@socialpredict/domain';
import { toHttpProblem } from './http-error.mapper.ts';

// One row per use-case error code (ERR-2): status and reason exactly as docs/api.md#reason-codes maps them.
const EXPECTED: Record<(typeof USE_CASE_ERROR_CODES)[number], [number, string]> = {
  INVALID_OUTCOME: [400, 'VALIDATION_FAILED'],
  INVALID_AMOUNT: [400, 'VALIDATION_FAILED'],
  INVALID_RESOLUTION: [400, 'VALIDATION_FAILED'],
  INVALID_SEEDS: [500, 'INTERNAL_ERROR'],
  INVALID_HISTORY: [500, 'INTERNAL_ERROR'],
  NON_FINITE_NUMBER: [500, 'INTERNAL_ERROR'],
  PROBABILITY_OUT_OF_RANGE: [422, 'PROBABILITY_OUT_OF_RANGE'],
  POOL_NEGATIVE: [422, 'POOL_NEGATIVE'],
  NO_POSITION: [422, 'NO_POSITION'],
  NO_SELLABLE_SHARES: [422, 'NO_POSITION'],
  INSUFFICIENT_SHARES: [422, 'INSUFFICIENT_SHARES'],
  INSUFFICIENT_BALANCE: [422, 'INSUFFICIENT_BALANCE'],
  MARKET_CLOSED: [409, 'MARKET_CLOSED'],
  ALREADY_RESOLVED: [409, 'MARKET_CLOSED'],
  VALIDATION_FAILED: [400, 'VALIDATION_FAILED'],
  INVALID_CREDENTIALS: [401, 'AUTHORIZATION_DENIED'],
  INVALID_TOKEN: [401, 'INVALID_TOKEN'],
  AUTHORIZATION_DENIED: [403, 'AUTHORIZATION_DENIED'],
  USER_NOT_APPROVED: [403, 'USER_NOT_APPROVED'],
  PASSWORD_CHANGE_REQUIRED: [403, 'PASSWORD_CHANGE_REQUIRED'],
  USER_NOT_FOUND: [404, 'USER_NOT_FOUND'],
  MARKET_NOT_FOUND: [404, 'MARKET_NOT_FOUND'],
  NOT_FOUND: [404, 'NOT_FOUND'],
  INVALID_STATE: [409, 'INVALID_STATE'],
  MARKET_GROUP_CHILD_UNPUBLISHED: [409, 'MARKET_GROUP_CHILD_UNPUBLISHED'],
  INFRASTRUCTURE_ERROR: [500, 'INTERNAL_ERROR'],
};

function sample(code: (typeof USE_CASE_ERROR_CODES)[number]): UseCaseError {
  switch (code) {
    case 'INFRASTRUCTURE_ERROR':
      return infrastructureError('UNEXPECTED', 'relation "users" does not exist');
    case 'VALIDATION_FAILED':
      return { code, message: 'bad', fields: { username: ['is already taken'] } };
    case 'NO_POSITION':
    case 'NO_SELLABLE_SHARES':
    case 'INSUFFICIENT_SHARES':
      return { code, message: 'nothing to sell', details: null };
    case 'MARKET_GROUP_CHILD_UNPUBLISHED':
      return { code, message: 'unpublished', children: [{ marketId: 7, answerLabel: 'Reds', lifecycleStatus: 'proposed' }] };
    default:
      return { code, message: `${code} happened` } as UseCaseError;
  }
}

describe('http error mapper (ERR-2)', () => {
  it.each(USE_CASE_ERROR_CODES)('maps %s', (code) => {
    const problem = toHttpProblem(sample(code));
    expect([problem.statusCode, problem.reason]).toEqual(EXPECTED[code]);
    expect(problem.message.length).toBeGreaterThan(0);
  });

  it('never leaks internals in a 500', () => {
    const problem = toHttpProblem(sample('INFRASTRUCTURE_ERROR'));
    expect(problem.message).not.toContain('relation');
    expect(problem.cause).toBeDefined();
  });

  it('turns lock timeouts, deadlocks and outages into 503 with Retry-After', () => {
    for (const kind of ['LOCK_TIMEOUT', 'DEADLOCK', 'UNAVAILABLE'] as const) {
      const problem = toHttpProblem(infrastructureError(kind, 'x'));
      expect([problem.statusCode, problem.reason, problem.headers['retry-after']]).toEqual([503, 'INTERNAL_ERROR', '1']);
    }
  });

  it('reports an unexpected unique violation as a taken field', () => {
    const problem = toHttpProblem(uniqueViolation('displayName', 'users_display_name_key'));
    expect([problem.statusCode, problem.reason, problem.details]).toEqual([400, 'VALIDATION_FAILED', { fields: { displayName: ['is already taken'] } }]);
  });

  it('puts the hint and the sale figures in details, and the hint in the message', () => {
    const details = { outcome: 'YES' as const, requestedCredits: 5, positionValue: 9, positionOutcomeShares: 9, nominalUnlockedValue: 0, nominalUnlockedOutcomeShares: 0, executableSaleValue: 0 };
    const problem = toHttpProblem({ code: 'NO_POSITION', message: 'nothing unlocked', details });
    expect(problem.message).toContain('follow-up order from another user');
    expect(problem.details).toEqual({ hint: expect.any(String), ...details });
  });
});
