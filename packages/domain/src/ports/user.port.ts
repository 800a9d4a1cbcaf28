import type { ResultAsync } from 'neverthrow';
import type { NewUser, UserListQuery, UserPage, UserPatch, UserRecord, UserRole } from '../model/user.model.ts';
import type { InfrastructureError } from './infrastructure.error.ts';

export interface UserRepository {
  findByUsername(username: string): ResultAsync<UserRecord | null, InfrastructureError>;
  /** Users among `usernames` that exist, in ascending username order. */
  findByUsernames(usernames: readonly string[]): ResultAsync<readonly UserRecord[], InfrastructureError>;
  /** Whether another user (not `exceptUsername`) has a display name with the same `displayNameKey` (NFKC + case folding). */
  isDisplayNameTaken(displayName: string, exceptUsername?: string): ResultAsync<boolean, InfrastructureError>;
  /** Fails with UNIQUE_VIOLATION on field `username` or `displayName`. */
  insert(user: NewUser): ResultAsync<UserRecord, InfrastructureError>;
  /** `null` when the user does not exist; UNIQUE_VIOLATION on `displayName`. */
  update(username: string, patch: UserPatch): ResultAsync<UserRecord | null, InfrastructureError>;
  /** Number of users, or of users with the given role. */
  count(role?: UserRole): ResultAsync<number, InfrastructureError>;
  /** Users matching the query, in ascending username order, with the number of all matches. */
  list(query: UserListQuery): ResultAsync<UserPage, InfrastructureError>;
}
