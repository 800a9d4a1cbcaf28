// The one way a write takes a single user's row lock: the row, or USER_NOT_FOUND when there is no such user.
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { userNotFound, type UserNotFound } from '../../errors/use-case.errors.ts';
import type { UserRecord } from '../../model/user.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { TransactionContext } from '../../ports/unit-of-work.port.ts';

export function lockExistingUser(tx: TransactionContext, username: string): ResultAsync<UserRecord, UserNotFound | InfrastructureError> {
  return tx.lockUsers([username]).andThen((locked) => {
    const user = locked.get(username);
    return user === undefined ? errAsync(userNotFound(username)) : okAsync(user);
  });
}
