// A market group under review as the ReviewRow wire shape (docs/api.md#market-groups): used by the group review
// routes and by the admin review queue, which lists markets and groups together.
import type { Static } from '@sinclair/typebox';
import { publicMarketStatus, type ReviewedMarketGroup } from '@socialpredict/domain';
import { isoTime } from '../schemas/common.schema.ts';
import type { ReviewRow } from '../schemas/review.schema.ts';
import { reviewDecision, toMarketResponse } from './market.presenter.ts';
import { tagsKey } from './market-tag.presenter.ts';

type ReviewRowShape = Static<typeof ReviewRow>;

/** A group as a review row: the group's own fields, its answers' tags and steward changes, and the answer markets. */
export function toGroupReviewRow({ details, stewardshipAudits }: ReviewedMarketGroup, now: number): ReviewRowShape {
  const { group } = details;
  const children = details.answers.flatMap(({ market }) => (market === null ? [] : [market]));
  return {
    rowKey: `group:${String(group.id)}`,
    isMarketGroup: true,
    id: group.id,
    questionTitle: group.questionTitle,
    description: group.description,
    creatorUsername: group.creatorUsername,
    stewardUsername: group.stewardUsername,
    yesLabel: 'YES',
    noLabel: 'NO',
    status: publicMarketStatus(group, now),
    lifecycleStatus: group.lifecycleStatus,
    ...reviewDecision(group),
    proposalCost: group.proposalCost,
    ...(stewardshipAudits.length === 0
      ? {}
      : { stewardshipAudits: stewardshipAudits.map((audit) => ({ ...audit, createdAt: isoTime(audit.createdAt) })) }),
    ...tagsKey(children[0]?.tags ?? []),
    childMarkets: children.map((child) => toMarketResponse(child.market, now, child.tags)),
    createdAt: isoTime(group.createdAt),
    updatedAt: isoTime(group.updatedAt),
    resolutionDateTime: isoTime(group.resolutionDateTime),
  };
}
