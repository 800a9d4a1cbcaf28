import type { ResultAsync } from 'neverthrow';
import type { AmendmentStatus, DescriptionAmendment, NewDescriptionAmendment } from '../model/description-amendment.model.ts';
import type { InfrastructureError } from './infrastructure.error.ts';

/** Filters are combined with AND; pages are newest first (`id` descending). */
export interface AmendmentQuery {
  readonly status?: AmendmentStatus;
  readonly marketId?: number;
  /** the steward's own list */
  readonly createdBy?: string;
  /** case-insensitive literal substring of the body, the proposer or the market's title */
  readonly text?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface AmendmentPage {
  readonly amendments: readonly DescriptionAmendment[];
  /** all amendments matching the filters, regardless of limit and offset */
  readonly total: number;
}

/** Description amendments (docs/api.md#amendments). */
export interface DescriptionAmendmentRepository {
  list(query: AmendmentQuery): ResultAsync<AmendmentPage, InfrastructureError>;
  /** every amendment of the market, any status, in version order: the next version and the approved ones shown */
  listByMarket(marketId: number): ResultAsync<readonly DescriptionAmendment[], InfrastructureError>;
  /** inside a transaction: the existing amendments among `ids`, in id order, locked until it ends */
  lockByIds(ids: readonly number[]): ResultAsync<readonly DescriptionAmendment[], InfrastructureError>;
  /** the market row must be locked by the caller, so that two proposals cannot take the same version */
  insert(amendment: NewDescriptionAmendment): ResultAsync<DescriptionAmendment, InfrastructureError>;
  /** stores a review decided by `reviewAmendments` */
  update(amendment: DescriptionAmendment): ResultAsync<DescriptionAmendment, InfrastructureError>;
}
