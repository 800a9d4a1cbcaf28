// A user account as the domain knows it (http-api §2.1, §2.6); its balance is cached from the ledger (DB-7).

export type UserRole = 'ADMIN' | 'MODERATOR' | 'REGULAR';
/** `none` for every non-moderator (http-api §2.6). */
export type ModeratorStatus = 'none' | 'active' | 'suspended';

export interface UserRecord {
  readonly id: number;
  readonly username: string;
  /** unique */
  readonly displayName: string;
  readonly role: UserRole;
  readonly moderatorStatus: ModeratorStatus;
  readonly personalEmoji: string;
  readonly description: string;
  /** `''` when unset */
  readonly personalLink1: string;
  readonly personalLink2: string;
  readonly personalLink3: string;
  readonly personalLink4: string;
  /** `''` when none was recorded */
  readonly email: string;
  readonly mustChangePassword: boolean;
  readonly passwordHash: string;
  /** incremented by every password change; older tokens stop working (http-api §2.2) */
  readonly passwordVersion: number;
  /** cached balance of the user's ledger account, changed only by `LedgerRepository.post` (production.md DB-7) */
  readonly accountBalance: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A user starts at balance 0; an INITIAL_BALANCE posting brings the balance in (market-math §15). */
export type NewUser = Omit<UserRecord, 'id' | 'accountBalance'>;

export type UserPatch = Partial<
  Pick<
    UserRecord,
    | 'displayName'
    | 'role'
    | 'moderatorStatus'
    | 'personalEmoji'
    | 'description'
    | 'personalLink1'
    | 'personalLink2'
    | 'personalLink3'
    | 'personalLink4'
    | 'email'
    | 'mustChangePassword'
    | 'passwordHash'
    | 'passwordVersion'
  >
> & { readonly updatedAt: number };
