// A market as stored (docs/api.md#market-state, docs/market-model.md#economics): its lifecycle, seeds and running totals.
import type { Resolution, Seeds } from '../math/types.ts';

/** Stored lifecycle (docs/api.md#market-state); the public status is derived from it and the clock (`publicMarketStatus`). */
export type LifecycleStatus = 'proposed' | 'published' | 'rejected' | 'closed' | 'resolved' | 'cancelled';
export type PublicMarketStatus = 'active' | 'closed' | 'resolved' | 'proposed' | 'rejected' | 'cancelled';

/**
 * Running figures over the market's rows, updated in the same transaction as every row insert, so that a bet needs
 * no history replay (PERF-3 (docs/performance.md#perf-3)). `yes`/`no` exclude the seeds; `volume` = V = yes + no.
 */
export interface MarketTotals {
  /** Σ amount of YES rows (sales negative) */
  readonly yes: number;
  /** Σ amount of NO rows */
  readonly no: number;
  /** V = Σ amount of all rows = the pool balance while open */
  readonly volume: number;
  /** Σ dust of sale rows (docs/market-model.md#market-figures) */
  readonly dust: number;
  /** number of rows; with none, the current probability is P0 (docs/market-model.md#wpam-probability) */
  readonly rowCount: number;
  /** distinct users with a row; a trade adds one when it is its trader's first row in the market */
  readonly traderCount: number;
  /** placedAt of the newest row; a new row gets max(now, this) so it never sorts before an older one (DB-6) */
  readonly lastPlacedAt: number | null;
}

export interface MarketRecord {
  readonly id: number;
  readonly questionTitle: string;
  readonly description: string;
  readonly outcomeType: 'BINARY';
  readonly yesLabel: string;
  readonly noLabel: string;
  readonly creatorUsername: string;
  /** only the steward may resolve; the creator unless an admin reassigned it (docs/api.md#roles) */
  readonly stewardUsername: string;
  readonly lifecycleStatus: LifecycleStatus;
  readonly resolutionDateTime: number;
  /** set when resolved */
  readonly finalResolutionDateTime: number | null;
  readonly resolutionResult: Resolution | null;
  /** the browser's `getTimezoneOffset()` in minutes, stored and echoed */
  readonly utcOffset: number;
  /** the seeds in force at creation; every computation for this market uses them (docs/market-model.md#economics, policy 1) */
  readonly seeds: Seeds;
  /** the MARKET_CREATION amount charged, refunded if a proposal is rejected (docs/market-model.md#creation-fees) */
  readonly creationCost: number;
  readonly totals: MarketTotals;
  readonly approvedBy: string | null;
  readonly approvedAt: number | null;
  readonly rejectedBy: string | null;
  readonly rejectedAt: number | null;
  readonly rejectionReason: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type NewMarket = Omit<MarketRecord, 'id'>;

export type MarketPatch = Partial<
  Pick<
    MarketRecord,
    | 'lifecycleStatus'
    | 'stewardUsername'
    | 'finalResolutionDateTime'
    | 'resolutionResult'
    | 'totals'
    | 'approvedBy'
    | 'approvedAt'
    | 'rejectedBy'
    | 'rejectedAt'
    | 'rejectionReason'
  >
> & { readonly updatedAt: number };
