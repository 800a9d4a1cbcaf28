// Market shapes of docs/api.md#shapes (MarketResponse, PublicMarket, Creator, MarketOverview, MarketDetails, BetRow,
// Position, Projection, Freshness). Each carries an `$id`: it is registered once and referenced with `ref`.
import { Type } from '@sinclair/typebox';
import { Amendment } from './amendment.schema.ts';
import { Int, Probability, ref } from './common.schema.ts';
import { Tag } from './tag.schema.ts';

export const PublicStatus = Type.Union(
  ['active', 'closed', 'resolved', 'proposed', 'rejected', 'cancelled'].map((status) => Type.Literal(status)),
);
export const LifecycleStatus = Type.Union(
  ['proposed', 'published', 'rejected', 'closed', 'resolved', 'cancelled'].map((status) => Type.Literal(status)),
);
/** `""` until resolved (always a string: the web app upper-cases it). */
export const ResolutionResult = Type.Union([Type.Literal(''), Type.Literal('YES'), Type.Literal('NO'), Type.Literal('N/A')]);

export const Creator = Type.Object(
  { username: Type.String(), personalEmoji: Type.String(), displayname: Type.Optional(Type.String()) },
  { $id: 'Creator', title: 'Creator' },
);

/** Who reviewed a proposal and when, on markets and groups alike (docs/api.md#proposal-review). */
const reviewFields = {
  approvedBy: Type.Optional(Type.String()),
  approvedAt: Type.Optional(Type.String()),
  rejectedBy: Type.Optional(Type.String()),
  rejectedAt: Type.Optional(Type.String()),
  rejectionReason: Type.Optional(Type.String()),
};

/**
 * Ties an answer market to its group (docs/api.md#shapes): the web app shows a market whose `marketGroup.id` is set
 * with the grouped layout, and its pickers name the group rather than the answer.
 */
export const GroupLink = Type.Object(
  {
    id: Int,
    questionTitle: Type.String(),
    description: Type.Optional(Type.String()),
    groupType: Type.Literal('MULTIPLE_CHOICE_BINARY'),
    lifecycleStatus: LifecycleStatus,
    status: PublicStatus,
    answerLabel: Type.Optional(Type.String()),
    displayOrder: Type.Optional(Int),
    answerCount: Int,
    proposalCost: Type.Optional(Int),
    creatorUsername: Type.Optional(Type.String()),
    stewardUsername: Type.Optional(Type.String()),
    ...reviewFields,
    resolutionDateTime: Type.String(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'GroupLink', title: 'GroupLink' },
);

export const MarketResponse = Type.Object(
  {
    id: Int,
    questionTitle: Type.String(),
    description: Type.String(),
    outcomeType: Type.Literal('BINARY'),
    resolutionDateTime: Type.String(),
    creatorUsername: Type.String(),
    stewardUsername: Type.String(),
    yesLabel: Type.String(),
    noLabel: Type.String(),
    status: PublicStatus,
    lifecycleStatus: Type.Optional(LifecycleStatus),
    ...reviewFields,
    proposalCost: Type.Optional(Int),
    isResolved: Type.Boolean(),
    resolutionResult: ResolutionResult,
    createdAt: Type.String(),
    updatedAt: Type.String(),
    tags: Type.Optional(Type.Array(ref(Tag))),
    /** set on a group's answer market */
    marketGroup: Type.Optional(ref(GroupLink)),
  },
  { $id: 'MarketResponse', title: 'MarketResponse' },
);

export const PublicMarket = Type.Object(
  {
    id: Int,
    questionTitle: Type.String(),
    description: Type.String(),
    outcomeType: Type.Literal('BINARY'),
    resolutionDateTime: Type.String(),
    finalResolutionDateTime: Type.String(),
    utcOffset: Int,
    isResolved: Type.Boolean(),
    resolutionResult: ResolutionResult,
    initialProbability: Probability,
    creatorUsername: Type.String(),
    stewardUsername: Type.String(),
    createdAt: Type.String(),
    yesLabel: Type.String(),
    noLabel: Type.String(),
    status: PublicStatus,
    lifecycleStatus: LifecycleStatus,
    tags: Type.Optional(Type.Array(ref(Tag))),
    /** set on a group's answer market: the web app's market page then shows the whole group (docs/api.md#market-groups) */
    marketGroup: Type.Optional(ref(GroupLink)),
  },
  { $id: 'PublicMarket', title: 'PublicMarket' },
);

export const MarketOverview = Type.Object(
  {
    market: ref(MarketResponse),
    creator: ref(Creator),
    lastProbability: Probability,
    numUsers: Int,
    totalVolume: Int,
    marketDust: Int,
  },
  { $id: 'MarketOverview', title: 'MarketOverview' },
);

export const ProbabilityChange = Type.Object(
  { probability: Probability, timestamp: Type.String() },
  { $id: 'ProbabilityChange', title: 'ProbabilityChange' },
);

export const MarketList = Type.Object({ markets: Type.Array(ref(MarketOverview)), total: Int }, { $id: 'MarketList', title: 'MarketList' });

export const Outcome = Type.Union([Type.Literal('YES'), Type.Literal('NO')]);

/** One trade row; `probability` is the market probability right after it (docs/api.md#shapes). */
export const BetRow = Type.Object(
  { username: Type.String(), outcome: Outcome, amount: Int, probability: Probability, placedAt: Type.String() },
  { $id: 'BetRow', title: 'BetRow' },
);

export const Projection = Type.Object(
  { marketId: Int, currentProbability: Probability, projectedProbability: Probability, amount: Int, outcome: Outcome },
  { $id: 'Projection', title: 'Projection' },
);

export const MarketDetails = Type.Object(
  {
    market: ref(PublicMarket),
    creator: ref(Creator),
    probabilityChanges: Type.Array(ref(ProbabilityChange)),
    probabilityChangesTruncated: Type.Boolean(),
    numUsers: Int,
    totalVolume: Int,
    marketDust: Int,
    lastProbability: Probability,
    /** the approved amendments, in version order (docs/api.md#amendments) */
    descriptionAmendments: Type.Array(ref(Amendment)),
  },
  { $id: 'MarketDetails', title: 'MarketDetails' },
);

export const Freshness = Type.Object(
  {
    generatedAt: Type.String(),
    source: Type.Union([Type.Literal('live'), Type.Literal('read_model')]),
    targetFreshnessSeconds: Int,
    transactionSafeRead: Type.Literal(false),
    isStale: Type.Boolean(),
    staleReason: Type.Optional(Type.String()),
    markedStaleAt: Type.Optional(Type.String()),
  },
  { $id: 'Freshness', title: 'Freshness' },
);

export const Position = Type.Object(
  {
    username: Type.String(),
    marketId: Int,
    yesSharesOwned: Int,
    noSharesOwned: Int,
    value: Int,
    totalSpent: Int,
    totalSpentInPlay: Int,
    isResolved: Type.Boolean(),
    resolutionResult: ResolutionResult,
  },
  { $id: 'Position', title: 'Position' },
);
