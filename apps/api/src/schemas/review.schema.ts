// The row of the proposal-review page (docs/api.md#proposal-review): a market as administrators review it, with its
// steward changes. Registered once (`$id`) and referenced by every review route.
import { Type } from '@sinclair/typebox';
import { Int, ref } from './common.schema.ts';
import { LifecycleStatus, MarketResponse, PublicStatus } from './market.schema.ts';
import { Tag } from './tag.schema.ts';

const StewardshipAuditRow = Type.Object({
  id: Int,
  marketId: Int,
  fromStewardUsername: Type.Optional(Type.String()),
  toStewardUsername: Type.String(),
  actorUsername: Type.String(),
  reason: Type.Optional(Type.String()),
  createdAt: Type.String(),
});

export const ReviewRow = Type.Object(
  {
    rowKey: Type.String(),
    /** a market group's row (docs/api.md#market-groups): `rowKey` "group:<id>", `id` the group's */
    isMarketGroup: Type.Optional(Type.Boolean()),
    id: Int,
    questionTitle: Type.String(),
    description: Type.String(),
    creatorUsername: Type.String(),
    stewardUsername: Type.String(),
    yesLabel: Type.String(),
    noLabel: Type.String(),
    status: PublicStatus,
    lifecycleStatus: LifecycleStatus,
    approvedBy: Type.Optional(Type.String()),
    approvedAt: Type.Optional(Type.String()),
    rejectedBy: Type.Optional(Type.String()),
    rejectedAt: Type.Optional(Type.String()),
    rejectionReason: Type.Optional(Type.String()),
    proposalCost: Type.Optional(Int),
    stewardshipAudits: Type.Optional(Type.Array(StewardshipAuditRow)),
    tags: Type.Optional(Type.Array(ref(Tag))),
    childMarkets: Type.Optional(Type.Array(ref(MarketResponse))),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    resolutionDateTime: Type.String(),
  },
  { $id: 'ReviewRow', title: 'ReviewRow' },
);
