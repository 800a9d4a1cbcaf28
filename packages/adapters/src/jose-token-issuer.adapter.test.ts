import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createJoseTokenIssuer } from './jose-token-issuer.adapter.ts';

const KEY = 'a-test-signing-key-that-is-32-bytes-long';
const NOW = Date.UTC(2026, 2, 1, 12);

const issuer = (now = NOW) => createJoseTokenIssuer({ signingKey: KEY, ttlSeconds: 86_400, now: () => now });

async function sign(payload: Record<string, unknown>, alg = 'HS256', key = KEY, iat = NOW / 1000): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg })
    .setSubject(String(payload.sub ?? payload.username))
    .setIssuedAt(iat)
    .setExpirationTime(iat + 3600)
    .sign(new TextEncoder().encode(key));
}

describe('HS256 token issuer (SEC-2)', () => {
  it('issues a token with sub, username, uid, iat, exp = iat + ttl and pwv, and verifies it', async () => {
    const token = (await issuer().issue({ userId: 7, username: 'alice', passwordVersion: 3 }))._unsafeUnwrap();
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'HS256' });
    expect(payload).toEqual({ sub: 'alice', username: 'alice', uid: 7, pwv: 3, iat: NOW / 1000, exp: NOW / 1000 + 86_400 });
    expect((await issuer().verify(token))._unsafeUnwrap()).toEqual({ userId: 7, username: 'alice', passwordVersion: 3 });
  });

  it('rejects expired tokens beyond the 5 s leeway but accepts within it', async () => {
    const token = (await issuer().issue({ userId: 7, username: 'alice', passwordVersion: 0 }))._unsafeUnwrap();
    expect((await issuer(NOW + 86_400_000 + 4000).verify(token)).isOk()).toBe(true);
    expect((await issuer(NOW + 86_400_000 + 6000).verify(token))._unsafeUnwrapErr().reason).toBe('expired');
  });

  it('checks the expiry of a remembered token on every call, with the same leeway', async () => {
    let now = NOW;
    const remembering = createJoseTokenIssuer({ signingKey: KEY, ttlSeconds: 60, now: () => now });
    const token = (await remembering.issue({ userId: 7, username: 'alice', passwordVersion: 0 }))._unsafeUnwrap();
    expect((await remembering.verify(token))._unsafeUnwrap()).toEqual({ userId: 7, username: 'alice', passwordVersion: 0 });
    now += 60_000 + 4000;
    expect((await remembering.verify(token))._unsafeUnwrap().username).toBe('alice');
    now += 2000;
    expect((await remembering.verify(token))._unsafeUnwrapErr().reason).toBe('expired');
  });

  it('remembers only tokens whose signature verified', async () => {
    const remembering = issuer();
    const token = (await remembering.issue({ userId: 7, username: 'alice', passwordVersion: 0 }))._unsafeUnwrap();
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    expect((await remembering.verify(forged))._unsafeUnwrapErr().reason).toBe('bad signature');
    expect((await remembering.verify(token)).isOk()).toBe(true);
    expect((await remembering.verify(forged))._unsafeUnwrapErr().reason).toBe('bad signature');
  });

  it('rejects tokens issued more than 5 s in the future', async () => {
    const token = await sign({ username: 'alice', uid: 7, pwv: 0 }, 'HS256', KEY, NOW / 1000 + 60);
    expect((await issuer().verify(token))._unsafeUnwrapErr().reason).toBe('issued in the future');
  });

  it('rejects alg none, other algorithms, foreign keys, garbage and bad claims', async () => {
    // The helper's own tokens verify, so each refusal below is for the flaw it shows.
    expect((await issuer().verify(await sign({ username: 'alice', uid: 7, pwv: 0 }))).isOk()).toBe(true);
    const none = new UnsecuredJWT({ username: 'alice', uid: 7, pwv: 0 }).setSubject('alice').setIssuedAt(NOW / 1000).setExpirationTime(NOW / 1000 + 60).encode();
    for (const token of [
      none,
      await sign({ username: 'alice', uid: 7, pwv: 0 }, 'HS512', KEY + KEY),
      await sign({ username: 'alice', uid: 7, pwv: 0 }, 'HS256', 'another-key-of-at-least-thirty-two-bytes'),
      'not.a.jwt',
      'abc',
      await sign({ username: 'mallory', uid: 7, pwv: 0, sub: 'alice' }),
      await sign({ username: 'alice', uid: 7, pwv: '1' }),
      // Tokens that do not name the account they were issued to (the format before `uid`) are refused.
      await sign({ username: 'alice', pwv: 0 }),
      await sign({ username: 'alice', uid: '7', pwv: 0 }),
      await sign({ username: 'alice', uid: 7.5, pwv: 0 }),
    ]) {
      expect((await issuer().verify(token)).isErr()).toBe(true);
    }
  });
});
