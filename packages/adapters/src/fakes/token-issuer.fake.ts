import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { InfrastructureError, TokenClaims, TokenIssuer, TokenRejection } from '@socialpredict/domain';

const PREFIX = 'fake-token';

/** Readable, unsigned tokens `fake-token.<username>.<passwordVersion>`; anything else is rejected as malformed. */
export class FakeTokenIssuer implements TokenIssuer {
  issue(claims: TokenClaims): ResultAsync<string, InfrastructureError> {
    return okAsync(`${PREFIX}.${claims.username}.${claims.passwordVersion}`);
  }

  verify(token: string): ResultAsync<TokenClaims, TokenRejection> {
    const [prefix, username, version, ...extra] = token.split('.');
    const passwordVersion = Number(version);
    if (prefix !== PREFIX || !username || !Number.isSafeInteger(passwordVersion) || extra.length > 0) {
      return errAsync({ reason: 'malformed token' });
    }
    return okAsync({ username, passwordVersion });
  }
}
