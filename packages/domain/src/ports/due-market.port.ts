import type { ResultAsync } from 'neverthrow';
import type { InfrastructureError } from './infrastructure.error.ts';

export interface DueMarket {
  readonly id: number;
  readonly stewardUsername: string;
  readonly resolutionDateTime: number;
}

/**
 * The markets the `market.close` sweep still has to handle: published, resolution time passed, and no
 * `resolution_due` notification yet. Keying on the notification rather than on the previous run's time makes the
 * sweep idempotent and lets it catch up after the workers were down.
 */
export interface DueMarketRepository {
  /** Oldest resolution time first, then by id; at most `limit`. */
  listDue(now: number, limit: number): ResultAsync<readonly DueMarket[], InfrastructureError>;
}
