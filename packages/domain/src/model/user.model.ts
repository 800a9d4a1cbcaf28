// A user account as the domain knows it (docs/api.md#login, docs/api.md#roles); its balance is cached from the ledger (DB-7).

export type UserRole = 'ADMIN' | 'MODERATOR' | 'REGULAR';
/** `none` for every non-moderator (docs/api.md#roles). */
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
  /** incremented by every password change; older tokens stop working (docs/api.md#tokens) */
  readonly passwordVersion: number;
  /** cached balance of the user's ledger account, changed only by `LedgerRepository.post` (DB-7 (docs/architecture.md#db-7)) */
  readonly accountBalance: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A user starts at balance 0; an INITIAL_BALANCE posting brings the balance in (docs/market-model.md#ledger). */
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
