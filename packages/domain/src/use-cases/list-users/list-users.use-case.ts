// The administrators' user list (docs/api.md#user-governance): filtered by role and a search of username and display
// name, in username order, with strict paging — a limit or offset out of range is refused, never clamped, for the
// HTTP route and the CLI alike.
import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import type { UserListQuery, UserRole } from '../../model/user.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { validationFailed, type AuthorizationDenied, type ValidationFailed } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';
import { toUserProfile, type UserProfile } from '../shared/views.ts';

export const USER_LIST_LIMITS = { defaultLimit: 100, maxLimit: 250, maxOffset: 100_000, maxQueryLength: 100 } as const;

export interface ListUsersInput {
  readonly actor: Actor;
  readonly role?: UserRole;
  readonly query?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface UserList {
  readonly users: UserProfile[];
  readonly total: number;
}

export type ListUsersError = AuthorizationDenied | ValidationFailed | InfrastructureError;

export type ListUsers = (input: ListUsersInput) => ResultAsync<UserList, ListUsersError>;

export function makeListUsers(deps: Pick<UseCaseDeps, 'users'>): ListUsers {
  return (input) =>
    requireAdmin(input.actor, 'list users')
      .andThen(() => pagedQuery(input))
      .asyncAndThen((query) => deps.users.list(query))
      .map((page) => ({ users: page.users.map(toUserProfile), total: page.total }));
}

function pagedQuery(input: ListUsersInput): Result<UserListQuery, ValidationFailed> {
  const { maxLimit, maxOffset, maxQueryLength } = USER_LIST_LIMITS;
  const problems: Record<string, readonly string[]> = {};
  if (!(Number.isSafeInteger(input.limit) && input.limit >= 1 && input.limit <= maxLimit)) {
    problems.limit = [`a whole number from 1 to ${String(maxLimit)}`];
  }
  if (!(Number.isSafeInteger(input.offset) && input.offset >= 0 && input.offset <= maxOffset)) {
    problems.offset = [`a whole number from 0 to ${String(maxOffset)}`];
  }
  const text = input.query?.trim() ?? '';
  if ([...text].length > maxQueryLength) problems.query = [`at most ${String(maxQueryLength)} characters`];
  if (Object.keys(problems).length > 0) return err(validationFailed(problems));
  const query: UserListQuery = {
    limit: input.limit,
    offset: input.offset,
    ...(input.role === undefined ? {} : { role: input.role }),
    // An empty search lists everyone, as the web app sends `query` only when its box holds text.
    ...(text === '' ? {} : { query: text }),
  };
  return ok(query);
}
