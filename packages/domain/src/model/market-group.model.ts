// A multiple-choice market group (docs/api.md#market-groups): one question, one ordinary binary child market per
// answer. Children trade and settle independently (probabilities are not normalised); the group carries the proposal
// state, the steward and the answer-addition settings, and resolves all its children in one transaction.
import type { LifecycleStatus } from './market.model.ts';

export type GroupAnswerAdditionStatus = 'pending' | 'approved' | 'rejected';

export interface MarketGroup {
  readonly id: number;
  readonly questionTitle: string;
  readonly description: string;
  readonly creatorUsername: string;
  /** resolves the group and reviews answer additions; the creator unless an administrator reassigned it */
  readonly stewardUsername: string;
  /** `proposed` in moderator mode until approved; `resolved` once every child is */
  readonly lifecycleStatus: LifecycleStatus;
  readonly resolutionDateTime: number;
  /** the MARKET_CREATION amount charged once for the group, refunded if the proposal is rejected */
  readonly proposalCost: number;
  /** the steward's own switch: answers proposed by others are approved at once */
  readonly autoApproveAnswerAdditions: boolean;
  readonly approvedBy: string | null;
  readonly approvedAt: number | null;
  readonly rejectedBy: string | null;
  readonly rejectedAt: number | null;
  readonly rejectionReason: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type NewMarketGroup = Omit<MarketGroup, 'id'>;

export type MarketGroupPatch = Partial<
  Pick<
    MarketGroup,
    | 'lifecycleStatus'
    | 'stewardUsername'
    | 'autoApproveAnswerAdditions'
    | 'approvedBy'
    | 'approvedAt'
    | 'rejectedBy'
    | 'rejectedAt'
    | 'rejectionReason'
  >
> & { readonly updatedAt: number };

/** Ties a child market to its group. */
export interface GroupAnswer {
  readonly id: number;
  readonly groupId: number;
  /** unique: a market belongs to at most one group */
  readonly marketId: number;
  readonly answerLabel: string;
  /** 1-based, unique per group, in creation order */
  readonly displayOrder: number;
}

export type NewGroupAnswer = Omit<GroupAnswer, 'id'>;

/** Where an answer market sits in its group: what a market read names as its `marketGroup` (docs/api.md#market-groups). */
export interface MarketAnswerOf {
  readonly group: MarketGroup;
  readonly answerLabel: string;
  readonly displayOrder: number;
  /** the group's answers, this one included */
  readonly answerCount: number;
}

/** An answer proposed for an existing group; approval creates its child market (docs/api.md#market-groups). */
export interface AnswerAddition {
  readonly id: number;
  readonly groupId: number;
  /** the child market, once approved */
  readonly marketId: number | null;
  readonly answerLabel: string;
  readonly status: GroupAnswerAdditionStatus;
  readonly proposedBy: string;
  readonly reviewedBy: string | null;
  readonly reviewedAt: number | null;
  readonly rejectionReason: string | null;
  /** the ADD_ANSWER_FEE charged; refunded on rejection */
  readonly additionCost: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type NewAnswerAddition = Omit<AnswerAddition, 'id'>;
