import type { BetRow } from '../math/types.ts';

/** A trade row of market-math §3.1 with its market. Rows are append-only. */
export interface StoredBetRow extends BetRow {
  readonly marketId: number;
}

/** The id is assigned on insert, in insertion order. */
export type NewBetRow = Omit<StoredBetRow, 'id'>;
