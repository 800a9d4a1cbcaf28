// Domain user profiles to the wire shapes of docs/api.md#shapes; empty optional texts are omitted.
import type { Static } from '@sinclair/typebox';
import type { UserProfile } from '@socialpredict/domain';
import type { PrivateUser, PublicUser } from '../schemas/user.schema.ts';

const optional = <K extends string>(key: K, value: string) => (value === '' ? {} : ({ [key]: value } as Record<K, string>));

export function toPublicUser(user: UserProfile, initialAccountBalance: number): Static<typeof PublicUser> {
  return {
    username: user.username,
    displayname: user.displayName,
    usertype: user.role,
    initialAccountBalance,
    accountBalance: user.accountBalance,
    ...optional('personalEmoji', user.personalEmoji),
    ...optional('description', user.description),
    ...optional('personalink1', user.personalLink1),
    ...optional('personalink2', user.personalLink2),
    ...optional('personalink3', user.personalLink3),
    ...optional('personalink4', user.personalLink4),
  };
}

export function toPrivateUser(user: UserProfile, initialAccountBalance: number): Static<typeof PrivateUser> {
  return {
    ...toPublicUser(user, initialAccountBalance),
    id: user.id,
    moderatorStatus: user.moderatorStatus,
    email: user.email,
    mustChangePassword: user.mustChangePassword,
  };
}
