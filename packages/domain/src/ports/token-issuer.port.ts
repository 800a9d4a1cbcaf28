import type { ResultAsync } from 'neverthrow';
import type { InfrastructureError } from './infrastructure.error.ts';

/** What a token proves (docs/api.md#tokens): role and flags are re-read from the database on every request. */
export interface TokenClaims {
  /** `uid`: the immutable id of the account the token was issued to; a later account of the same name has another. */
  readonly userId: number;
  readonly username: string;
  /** `pwv`: a token whose version is below the user's current password version is superseded. */
  readonly passwordVersion: number;
}

/** Why a token was refused (malformed, bad signature, wrong algorithm, expired, issued in the future …). */
export interface TokenRejection {
  readonly reason: string;
}

/** HS256 JWTs in production. */
export interface TokenIssuer {
  issue(claims: TokenClaims): ResultAsync<string, InfrastructureError>;
  verify(token: string): ResultAsync<TokenClaims, TokenRejection>;
}
