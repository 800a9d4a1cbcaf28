// User shapes of docs/api.md#shapes with the web app's casings (`displayname`, `usertype`, `personalink1..4`).
import { Type } from '@sinclair/typebox';
import { Int } from './common.schema.ts';

export const Usertype = Type.Union([Type.Literal('ADMIN'), Type.Literal('REGULAR'), Type.Literal('MODERATOR')]);
export const ModeratorStatus = Type.Union([Type.Literal('none'), Type.Literal('active'), Type.Literal('suspended')]);

const publicUserProperties = {
  username: Type.String(),
  displayname: Type.String(),
  usertype: Usertype,
  initialAccountBalance: Int,
  accountBalance: Int,
  personalEmoji: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  personalink1: Type.Optional(Type.String()),
  personalink2: Type.Optional(Type.String()),
  personalink3: Type.Optional(Type.String()),
  personalink4: Type.Optional(Type.String()),
};

export const PublicUser = Type.Object(publicUserProperties, { $id: 'PublicUser', title: 'PublicUser' });

export const PrivateUser = Type.Object(
  {
    ...publicUserProperties,
    id: Int,
    moderatorStatus: ModeratorStatus,
    email: Type.String(),
    mustChangePassword: Type.Boolean(),
  },
  { $id: 'PrivateUser', title: 'PrivateUser' },
);

const FINANCIAL_KEYS = [
  'accountBalance', 'maximumDebtAllowed', 'amountInPlay', 'amountInPlayActive', 'amountBorrowed', 'totalSpent',
  'totalSpentInPlay', 'retainedEarnings', 'equity', 'tradingProfits', 'workProfits', 'totalProfits', 'realizedProfits',
  'potentialProfits', 'realizedValue', 'potentialValue', 'unrealizedWorkIncome', 'unrealizedWorkProfits',
] as const;

/** The 18 figures of docs/api.md#shapes FinancialMap, shared by the financial map and the financial summary. */
export const FinancialMap = Type.Object(
  Object.fromEntries(FINANCIAL_KEYS.map((key) => [key, Int])) as Record<(typeof FINANCIAL_KEYS)[number], typeof Int>,
  { $id: 'FinancialMap', title: 'FinancialMap' },
);
