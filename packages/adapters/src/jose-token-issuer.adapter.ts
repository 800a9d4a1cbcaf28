// TokenIssuer port on HS256 JWTs (docs/api.md#tokens, SEC-2): `sub` and `username` carry the username, `uid` the
// account's immutable id, `pwv` the password version; verification pins the algorithm and allows 5 s of clock skew on
// `exp` and `iat`. A token whose signature verified is remembered (bounded LRU keyed by the whole token), so a client's
// next requests skip the HMAC; its time claims are still checked on every call (docs/performance.md#request-path-profile).
import { errors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import {
  infrastructureError,
  type TokenClaims,
  type TokenIssuer,
  type TokenRejection,
} from '@socialpredict/domain';

const ALGORITHM = 'HS256';
const CLOCK_TOLERANCE_SECONDS = 5;

export interface JoseTokenIssuerOptions {
  signingKey: string;
  ttlSeconds: number;
  /** epoch milliseconds; injected so tests can issue expired or future tokens */
  now?: () => number;
  /** how many verified tokens are remembered (default 10 000) */
  verifiedTokensMax?: number;
}

interface VerifiedToken {
  readonly claims: TokenClaims;
  /** seconds */
  readonly exp: number;
  readonly iat: number;
}

export function createJoseTokenIssuer(options: JoseTokenIssuerOptions): TokenIssuer {
  const key = new TextEncoder().encode(options.signingKey);
  const now = options.now ?? Date.now;
  const verified = new LRUCache<string, VerifiedToken>({ max: options.verifiedTokensMax ?? 10_000 });

  return {
    issue(claims: TokenClaims) {
      const issuedAt = Math.floor(now() / 1000);
      return ResultAsync.fromPromise(
        new SignJWT({ username: claims.username, uid: claims.userId, pwv: claims.passwordVersion })
          .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
          .setSubject(claims.username)
          .setIssuedAt(issuedAt)
          .setExpirationTime(issuedAt + options.ttlSeconds)
          .sign(key),
        (error) => infrastructureError('UNEXPECTED', 'token signing failed', error),
      );
    },

    verify(token: string) {
      const currentDate = new Date(now());
      const nowSeconds = Math.floor(currentDate.getTime() / 1000);
      const known = verified.get(token);
      if (known !== undefined) {
        // jose's own rule (exp ≤ now − tolerance is expired), applied to the remembered claims.
        if (known.exp <= nowSeconds - CLOCK_TOLERANCE_SECONDS) {
          verified.delete(token);
          return errAsync<TokenClaims, TokenRejection>({ reason: 'expired' });
        }
        if (known.iat > nowSeconds + CLOCK_TOLERANCE_SECONDS) return errAsync<TokenClaims, TokenRejection>({ reason: 'issued in the future' });
        return okAsync<TokenClaims, TokenRejection>(known.claims);
      }
      return ResultAsync.fromPromise(
        jwtVerify(token, key, {
          algorithms: [ALGORITHM],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          currentDate,
          requiredClaims: ['sub', 'iat', 'exp'],
        }),
        (error): TokenRejection => ({ reason: rejectionReason(error) }),
      ).andThen(({ payload }) => {
        const { sub, username, uid, pwv, iat, exp } = payload as {
          sub?: unknown;
          username?: unknown;
          uid?: unknown;
          pwv?: unknown;
          iat?: number;
          exp?: number;
        };
        // jose tolerates any `iat`; the contract refuses tokens issued more than 5 s in the future.
        if (typeof iat === 'number' && iat > currentDate.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) {
          return errAsync<TokenClaims, TokenRejection>({ reason: 'issued in the future' });
        }
        if (typeof sub !== 'string' || username !== sub || !isSafeInteger(uid) || !isSafeInteger(pwv)) {
          return errAsync<TokenClaims, TokenRejection>({ reason: 'malformed claims' });
        }
        const claims: TokenClaims = { userId: uid, username: sub, passwordVersion: pwv };
        // requiredClaims made jose check that both are present numbers.
        verified.set(token, { claims, exp: exp as number, iat: iat as number });
        return okAsync<TokenClaims, TokenRejection>(claims);
      });
    },
  };
}

function isSafeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function rejectionReason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim} invalid`;
  return 'malformed token';
}
