// The wire shapes of market groups and answer additions (docs/api.md#market-groups), with their presenters.
import { Type, type Static } from '@fastify/type-provider-typebox';
import type { AnswerAddition, MarketGroup, MarketGroupDetails } from '@socialpredict/domain';
import { publicMarketStatus } from '@socialpredict/domain';
import { toCreator, toMarketOverview } from '../presenters/market.presenter.ts';
import { Int, isoTime, ref } from './common.schema.ts';
import { Creator, LifecycleStatus, MarketOverview, PublicStatus } from './market.schema.ts';

const EXAMPLE_AT = '2026-03-01T12:00:00.000Z';
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const MarketGroupShape = Type.Object(
  {
    id: Int,
    questionTitle: Type.String(),
    description: Type.String(),
    groupType: Type.Literal('MULTIPLE_CHOICE_BINARY'),
    probabilityPolicy: Type.Literal('INDEPENDENT_BINARY'),
    resolutionPolicy: Type.Literal('INDEPENDENT_CHILDREN'),
    lifecycleStatus: LifecycleStatus,
    status: PublicStatus,
    proposalCost: Int,
    creatorUsername: Type.String(),
    stewardUsername: Type.String(),
    approvedBy: NullableString,
    approvedAt: NullableString,
    rejectedBy: NullableString,
    rejectedAt: NullableString,
    rejectionReason: NullableString,
    resolutionDateTime: Type.String(),
    autoApproveAnswerAdditions: Type.Boolean(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    answerCount: Int,
  },
  { $id: 'MarketGroup', title: 'MarketGroup' },
);

export const GroupAnswerShape = Type.Object({
  id: Int,
  groupId: Int,
  marketId: Int,
  answerLabel: Type.String(),
  displayOrder: Int,
  market: Type.Optional(ref(MarketOverview)),
});

export const MarketGroupBody = Type.Object(
  { group: ref(MarketGroupShape), creator: ref(Creator), answers: Type.Array(GroupAnswerShape) },
  { $id: 'MarketGroupDetails', title: 'MarketGroupDetails' },
);

export const AnswerAdditionShape = Type.Object(
  {
    id: Int,
    groupId: Int,
    marketId: Type.Union([Int, Type.Null()]),
    groupTitle: Type.Optional(Type.String()),
    answerLabel: Type.String(),
    status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
    proposedBy: Type.String(),
    reviewedBy: NullableString,
    reviewedAt: NullableString,
    rejectionReason: NullableString,
    additionCost: Int,
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'AnswerAddition', title: 'AnswerAddition' },
);

const time = (at: number | null) => (at === null ? null : isoTime(at));

export function toMarketGroup(group: MarketGroup, answerCount: number, now: number): Static<typeof MarketGroupShape> {
  return {
    id: group.id,
    questionTitle: group.questionTitle,
    description: group.description,
    groupType: 'MULTIPLE_CHOICE_BINARY',
    probabilityPolicy: 'INDEPENDENT_BINARY',
    resolutionPolicy: 'INDEPENDENT_CHILDREN',
    lifecycleStatus: group.lifecycleStatus,
    status: publicMarketStatus(group, now),
    proposalCost: group.proposalCost,
    creatorUsername: group.creatorUsername,
    stewardUsername: group.stewardUsername,
    approvedBy: group.approvedBy,
    approvedAt: time(group.approvedAt),
    rejectedBy: group.rejectedBy,
    rejectedAt: time(group.rejectedAt),
    rejectionReason: group.rejectionReason,
    resolutionDateTime: isoTime(group.resolutionDateTime),
    autoApproveAnswerAdditions: group.autoApproveAnswerAdditions,
    createdAt: isoTime(group.createdAt),
    updatedAt: isoTime(group.updatedAt),
    answerCount,
  };
}

export function toMarketGroupBody(details: MarketGroupDetails, now: number): Static<typeof MarketGroupBody> {
  return {
    group: toMarketGroup(details.group, details.answers.length, now),
    creator: toCreator(details.creator),
    answers: details.answers.map(({ answer, market }) => ({
      ...answer,
      ...(market === null ? {} : { market: toMarketOverview(market, now) }),
    })),
  };
}

export function toAnswerAddition(addition: AnswerAddition, groupTitle?: string): Static<typeof AnswerAdditionShape> {
  return {
    ...addition,
    ...(groupTitle === undefined ? {} : { groupTitle }),
    reviewedAt: time(addition.reviewedAt),
    createdAt: isoTime(addition.createdAt),
    updatedAt: isoTime(addition.updatedAt),
  };
}

export const exampleMarketGroup: Static<typeof MarketGroupShape> = {
  id: 3,
  questionTitle: 'Who wins the cup?',
  description: 'The final is on Sunday.',
  groupType: 'MULTIPLE_CHOICE_BINARY',
  probabilityPolicy: 'INDEPENDENT_BINARY',
  resolutionPolicy: 'INDEPENDENT_CHILDREN',
  lifecycleStatus: 'published',
  status: 'active',
  proposalCost: 10,
  creatorUsername: 'alice',
  stewardUsername: 'alice',
  approvedBy: null,
  approvedAt: null,
  rejectedBy: null,
  rejectedAt: null,
  rejectionReason: null,
  resolutionDateTime: '2027-01-02T00:00:00.000Z',
  autoApproveAnswerAdditions: false,
  createdAt: EXAMPLE_AT,
  updatedAt: EXAMPLE_AT,
  answerCount: 2,
};

export const exampleAnswerAddition: Static<typeof AnswerAdditionShape> = {
  id: 5,
  groupId: 3,
  marketId: null,
  groupTitle: 'Who wins the cup?',
  answerLabel: 'Greens',
  status: 'pending',
  proposedBy: 'mod',
  reviewedBy: null,
  reviewedAt: null,
  rejectionReason: null,
  additionCost: 2,
  createdAt: EXAMPLE_AT,
  updatedAt: EXAMPLE_AT,
};
