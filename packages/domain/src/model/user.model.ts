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
  /** why, by whom and when the moderator was suspended; all null unless `moderatorStatus` is `suspended` (docs/api.md#roles) */
  readonly moderatorSuspensionReason: string | null;
  readonly moderatorSuspendedBy: string | null;
  readonly moderatorSuspendedAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

type SuspensionFields = 'moderatorSuspensionReason' | 'moderatorSuspendedBy' | 'moderatorSuspendedAt';

/**
 * A user starts at balance 0; an INITIAL_BALANCE posting brings the balance in (docs/market-model.md#ledger). No
 * account starts suspended.
 */
export type NewUser = Omit<UserRecord, 'id' | 'accountBalance' | SuspensionFields>;

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
    | SuspensionFields
  >
> & { readonly updatedAt: number };

/** A page of the administrators' user list (docs/api.md#user-governance), in username order. */
export interface UserListQuery {
  readonly role?: UserRole;
  /** case-insensitive substring of the username or the display name */
  readonly query?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface UserPage {
  readonly users: readonly UserRecord[];
  /** every match, beyond the page */
  readonly total: number;
}
