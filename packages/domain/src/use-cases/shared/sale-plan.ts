// The sale decision shared by quote and sell (docs/market-model.md#sale-plan), with the figures the web app needs when a sale is
// refused (docs/api.md#reason-codes).
import type { Result } from 'neverthrow';
import { planSale, sellablePosition } from '../../math/index.ts';
import type { BetRow, Outcome, SaleConfig, SalePlan, Seeds } from '../../math/types.ts';
import {
  CORRUPT_DATA_CODES,
  type CorruptData,
  type DomainFailure,
  type SaleRejected,
} from '../../errors/use-case.errors.ts';
import { callMath } from './math-call.ts';

export type SalePlanError =
  | DomainFailure<'INVALID_AMOUNT' | 'POOL_NEGATIVE' | 'PROBABILITY_OUT_OF_RANGE'>
  | SaleRejected
  | CorruptData;

const SALE_PLAN_CODES = [
  'INVALID_AMOUNT',
  'POOL_NEGATIVE',
  'PROBABILITY_OUT_OF_RANGE',
  'NO_POSITION',
  'NO_SELLABLE_SHARES',
  'INSUFFICIENT_SHARES',
] as const;

export interface SaleRequest {
  readonly username: string;
  readonly outcome: Outcome;
  readonly credits: number;
}

export function planSaleFor(
  rows: readonly BetRow[],
  seeds: Seeds,
  request: SaleRequest,
  config: SaleConfig,
): Result<SalePlan, SalePlanError> {
  const { username, outcome, credits } = request;
  return callMath(
    () => planSale(rows, seeds, username, outcome, credits, config),
    [...SALE_PLAN_CODES, ...CORRUPT_DATA_CODES],
  ).mapErr((failure): SalePlanError => {
    switch (failure.code) {
      case 'NO_POSITION':
      case 'NO_SELLABLE_SHARES':
      case 'INSUFFICIENT_SHARES': {
        // planSale has validated the history, so this replay cannot fail.
        const sellable = sellablePosition(rows, seeds, username, outcome);
        const details =
          sellable.currentShares > 0
            ? {
                outcome,
                requestedCredits: credits,
                positionValue: sellable.currentValue,
                positionOutcomeShares: sellable.currentShares,
                nominalUnlockedValue: sellable.value,
                nominalUnlockedOutcomeShares: sellable.shares,
                executableSaleValue: failure.code === 'INSUFFICIENT_SHARES' ? sellable.value : 0,
              }
            : null;
        return { code: failure.code, message: failure.message, details };
      }
      default:
        return { code: failure.code, message: failure.message };
    }
  });
}
