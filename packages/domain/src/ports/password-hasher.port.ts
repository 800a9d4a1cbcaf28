import type { ResultAsync } from 'neverthrow';
import type { InfrastructureError } from './infrastructure.error.ts';

export interface PasswordCheck {
  readonly valid: boolean;
  /** The stored hash uses outdated parameters; re-hash after a successful login (docs/api.md#login). */
  readonly needsRehash: boolean;
}

/** argon2id in production (docs/api.md#login); a deterministic fake in tests. */
export interface PasswordHasher {
  hash(password: string): ResultAsync<string, InfrastructureError>;
  verify(passwordHash: string, password: string): ResultAsync<PasswordCheck, InfrastructureError>;
  /**
   * Verifies against a fixed dummy hash and always reports `valid: false`, so that an unknown username costs as
   * much time as a wrong password (docs/api.md#login).
   */
  verifyDummy(password: string): ResultAsync<PasswordCheck, InfrastructureError>;
}
