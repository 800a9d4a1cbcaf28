import type { ResultAsync } from 'neverthrow';
import type { DueMarket, DueMarketRepository, InfrastructureError } from '@socialpredict/domain';
import { readOperation, type MemoryContext } from './memory-operation.ts';

export class MemoryDueMarketRepository implements DueMarketRepository {
  readonly #context: MemoryContext;

  constructor(context: MemoryContext) {
    this.#context = context;
  }

  listDue(now: number, limit: number): ResultAsync<readonly DueMarket[], InfrastructureError> {
    return readOperation(this.#context, 'markets.listDue', (tables) => {
      // Whoever it went to: a steward reassigned after the notice does not make the market due again.
      const handled = new Set(
        [...tables.notifications.values()].filter(({ kind }) => kind === 'resolution_due').map(({ marketId }) => marketId),
      );
      return [...tables.markets.values()]
        .filter((market) => market.lifecycleStatus === 'published' && market.resolutionDateTime <= now && !handled.has(market.id))
        .sort((a, b) => a.resolutionDateTime - b.resolutionDateTime || a.id - b.id)
        .slice(0, limit)
        .map(({ id, stewardUsername, resolutionDateTime }) => ({ id, stewardUsername, resolutionDateTime }));
    });
  }
}
