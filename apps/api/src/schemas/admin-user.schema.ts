// AdminUser of docs/api.md#shapes: a user as the administrators' pages show it (camel-case `displayName` here), with the
// moderator's suspension when there is one.
import { Type, type Static } from '@sinclair/typebox';
import { Int } from './common.schema.ts';
import { CREATED_AT } from './examples.ts';
import { ModeratorStatus, Usertype } from './user.schema.ts';

export const AdminUser = Type.Object(
  {
    id: Int,
    username: Type.String(),
    displayName: Type.String(),
    usertype: Usertype,
    moderatorStatus: ModeratorStatus,
    accountBalance: Int,
    mustChangePassword: Type.Boolean(),
    moderatorSuspensionReason: Type.Optional(Type.String()),
    moderatorSuspendedBy: Type.Optional(Type.String()),
    moderatorSuspendedAt: Type.Optional(Type.String()),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'AdminUser', title: 'AdminUser' },
);

export const exampleAdminUser: Static<typeof AdminUser> = {
  id: 7,
  username: 'carol',
  displayName: 'Carol',
  usertype: 'REGULAR',
  moderatorStatus: 'none',
  accountBalance: 480,
  mustChangePassword: false,
  createdAt: CREATED_AT,
  updatedAt: CREATED_AT,
};
