import type { ResultAsync } from 'neverthrow';
import type { InfrastructureError } from './infrastructure.error.ts';

export interface PasswordCheck {
  readonly valid: boolean;
  /** The stored hash uses outdated parameters; re-hash after a successful login (http-api §2.1). */
  readonly needsRehash: boolean;
}

/** argon2id in production (http-api §2.1); a deterministic fake in tests. */
export interface PasswordHasher {
  hash(password: string): ResultAsync<string, InfrastructureError>;
  verify(passwordHash: string, password: string): ResultAsync<PasswordCheck, InfrastructureError>;
  /**
   * Verifies against a fixed dummy hash and always reports `valid: false`, so that an unknown username costs as
   * much time as a wrong password (http-api §2.1).
   */
  verifyDummy(password: string): ResultAsync<PasswordCheck, InfrastructureError>;
}
