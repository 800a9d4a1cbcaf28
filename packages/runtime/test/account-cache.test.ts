// The account cache of docs/security.md#account-cache: bounded, expiring, and a forget that no in-flight read undoes.
import { describe, expect, it } from 'vitest';
import type { CachedAccount } from '@socialpredict/domain';
import { createAccountCache } from '../src/index.ts';

const account = (username: string, passwordVersion = 1): CachedAccount => ({
  id: 1,
  username,
  displayName: username,
  role: 'REGULAR',
  moderatorStatus: 'none',
  personalEmoji: '',
  description: '',
  personalLink1: '',
  personalLink2: '',
  personalLink3: '',
  personalLink4: '',
  email: '',
  mustChangePassword: false,
  passwordVersion,
  accountBalance: 0,
  moderatorSuspensionReason: null,
  moderatorSuspendedBy: null,
  moderatorSuspendedAt: null,
  createdAt: 0,
  updatedAt: 0,
});

describe('account cache', () => {
  it('keeps an account for its time to live only', () => {
    let now = 1_000;
    const cache = createAccountCache({ ttlMs: 5_000, now: () => now });
    cache.set(account('amy'), cache.stamp());
    now += 4_999;
    expect(cache.get('amy')?.username).toBe('amy');
    now += 2;
    expect(cache.get('amy')).toBeUndefined();
  });

  it('holds at most `max` accounts, dropping the least recently used', () => {
    const cache = createAccountCache({ max: 3 });
    for (const name of ['a', 'b', 'c']) cache.set(account(name), cache.stamp());
    cache.get('a');
    cache.set(account('d'), cache.stamp());
    expect(['a', 'b', 'c', 'd'].map((name) => cache.get(name) !== undefined)).toEqual([true, false, true, true]);
  });

  it('forgets an account, and refuses to keep one read before the forget', () => {
    const cache = createAccountCache();
    cache.set(account('amy', 1), cache.stamp());
    const readBefore = cache.stamp();
    cache.forget('amy');
    expect(cache.get('amy')).toBeUndefined();
    // A read that started before the password change must not bring the old version back.
    cache.set(account('amy', 1), readBefore);
    expect(cache.get('amy')).toBeUndefined();
    cache.set(account('amy', 2), cache.stamp());
    expect(cache.get('amy')?.passwordVersion).toBe(2);
  });
});
