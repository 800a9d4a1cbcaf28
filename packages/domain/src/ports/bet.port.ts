import type { ResultAsync } from 'neverthrow';
import type { NewBetRow, StoredBetRow } from '../model/bet.model.ts';
import type { InfrastructureError } from './infrastructure.error.ts';

export interface BetRepository {
  insert(row: NewBetRow): ResultAsync<StoredBetRow, InfrastructureError>;
  /** The market's rows in canonical order: `placedAt`, then `id` (docs/market-model.md#canonical-order). */
  listByMarket(marketId: number): ResultAsync<readonly StoredBetRow[], InfrastructureError>;
  /** The market's rows with an id above `afterId`, in canonical order: what extends a cached history (docs/performance.md#request-path-profile). */
  listByMarketAfter(marketId: number, afterId: number): ResultAsync<readonly StoredBetRow[], InfrastructureError>;
  /** The rows of several markets in one query; a market without rows has no key. */
  listByMarkets(
    marketIds: readonly number[],
  ): ResultAsync<ReadonlyMap<number, readonly StoredBetRow[]>, InfrastructureError>;
  /** Ids of the markets where the user has at least one row, ascending. */
  marketIdsByUser(username: string): ResultAsync<readonly number[], InfrastructureError>;
  /** Ids of the markets with at least one row, ascending. */
  marketIdsWithRows(): ResultAsync<readonly number[], InfrastructureError>;
}
