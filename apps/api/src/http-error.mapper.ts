// The one mapping from use-case error codes to wire status, reason, message and details (docs/api.md#reason-codes, ERR-2).
// The switch is exhaustive: a new error kind in the domain fails to compile here until it is mapped.
import type { ResultAsync } from 'neverthrow';
import type { DomainFailure, InfrastructureError, SaleRejected, UseCaseError } from '@socialpredict/domain';
import { HttpProblem } from './http-problem.ts';

const INTERNAL_MESSAGE = 'Something went wrong on our side. Please try again.';
const RETRY_MESSAGE = 'The service is busy right now; nothing was changed. Please try again.';

const SALE_HINTS = {
  NO_POSITION:
    'Shares unlock when a follow-up order from another user arrives after your purchase; try again after more trading.',
  INSUFFICIENT_SHARES: 'Ask for fewer credits: at most the sellable value shown for your position.',
} as const;

export function toHttpProblem(error: UseCaseError): HttpProblem {
  switch (error.code) {
    case 'INVALID_OUTCOME':
    case 'INVALID_AMOUNT':
    case 'INVALID_RESOLUTION':
      return new HttpProblem(400, 'VALIDATION_FAILED', error.message, { details: { fields: fieldOf(error.code, error.message) } });
    case 'VALIDATION_FAILED':
      return new HttpProblem(400, 'VALIDATION_FAILED', error.message, { details: { fields: error.fields } });
    case 'INVALID_CREDENTIALS':
      return new HttpProblem(401, 'AUTHORIZATION_DENIED', error.message);
    case 'INVALID_TOKEN':
      return new HttpProblem(401, 'INVALID_TOKEN', error.message);
    case 'AUTHORIZATION_DENIED':
      return new HttpProblem(403, 'AUTHORIZATION_DENIED', error.message);
    case 'USER_NOT_APPROVED':
      return new HttpProblem(403, 'USER_NOT_APPROVED', error.message);
    case 'PASSWORD_CHANGE_REQUIRED':
      return new HttpProblem(403, 'PASSWORD_CHANGE_REQUIRED', error.message);
    case 'USER_NOT_FOUND':
      return new HttpProblem(404, 'USER_NOT_FOUND', error.message);
    case 'MARKET_NOT_FOUND':
      return new HttpProblem(404, 'MARKET_NOT_FOUND', error.message);
    case 'NOT_FOUND':
      return new HttpProblem(404, 'NOT_FOUND', error.message);
    case 'INVALID_STATE':
      return new HttpProblem(409, 'INVALID_STATE', error.message);
    case 'MARKET_CLOSED':
    case 'ALREADY_RESOLVED':
      return new HttpProblem(409, 'MARKET_CLOSED', error.message);
    case 'INSUFFICIENT_BALANCE':
    case 'POOL_NEGATIVE':
    case 'PROBABILITY_OUT_OF_RANGE':
      return new HttpProblem(422, error.code, error.message);
    case 'NO_POSITION':
    case 'NO_SELLABLE_SHARES':
      return saleProblem('NO_POSITION', error);
    case 'INSUFFICIENT_SHARES':
      return saleProblem('INSUFFICIENT_SHARES', error);
    case 'INVALID_SEEDS':
    case 'INVALID_HISTORY':
    case 'NON_FINITE_NUMBER':
      // Stored data is corrupt: never expected from valid input, so it is an internal failure.
      return new HttpProblem(500, 'INTERNAL_ERROR', INTERNAL_MESSAGE, { cause: error });
    case 'INFRASTRUCTURE_ERROR':
      return infrastructureProblem(error);
    case 'MARKET_GROUP_CHILD_UNPUBLISHED': {
      // docs/api.md#reason-codes: the first blocking answer at the top level, every blocking answer in `children`.
      const [first] = error.children;
      return new HttpProblem(409, 'MARKET_GROUP_CHILD_UNPUBLISHED', error.message, {
        details: { ...first, children: error.children, marketIds: error.children.map((child) => child.marketId) },
      });
    }
    default: {
      const unmapped: never = error;
      return new HttpProblem(500, 'INTERNAL_ERROR', INTERNAL_MESSAGE, { cause: unmapped });
    }
  }
}

/** Awaits a use case and returns its value, or throws the mapped problem for the error handler. */
export async function unwrap<T, E extends UseCaseError>(result: ResultAsync<T, E>): Promise<T> {
  const settled = await result;
  if (settled.isErr()) throw toHttpProblem(settled.error);
  return settled.value;
}

function saleProblem(reason: 'NO_POSITION' | 'INSUFFICIENT_SHARES', error: DomainFailure | SaleRejected): HttpProblem {
  const figures = 'details' in error && error.details !== null ? error.details : {};
  const hint = SALE_HINTS[reason];
  // The sell dialog shows only `message`, so it carries the hint too (the contract requires its phrase, docs/api.md#t1-37).
  const message = `${error.message.replace(/\.?$/, '.')} ${hint}`;
  return new HttpProblem(422, reason, message, { details: { hint, ...figures } });
}

function infrastructureProblem(error: InfrastructureError): HttpProblem {
  switch (error.kind) {
    case 'LOCK_TIMEOUT':
    case 'DEADLOCK':
    case 'UNAVAILABLE':
      // ERR-4: nothing was committed, so the client may safely retry.
      return new HttpProblem(503, 'INTERNAL_ERROR', RETRY_MESSAGE, { headers: { 'retry-after': '1' }, cause: error });
    case 'UNIQUE_VIOLATION':
      return new HttpProblem(400, 'VALIDATION_FAILED', `That ${error.field} is already taken.`, {
        details: { fields: { [error.field]: ['is already taken'] } },
      });
    case 'UNEXPECTED':
      return new HttpProblem(500, 'INTERNAL_ERROR', INTERNAL_MESSAGE, { cause: error });
  }
}

function fieldOf(code: 'INVALID_OUTCOME' | 'INVALID_AMOUNT' | 'INVALID_RESOLUTION', message: string): Record<string, string[]> {
  const field = code === 'INVALID_OUTCOME' ? 'outcome' : code === 'INVALID_AMOUNT' ? 'amount' : 'resolution';
  return { [field]: [message] };
}
