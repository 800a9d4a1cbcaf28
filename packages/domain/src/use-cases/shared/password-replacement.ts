// The token-invalidation rule (docs/api.md#tokens): whenever a user's password hash changes, the password version moves
// on, so that every token issued before stops working.
import type { UserPatch, UserRecord } from '../../model/user.model.ts';

export function passwordReplacement(
  user: Pick<UserRecord, 'passwordVersion'>,
  passwordHash: string,
  mustChangePassword: boolean,
  at: number,
): UserPatch & Pick<UserRecord, 'passwordHash' | 'passwordVersion' | 'mustChangePassword'> {
  return { passwordHash, passwordVersion: user.passwordVersion + 1, mustChangePassword, updatedAt: at };
}
