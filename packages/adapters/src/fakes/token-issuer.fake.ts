import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { InfrastructureError, TokenClaims, TokenIssuer, TokenRejection } from '@socialpredict/domain';

const PREFIX = 'fake-token';

/**
 * Readable, unsigned tokens `fake-token.<userId>.<username>.<passwordVersion>`; anything else is rejected as
 * malformed.
 */
export class FakeTokenIssuer implements TokenIssuer {
  issue(claims: TokenClaims): ResultAsync<string, InfrastructureError> {
    return okAsync(`${PREFIX}.${claims.userId}.${claims.username}.${claims.passwordVersion}`);
  }

  verify(token: string): ResultAsync<TokenClaims, TokenRejection> {
    const [prefix, id, username, version, ...extra] = token.split('.');
    const userId = integer(id);
    const passwordVersion = integer(version);
    if (prefix !== PREFIX || !username || userId === undefined || passwordVersion === undefined || extra.length > 0) {
      return errAsync({ reason: 'malformed token' });
    }
    return okAsync({ userId, username, passwordVersion });
  }
}

// Number('') is 0, so an empty segment is refused explicitly.
function integer(segment: string | undefined): number | undefined {
  if (segment === undefined || segment === '') return undefined;
  const value = Number(segment);
  return Number.isSafeInteger(value) ? value : undefined;
}
