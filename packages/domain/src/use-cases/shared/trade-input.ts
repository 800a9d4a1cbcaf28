// The request of a buy, a quote or a sale, and its first checks (docs/market-model.md#buying step 1, docs/market-model.md#sale-plan step 1), made before
// any market is read.
import { err, ok, type Result } from 'neverthrow';
import type { Outcome } from '../../math/types.ts';
import { domainFailure, type DomainFailure } from '../../errors/use-case.errors.ts';
import { isOutcome, isPositiveSafeInteger } from './input-rules.ts';

export interface TradeInput {
  readonly username: string;
  readonly marketId: number;
  /** exactly `YES` or `NO`; trimming and upper-casing are the HTTP adapter's job */
  readonly outcome: string;
  /** credits to spend (buy) or to receive (sale) */
  readonly amount: number;
}

export function checkTradeInput(
  input: TradeInput,
): Result<Outcome, DomainFailure<'INVALID_OUTCOME' | 'INVALID_AMOUNT'>> {
  if (!isOutcome(input.outcome)) return err(domainFailure('INVALID_OUTCOME', 'The outcome must be YES or NO.'));
  if (!isPositiveSafeInteger(input.amount)) {
    return err(domainFailure('INVALID_AMOUNT', 'The amount must be a positive whole number of credits.'));
  }
  return ok(input.outcome);
}
