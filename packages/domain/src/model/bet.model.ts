import type { BetRow } from '../math/types.ts';

/** A trade row of docs/market-model.md#bet-rows with its market. Rows are append-only. */
export interface StoredBetRow extends BetRow {
  readonly marketId: number;
}

/** The id is assigned on insert, in insertion order. */
export type NewBetRow = Omit<StoredBetRow, 'id'>;
