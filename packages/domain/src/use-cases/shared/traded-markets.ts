// Several markets with their histories in two queries (no N+1, PERF-3 (docs/performance.md#perf-3)).
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { StoredBetRow } from '../../model/bet.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { Repositories } from '../../ports/unit-of-work.port.ts';
import type { MarketWithRows } from './market-rows.ts';

const NO_ROWS: readonly StoredBetRow[] = [];

/** The existing markets among `marketIds`, ascending by id, each with its rows in canonical order. */
export function loadMarketsWithRows(
  deps: Pick<Repositories, 'markets' | 'bets'>,
  marketIds: readonly number[],
): ResultAsync<MarketWithRows[], InfrastructureError> {
  return safeTry(async function* () {
    const markets = yield* deps.markets.findByIds(marketIds);
    const rowsByMarket = yield* deps.bets.listByMarkets(markets.map((market) => market.id));
    return ok(markets.map((market) => ({ market, rows: rowsByMarket.get(market.id) ?? NO_ROWS })));
  });
}
