// The PasswordHasher contract (SEC-1), held by argon2id and by the fake the tests use in its place.
import { describe, expect, it } from 'vitest';
import type { PasswordHasher } from '@socialpredict/domain';
import { createArgon2PasswordHasher } from '../src/argon2-password-hasher.adapter.ts';
import { FakePasswordHasher } from '../src/fakes/password-hasher.fake.ts';

// The cheapest argon2id parameters keep the contract quick; the SEC-1 parameters are checked in the adapter's test.
const CHEAP_ARGON2 = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe.each<[string, () => Promise<PasswordHasher>]>([
  ['argon2id', () => createArgon2PasswordHasher(CHEAP_ARGON2)],
  ['fake', async () => new FakePasswordHasher()],
])('PasswordHasher contract: %s', (_name, create) => {
  it('verifies a hash against the password it was made from, and only that one', async () => {
    const hasher = await create();
    const stored = (await hasher.hash('Correct1$Horse'))._unsafeUnwrap();
    expect((await hasher.verify(stored, 'Correct1$Horse'))._unsafeUnwrap()).toEqual({ valid: true, needsRehash: false });
    expect((await hasher.verify(stored, 'Correct1$Hors'))._unsafeUnwrap()).toEqual({ valid: false, needsRehash: false });
  });

  it('never matches a stored value it did not make', async () => {
    const hasher = await create();
    for (const stored of ['', 'not-a-hash', 'Correct1$Horse', '$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA']) {
      expect((await hasher.verify(stored, 'Correct1$Horse'))._unsafeUnwrap().valid).toBe(false);
    }
  });

  it('answers a dummy verification with a failed check, whatever the password', async () => {
    const hasher = await create();
    const stored = (await hasher.hash('Correct1$Horse'))._unsafeUnwrap();
    expect((await hasher.verifyDummy('Correct1$Horse'))._unsafeUnwrap()).toEqual({ valid: false, needsRehash: false });
    expect((await hasher.verifyDummy(stored))._unsafeUnwrap().valid).toBe(false);
  });
});

describe('FakePasswordHasher', () => {
  it('asks for a rehash after a parameter change and counts its calls', async () => {
    const hasher = new FakePasswordHasher();
    const stored = (await hasher.hash('pw$1'))._unsafeUnwrap();
    hasher.parameters = 'p2';
    expect((await hasher.verify(stored, 'pw$1'))._unsafeUnwrap()).toEqual({ valid: true, needsRehash: true });
    await hasher.verifyDummy('pw');
    expect(hasher.calls).toEqual({ hash: 1, verify: 1, verifyDummy: 1 });
  });
});
