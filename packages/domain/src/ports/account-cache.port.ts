import type { UserRecord } from '../model/user.model.ts';

/** What authentication needs of an account, without the password hash. */
export type CachedAccount = Omit<UserRecord, 'passwordHash'>;

/**
 * In-process cache of the accounts authentication reads on every request (docs/security.md#account-cache): bounded,
 * with a short time to live so a change made by another instance holds here within that bound. A committed write
 * that changes an account forgets it at once in this process (write follow-ups, docs/architecture.md#write-follow-ups).
 */
export interface AccountCache {
  get(username: string): CachedAccount | undefined;
  /** Taken before the account is read; `set` drops an account read before a later `forget`, so it cannot resurrect. */
  stamp(): number;
  set(account: CachedAccount, stamp: number): void;
  forget(username: string): void;
}
