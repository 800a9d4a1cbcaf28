// A market as the proposal-review page shows it (docs/api.md#proposal-review): the record and its steward changes.
import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import type { MarketRecord } from '../../model/market.model.ts';
import type { StewardshipAudit } from '../../model/stewardship.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { StewardshipAuditRepository } from '../../ports/stewardship-audit.port.ts';
import { validationFailed, type ValidationFailed } from '../../errors/use-case.errors.ts';

export interface ReviewedMarket {
  readonly market: MarketRecord;
  /** oldest first */
  readonly stewardshipAudits: readonly StewardshipAudit[];
}

/** The markets with their audits, read in one query for the whole page. */
export function withStewardshipAudits(
  audits: StewardshipAuditRepository,
  markets: readonly MarketRecord[],
): ResultAsync<ReviewedMarket[], InfrastructureError> {
  return audits.listForMarkets(markets.map((market) => market.id)).andThen((rows) =>
    ok(markets.map((market) => ({ market, stewardshipAudits: rows.filter((row) => row.marketId === market.id) }))),
  );
}

export const REVIEW_REASON_MAX = 500;

/** A review reason: trimmed, 1–500 characters (docs/api.md#proposal-review). */
export function reviewReason(reason: string): Result<string, ValidationFailed> {
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > REVIEW_REASON_MAX) {
    return err(validationFailed({ reason: [`must be 1 to ${String(REVIEW_REASON_MAX)} characters`] }));
  }
  return ok(trimmed);
}

/** One market with its audits. */
export function reviewedMarket(audits: StewardshipAuditRepository, market: MarketRecord): ResultAsync<ReviewedMarket, InfrastructureError> {
  return audits.listForMarkets([market.id]).map((stewardshipAudits) => ({ market, stewardshipAudits }));
}
