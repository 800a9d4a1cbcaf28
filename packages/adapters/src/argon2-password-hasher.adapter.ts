// PasswordHasher port on argon2id (SEC-1): memory 19 456 KiB, 2 passes, parallelism 1, PHC strings. A dummy hash
// made at boot lets an unknown username cost the same verification time as a wrong password.
import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';
import { ResultAsync } from 'neverthrow';
import { infrastructureError, type PasswordCheck, type PasswordHasher } from '@socialpredict/domain';

// `Algorithm` is a const enum in the package's typings, which isolated modules cannot read; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

export const ARGON2_PARAMETERS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export async function createArgon2PasswordHasher(
  parameters: Pick<Options, 'memoryCost' | 'timeCost' | 'parallelism'> = ARGON2_PARAMETERS,
): Promise<PasswordHasher> {
  const options: Options = { algorithm: ARGON2ID, ...parameters };
  const dummyHash = await hash(randomBytes(24).toString('base64url'), options);

  const failure = (error: unknown) => infrastructureError('UNEXPECTED', 'password hashing failed', error);

  const isCurrent = (passwordHash: string): boolean => {
    try {
      const used = parseOptions(passwordHash);
      return (
        used.algorithm === ARGON2ID &&
        used.memoryCost === options.memoryCost &&
        used.timeCost === options.timeCost &&
        used.parallelism === options.parallelism
      );
    } catch {
      return false;
    }
  };

  const check = (passwordHash: string, password: string): Promise<PasswordCheck> =>
    verify(passwordHash, password).then(
      (valid) => ({ valid, needsRehash: valid && !isCurrent(passwordHash) }),
      // A stored hash that is not a valid PHC string can never match.
      () => ({ valid: false, needsRehash: false }),
    );

  return {
    hash: (password) => ResultAsync.fromPromise(hash(password, options), failure),
    verify: (passwordHash, password) => ResultAsync.fromPromise(check(passwordHash, password), failure),
    verifyDummy: (password) =>
      ResultAsync.fromPromise(
        check(dummyHash, password).then(() => ({ valid: false, needsRehash: false })),
        failure,
      ),
  };
}
