import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { ARGON2_PARAMETERS, createArgon2PasswordHasher } from './argon2-password-hasher.adapter.ts';

describe('argon2id password hasher (SEC-1)', () => {
  it('hashes to an argon2id PHC string with the configured parameters and verifies it', async () => {
    const hasher = await createArgon2PasswordHasher();
    const stored = (await hasher.hash('Correct1Horse'))._unsafeUnwrap();
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await hasher.verify(stored, 'Correct1Horse'))._unsafeUnwrap()).toEqual({ valid: true, needsRehash: false });
    expect((await hasher.verify(stored, 'wrong'))._unsafeUnwrap()).toEqual({ valid: false, needsRehash: false });
  });

  it('asks for a rehash when a valid hash uses older parameters', async () => {
    const hasher = await createArgon2PasswordHasher();
    const old = await hash('Correct1Horse', { algorithm: 2, memoryCost: 8192, timeCost: 1, parallelism: 1 } as never);
    expect((await hasher.verify(old, 'Correct1Horse'))._unsafeUnwrap()).toEqual({ valid: true, needsRehash: true });
  });

  it('never accepts a dummy verification or a corrupt stored hash', async () => {
    const hasher = await createArgon2PasswordHasher({ ...ARGON2_PARAMETERS });
    expect((await hasher.verifyDummy('anything'))._unsafeUnwrap().valid).toBe(false);
    expect((await hasher.verify('not-a-hash', 'anything'))._unsafeUnwrap().valid).toBe(false);
  });
});
