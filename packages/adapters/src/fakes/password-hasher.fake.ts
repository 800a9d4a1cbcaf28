import { okAsync, type ResultAsync } from 'neverthrow';
import type { InfrastructureError, PasswordCheck, PasswordHasher } from '@socialpredict/domain';

/**
 * A deterministic, instant stand-in for argon2id. The "hash" records the parameter set it was made with, so tests can
 * change `parameters` to see a rehash on login; call counters show that the dummy verify ran.
 */
export class FakePasswordHasher implements PasswordHasher {
  parameters: string;
  readonly calls = { hash: 0, verify: 0, verifyDummy: 0 };

  constructor(parameters = 'p1') {
    this.parameters = parameters;
  }

  hash(password: string): ResultAsync<string, InfrastructureError> {
    this.calls.hash += 1;
    return okAsync(`fake$${this.parameters}$${password}`);
  }

  verify(passwordHash: string, password: string): ResultAsync<PasswordCheck, InfrastructureError> {
    this.calls.verify += 1;
    const [scheme, parameters, ...rest] = passwordHash.split('$');
    const valid = scheme === 'fake' && rest.join('$') === password;
    return okAsync({ valid, needsRehash: valid && parameters !== this.parameters });
  }

  verifyDummy(_password: string): ResultAsync<PasswordCheck, InfrastructureError> {
    this.calls.verifyDummy += 1;
    return okAsync({ valid: false, needsRehash: false });
  }
}
