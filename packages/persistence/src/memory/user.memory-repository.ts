import { err, ok, type ResultAsync } from 'neverthrow';
import {
  displayNameKey,
  uniqueViolation,
  type InfrastructureError,
  type NewUser,
  type UserListQuery,
  type UserPage,
  type UserPatch,
  type UserRecord,
  type UserRepository,
  type UserRole,
} from '@socialpredict/domain';
import type { MemoryTables } from './memory-database.ts';
import { readOperation, writeOperation, type MemoryContext } from './memory-operation.ts';

// Constraint names match the Drizzle schema, so tests can assert them against either adapter.
const USERNAME_UNIQUE = 'users_username_unique';
const DISPLAY_NAME_UNIQUE = 'users_display_name_unique';

export class MemoryUserRepository implements UserRepository {
  readonly #context: MemoryContext;

  constructor(context: MemoryContext) {
    this.#context = context;
  }

  findByUsername(username: string): ResultAsync<UserRecord | null, InfrastructureError> {
    return readOperation(this.#context, 'users.findByUsername', (tables) => tables.users.get(username) ?? null);
  }

  findByUsernames(usernames: readonly string[]): ResultAsync<readonly UserRecord[], InfrastructureError> {
    return readOperation(this.#context, 'users.findByUsernames', (tables) =>
      [...new Set(usernames)]
        .sort()
        .flatMap((username) => tables.users.get(username) ?? []),
    );
  }

  isDisplayNameTaken(displayName: string, exceptUsername?: string): ResultAsync<boolean, InfrastructureError> {
    return readOperation(
      this.#context,
      'users.isDisplayNameTaken',
      (tables) => {
        const key = displayNameKey(displayName);
        return [...tables.users.values()].some((user) => user.username !== exceptUsername && displayNameKey(user.displayName) === key);
      },
    );
  }

  insert(user: NewUser): ResultAsync<UserRecord, InfrastructureError> {
    return writeOperation(this.#context, 'users.insert', (tables) => {
      if (tables.users.has(user.username)) return err(uniqueViolation('username', USERNAME_UNIQUE));
      if (holderOf(tables, user.displayName) !== undefined) {
        return err(uniqueViolation('displayName', DISPLAY_NAME_UNIQUE));
      }
      tables.sequences.user += 1;
      const record: UserRecord = Object.freeze({
        ...user,
        id: tables.sequences.user,
        accountBalance: 0,
        moderatorSuspensionReason: null,
        moderatorSuspendedBy: null,
        moderatorSuspendedAt: null,
      });
      tables.users.set(record.username, record);
      return ok(record);
    });
  }

  update(username: string, patch: UserPatch): ResultAsync<UserRecord | null, InfrastructureError> {
    return writeOperation(this.#context, 'users.update', (tables) => {
      const current = tables.users.get(username);
      if (current === undefined) return ok(null);
      if (patch.displayName !== undefined && holderOf(tables, patch.displayName, username) !== undefined) {
        return err(uniqueViolation('displayName', DISPLAY_NAME_UNIQUE));
      }
      const record: UserRecord = Object.freeze({ ...current, ...patch });
      tables.users.set(username, record);
      return ok(record);
    });
  }

  count(role?: UserRole): ResultAsync<number, InfrastructureError> {
    return readOperation(this.#context, 'users.count', (tables) =>
      role === undefined ? tables.users.size : [...tables.users.values()].filter((user) => user.role === role).length,
    );
  }

  list(query: UserListQuery): ResultAsync<UserPage, InfrastructureError> {
    const needle = query.query?.toLowerCase();
    return readOperation(this.#context, 'users.list', (tables) => {
      const matches = [...tables.users.values()]
        .filter((user) => query.role === undefined || user.role === query.role)
        .filter((user) => needle === undefined || [user.username, user.displayName].some((text) => text.toLowerCase().includes(needle)))
        .sort((a, b) => (a.username < b.username ? -1 : 1));
      return { users: matches.slice(query.offset, query.offset + query.limit), total: matches.length };
    });
  }
}

/** The exact-name holder, as the `users_display_name_unique` index of the schema sees it. */
function holderOf(tables: MemoryTables, displayName: string, exceptUsername?: string): UserRecord | undefined {
  for (const user of tables.users.values()) {
    if (user.displayName === displayName && user.username !== exceptUsername) return user;
  }
  return undefined;
}
