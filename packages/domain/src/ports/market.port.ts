import type { ResultAsync } from 'neverthrow';
import type {
  LifecycleStatus,
  MarketPatch,
  MarketRecord,
  NewMarket,
  PublicMarketStatus,
} from '../model/market.model.ts';
import type { InfrastructureError } from './infrastructure.error.ts';

/** Filters are combined with AND; results are newest first (`createdAt` descending, then `id` descending). */
export interface MarketQuery {
  /** evaluation time of the derived public status */
  readonly now: number;
  /**
   * Derived public status (docs/api.md#market-state, `publicMarketStatus`): `active` = published and resolutionDateTime > now;
   * `closed` = lifecycle closed, or published and resolutionDateTime ≤ now; any other status = that lifecycle.
   */
  readonly status?: PublicMarketStatus;
  /** stored lifecycle; public lists pass `published`, `closed` and `resolved` */
  readonly lifecycleIn?: readonly LifecycleStatus[];
  readonly createdBy?: string;
  readonly stewardedBy?: string;
  /** case-insensitive substring of the title or the description, matched literally (no wildcards) */
  readonly text?: string;
  /** markets carrying the tag with this slug, active or not (docs/api.md#market-tags) */
  readonly tagSlug?: string;
  readonly excludeIds?: readonly number[];
  readonly limit: number;
  readonly offset: number;
}

export interface MarketPage {
  readonly markets: readonly MarketRecord[];
  /** all markets matching the filters, regardless of limit and offset */
  readonly total: number;
}

export interface MarketRepository {
  findById(id: number): ResultAsync<MarketRecord | null, InfrastructureError>;
  /** Existing markets among `ids`, in ascending id order. */
  findByIds(ids: readonly number[]): ResultAsync<readonly MarketRecord[], InfrastructureError>;
  /** Markets the user created or stewards, in ascending id order. */
  findInvolving(username: string): ResultAsync<readonly MarketRecord[], InfrastructureError>;
  list(query: MarketQuery): ResultAsync<MarketPage, InfrastructureError>;
  insert(market: NewMarket): ResultAsync<MarketRecord, InfrastructureError>;
  /** `null` when the market does not exist. */
  update(id: number, patch: MarketPatch): ResultAsync<MarketRecord | null, InfrastructureError>;
}
