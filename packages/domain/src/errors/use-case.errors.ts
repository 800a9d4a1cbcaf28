// Tagged errors returned by the use cases (ERR-1 (docs/architecture.md#err-1)). Each carries a stable `code`; the HTTP adapter maps
// codes to statuses and reasons (docs/api.md#reason-codes). No HTTP status appears here.
import type { DomainErrorCode } from '../math/errors.ts';
import type { Outcome } from '../math/types.ts';

/** A failure reported by the market math (docs/market-model.md#math-api), as a value. */
export interface DomainFailure<C extends DomainErrorCode = DomainErrorCode> {
  readonly code: C;
  readonly message: string;
}

/** Codes that can only come from corrupt stored data or seeds; docs/api.md#reason-codes maps them to 500. */
export const CORRUPT_DATA_CODES = ['INVALID_SEEDS', 'INVALID_HISTORY', 'NON_FINITE_NUMBER'] as const;
export type CorruptDataCode = (typeof CORRUPT_DATA_CODES)[number];
export type CorruptData = DomainFailure<CorruptDataCode>;

/** Problems per input field, e.g. `{ newPassword: ['needs a digit'] }`. */
export type FieldProblems = Readonly<Record<string, readonly string[]>>;

export interface ValidationFailed {
  readonly code: 'VALIDATION_FAILED';
  readonly message: string;
  readonly fields: FieldProblems;
}

/** Wrong username or password (login) or wrong current password (change password); the same for both causes. */
export interface InvalidCredentials {
  readonly code: 'INVALID_CREDENTIALS';
  readonly message: string;
}

export interface InvalidToken {
  readonly code: 'INVALID_TOKEN';
  readonly message: string;
}

/** The caller lacks the role or is not the market's steward. */
export interface AuthorizationDenied {
  readonly code: 'AUTHORIZATION_DENIED';
  readonly message: string;
}

/** The caller may not create markets under the current game mode (docs/api.md#game-modes). */
export interface UserNotApproved {
  readonly code: 'USER_NOT_APPROVED';
  readonly message: string;
}

export interface PasswordChangeRequired {
  readonly code: 'PASSWORD_CHANGE_REQUIRED';
  readonly message: string;
}

export interface UserNotFound {
  readonly code: 'USER_NOT_FOUND';
  readonly message: string;
  readonly username: string;
}

export interface MarketNotFound {
  readonly code: 'MARKET_NOT_FOUND';
  readonly message: string;
  readonly marketId: number;
}

/** A named record other than a user or a market (an amendment, say) does not exist. */
export interface RecordNotFound {
  readonly code: 'NOT_FOUND';
  readonly message: string;
}

/** A lifecycle transition that the market's current state does not allow. */
export interface InvalidState {
  readonly code: 'INVALID_STATE';
  readonly message: string;
}

/** The figures the web app needs to explain a refused sale (docs/api.md#reason-codes), present when the user holds shares. */
export interface SaleFailureDetails {
  readonly outcome: Outcome;
  readonly requestedCredits: number;
  readonly positionValue: number;
  readonly positionOutcomeShares: number;
  readonly nominalUnlockedValue: number;
  readonly nominalUnlockedOutcomeShares: number;
  readonly executableSaleValue: number;
}

export interface SaleRejected extends DomainFailure<'NO_POSITION' | 'NO_SELLABLE_SHARES' | 'INSUFFICIENT_SHARES'> {
  readonly details: SaleFailureDetails | null;
}

export function domainFailure<C extends DomainErrorCode>(code: C, message: string = code): DomainFailure<C> {
  return { code, message };
}

export function validationFailed(
  fields: FieldProblems,
  message = 'The request breaks a validation rule.',
): ValidationFailed {
  return { code: 'VALIDATION_FAILED', message, fields };
}

export function invalidCredentials(): InvalidCredentials {
  return { code: 'INVALID_CREDENTIALS', message: 'Invalid username or password.' };
}

export function invalidToken(message = 'The token is missing, invalid, expired or superseded.'): InvalidToken {
  return { code: 'INVALID_TOKEN', message };
}

export function authorizationDenied(message: string): AuthorizationDenied {
  return { code: 'AUTHORIZATION_DENIED', message };
}

export function userNotApproved(message: string): UserNotApproved {
  return { code: 'USER_NOT_APPROVED', message };
}

export function passwordChangeRequired(): PasswordChangeRequired {
  return { code: 'PASSWORD_CHANGE_REQUIRED', message: 'The password must be changed first.' };
}

export function userNotFound(username: string): UserNotFound {
  return { code: 'USER_NOT_FOUND', message: `User ${username} does not exist.`, username };
}

export function marketNotFound(marketId: number): MarketNotFound {
  return { code: 'MARKET_NOT_FOUND', message: `Market ${marketId} does not exist.`, marketId };
}

export function recordNotFound(message: string): RecordNotFound {
  return { code: 'NOT_FOUND', message };
}

export function invalidState(message: string): InvalidState {
  return { code: 'INVALID_STATE', message };
}

/** One answer market that keeps its group from being resolved (docs/api.md#market-groups). */
export interface UnpublishedChild {
  readonly marketId: number;
  readonly answerLabel: string;
  readonly lifecycleStatus: string;
}

/** A group resolution refused because some answer markets are not published (nothing is settled). */
export interface MarketGroupChildUnpublished {
  readonly code: 'MARKET_GROUP_CHILD_UNPUBLISHED';
  readonly message: string;
  /** every blocking child, in display order */
  readonly children: readonly UnpublishedChild[];
}

export function marketGroupChildUnpublished(children: readonly UnpublishedChild[]): MarketGroupChildUnpublished {
  const ids = children.map((child) => String(child.marketId)).join(', ');
  return { code: 'MARKET_GROUP_CHILD_UNPUBLISHED', message: `Answer markets ${ids} are not published.`, children };
}
