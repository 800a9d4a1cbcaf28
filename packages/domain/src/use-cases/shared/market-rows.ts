// A market and its history, read outside a transaction for the display use cases.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { StoredBetRow } from '../../model/bet.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { MarketRecord } from '../../model/market.model.ts';
import type { Repositories } from '../../ports/unit-of-work.port.ts';
import { marketNotFound, type MarketNotFound } from '../../errors/use-case.errors.ts';

export interface MarketWithRows {
  readonly market: MarketRecord;
  /** canonical order (docs/market-model.md#canonical-order) */
  readonly rows: readonly StoredBetRow[];
}

export function loadMarketWithRows(
  deps: Pick<Repositories, 'markets' | 'bets'>,
  marketId: number,
): ResultAsync<MarketWithRows, MarketNotFound | InfrastructureError> {
  return safeTry(async function* () {
    const market = yield* deps.markets.findById(marketId);
    if (market === null) return err(marketNotFound(marketId));
    const rows = yield* deps.bets.listByMarket(market.id);
    return ok({ market, rows });
  });
}
