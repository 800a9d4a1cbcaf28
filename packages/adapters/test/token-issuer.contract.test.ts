// The TokenIssuer contract (docs/api.md#tokens), held by the HS256 issuer and by the fake the tests use in its place.
import { describe, expect, it } from 'vitest';
import type { TokenIssuer } from '@socialpredict/domain';
import { FakeTokenIssuer } from '../src/fakes/token-issuer.fake.ts';
import { createJoseTokenIssuer } from '../src/jose-token-issuer.adapter.ts';

describe.each<[string, () => TokenIssuer]>([
  ['HS256', () => createJoseTokenIssuer({ signingKey: 'a-contract-signing-key-of-32-bytes!!', ttlSeconds: 3600 })],
  ['fake', () => new FakeTokenIssuer()],
])('TokenIssuer contract: %s', (_name, create) => {
  it('verifies the tokens it issued back to their claims', async () => {
    const issuer = create();
    for (const claims of [
      { username: 'alice', passwordVersion: 0 },
      { username: 'bob_2', passwordVersion: 7 },
    ]) {
      const token = (await issuer.issue(claims))._unsafeUnwrap();
      expect((await issuer.verify(token))._unsafeUnwrap()).toEqual(claims);
    }
  });

  it('issues a different token when the password version changes', async () => {
    const issuer = create();
    const first = (await issuer.issue({ username: 'alice', passwordVersion: 1 }))._unsafeUnwrap();
    const second = (await issuer.issue({ username: 'alice', passwordVersion: 2 }))._unsafeUnwrap();
    expect(second).not.toBe(first);
  });

  it('rejects garbage and extended tokens with a reason', async () => {
    const issuer = create();
    const token = (await issuer.issue({ username: 'alice', passwordVersion: 3 }))._unsafeUnwrap();
    for (const bad of ['', 'abc', 'not.a.jwt', `${token}.extra`]) {
      const rejection = (await issuer.verify(bad))._unsafeUnwrapErr();
      expect(rejection.reason).not.toBe('');
    }
  });
});

describe('FakeTokenIssuer', () => {
  it('reads only its own readable format', async () => {
    const issuer = new FakeTokenIssuer();
    expect((await issuer.issue({ username: 'alice', passwordVersion: 3 }))._unsafeUnwrap()).toBe('fake-token.alice.3');
    for (const bad of ['jwt.alice.3', 'fake-token..3', 'fake-token.alice.x']) {
      expect((await issuer.verify(bad)).isErr()).toBe(true);
    }
  });
});
