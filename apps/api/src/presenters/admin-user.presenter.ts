// A domain user profile to the AdminUser wire shape (docs/api.md#shapes); the suspension fields only while suspended.
import type { Static } from '@sinclair/typebox';
import type { UserProfile } from '@socialpredict/domain';
import type { AdminUser } from '../schemas/admin-user.schema.ts';
import { isoTime } from '../schemas/common.schema.ts';

export function toAdminUser(user: UserProfile): Static<typeof AdminUser> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    usertype: user.role,
    moderatorStatus: user.moderatorStatus,
    accountBalance: user.accountBalance,
    mustChangePassword: user.mustChangePassword,
    ...(user.moderatorSuspensionReason === null ? {} : { moderatorSuspensionReason: user.moderatorSuspensionReason }),
    ...(user.moderatorSuspendedBy === null ? {} : { moderatorSuspendedBy: user.moderatorSuspendedBy }),
    ...(user.moderatorSuspendedAt === null ? {} : { moderatorSuspendedAt: isoTime(user.moderatorSuspendedAt) }),
    createdAt: isoTime(user.createdAt),
    updatedAt: isoTime(user.updatedAt),
  };
}
