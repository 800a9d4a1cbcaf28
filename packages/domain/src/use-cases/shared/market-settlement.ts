// Settling one locked market (docs/market-model.md#resolution): the payouts are computed from its rows, then posted
// and the market marked resolved. Shared by the single-market resolution and the group resolution, so that a child
// of a group is paid exactly as if it were resolved alone (docs/api.md#market-groups).
import type { ResultAsync } from 'neverthrow';
import { resolvePayouts } from '../../math/index.ts';
import type { Resolution, Settlement } from '../../math/types.ts';
import { resolutionPostings } from '../../ledger/postings.ts';
import { CORRUPT_DATA_CODES, type CorruptData } from '../../errors/use-case.errors.ts';
import type { MarketRecord } from '../../model/market.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { TransactionContext } from '../../ports/unit-of-work.port.ts';
import { callMath } from './math-call.ts';

/** The settlement of `market` (locked by the caller) resolved as `resolution`; writes nothing. */
export function planSettlement(
  tx: TransactionContext,
  market: MarketRecord,
  resolution: Resolution,
  initialBetFee: number,
): ResultAsync<Settlement, CorruptData | InfrastructureError> {
  return tx.bets
    .listByMarket(market.id)
    .andThen((rows) =>
      callMath(() => resolvePayouts(rows, market.seeds, resolution, { initialBetFee }, market.stewardUsername), CORRUPT_DATA_CODES),
    );
}

/** Every user a settlement credits or debits, its steward included: locked before `applySettlement` (DB-6). */
export function settlementPayees(market: MarketRecord, settlement: Settlement): string[] {
  return [...settlement.credits.map((credit) => credit.username), market.stewardUsername];
}

/** Posts the settlement and marks the market resolved at `now`; the payees' rows must be locked already. */
export function applySettlement(
  tx: TransactionContext,
  market: MarketRecord,
  resolution: Resolution,
  settlement: Settlement,
  now: number,
): ResultAsync<void, InfrastructureError> {
  return tx.ledger
    .post(resolutionPostings(market.id, settlement), { occurredAt: now, marketId: market.id })
    .andThen(() =>
      tx.markets.update(market.id, {
        lifecycleStatus: 'resolved',
        resolutionResult: resolution,
        finalResolutionDateTime: now,
        updatedAt: now,
      }),
    )
    .map(() => undefined);
}
