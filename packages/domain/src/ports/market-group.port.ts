import type { ResultAsync } from 'neverthrow';
import type { LifecycleStatus } from '../model/market.model.ts';
import type {
  AnswerAddition,
  GroupAnswer,
  GroupAnswerAdditionStatus,
  MarketAnswerOf,
  MarketGroup,
  MarketGroupPatch,
  NewAnswerAddition,
  NewGroupAnswer,
  NewMarketGroup,
} from '../model/market-group.model.ts';
import type { InfrastructureError } from './infrastructure.error.ts';

/** Filters are combined with AND; pages are newest first (`id` descending). */
export interface MarketGroupQuery {
  readonly lifecycleIn?: readonly LifecycleStatus[];
  /** case-insensitive literal substring of the title or the description */
  readonly text?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface MarketGroupPage {
  readonly groups: readonly MarketGroup[];
  /** all groups matching the filters, regardless of limit and offset */
  readonly total: number;
}

/** Filters are combined with AND; pages are newest first (`id` descending). */
export interface AnswerAdditionQuery {
  readonly status?: GroupAnswerAdditionStatus;
  readonly groupId?: number;
  /** additions to the groups this user stewards (the steward's own queue) */
  readonly stewardedBy?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface AnswerAdditionPage {
  readonly additions: readonly AnswerAddition[];
  readonly total: number;
}

/** Market groups, their answers and answer additions (docs/api.md#market-groups). */
export interface MarketGroupRepository {
  findById(id: number): ResultAsync<MarketGroup | null, InfrastructureError>;
  /** Inside a transaction: the group row, locked until it ends (taken before any child market lock, DB-6). */
  lockById(id: number): ResultAsync<MarketGroup | null, InfrastructureError>;
  list(query: MarketGroupQuery): ResultAsync<MarketGroupPage, InfrastructureError>;
  insert(group: NewMarketGroup): ResultAsync<MarketGroup, InfrastructureError>;
  /** `null` when the group does not exist. */
  update(id: number, patch: MarketGroupPatch): ResultAsync<MarketGroup | null, InfrastructureError>;
  /** The group's answers in display order. */
  listAnswers(groupId: number): ResultAsync<readonly GroupAnswer[], InfrastructureError>;
  /** The answer rows of the given markets (those in a group), in market id order. */
  answersForMarkets(marketIds: readonly number[]): ResultAsync<readonly GroupAnswer[], InfrastructureError>;
  /**
   * Where each given market sits in its group, keyed by market id (markets in no group are absent), in one query for a
   * whole page of markets: the answer row, its group and the group's answer count.
   */
  answerLinksOfMarkets(marketIds: readonly number[]): ResultAsync<ReadonlyMap<number, MarketAnswerOf>, InfrastructureError>;
  /** Every market that is an answer of a group, ascending: the review queue lists them under their group. */
  answerMarketIds(): ResultAsync<readonly number[], InfrastructureError>;
  /** The group row must be locked by the caller, so that two answers cannot take the same display order. */
  insertAnswer(answer: NewGroupAnswer): ResultAsync<GroupAnswer, InfrastructureError>;
  listAdditions(query: AnswerAdditionQuery): ResultAsync<AnswerAdditionPage, InfrastructureError>;
  /** Inside a transaction: the addition row, locked until it ends. */
  lockAddition(id: number): ResultAsync<AnswerAddition | null, InfrastructureError>;
  insertAddition(addition: NewAnswerAddition): ResultAsync<AnswerAddition, InfrastructureError>;
  updateAddition(addition: AnswerAddition): ResultAsync<AnswerAddition, InfrastructureError>;
}
