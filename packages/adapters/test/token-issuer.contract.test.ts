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
      { userId: 1, username: 'alice', passwordVersion: 0 },
      { userId: 42, username: 'bob_2', passwordVersion: 7 },
    ]) {
      const token = (await issuer.issue(claims))._unsafeUnwrap();
      expect((await issuer.verify(token))._unsafeUnwrap()).toEqual(claims);
    }
  });

  it('issues a different token when the password version changes', async () => {
    const issuer = create();
    const first = (await issuer.issue({ userId: 7, username: 'alice', passwordVersion: 1 }))._unsafeUnwrap();
    const second = (await issuer.issue({ userId: 7, username: 'alice', passwordVersion: 2 }))._unsafeUnwrap();
    expect(second).not.toBe(first);
  });

  it('binds the token to the account id: two accounts of one name get tokens telling them apart', async () => {
    const issuer = create();
    const deleted = (await issuer.issue({ userId: 7, username: 'alice', passwordVersion: 1 }))._unsafeUnwrap();
    const recreated = (await issuer.issue({ userId: 8, username: 'alice', passwordVersion: 1 }))._unsafeUnwrap();
    expect(recreated).not.toBe(deleted);
    expect((await issuer.verify(deleted))._unsafeUnwrap().userId).toBe(7);
    expect((await issuer.verify(recreated))._unsafeUnwrap().userId).toBe(8);
  });

  it('rejects garbage and extended tokens with a reason', async () => {
    const issuer = create();
    const token = (await issuer.issue({ userId: 7, username: 'alice', passwordVersion: 3 }))._unsafeUnwrap();
    for (const bad of ['', 'abc', 'not.a.jwt', `${token}.extra`]) {
      const rejection = (await issuer.verify(bad))._unsafeUnwrapErr();
      expect(rejection.reason).not.toBe('');
    }
  });
});

describe('FakeTokenIssuer', () => {
  it('reads only its own readable format', async () => {
    const issuer = new FakeTokenIssuer();
    expect((await issuer.issue({ userId: 7, username: 'alice', passwordVersion: 3 }))._unsafeUnwrap()).toBe(
      'fake-token.7.alice.3',
    );
    for (const bad of ['jwt.7.alice.3', 'fake-token.7..3', 'fake-token.7.alice.x', 'fake-token..alice.3', 'fake-token.alice.3']) {
      expect((await issuer.verify(bad)).isErr()).toBe(true);
    }
  });
});
