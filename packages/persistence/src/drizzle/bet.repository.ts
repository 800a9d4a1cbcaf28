// BetRepository on Drizzle: append-only trade rows, read back in canonical order (docs/market-model.md#canonical-order) through the
// (market_id, placed_at, id) index; the first-bet check of `lockTrade` uses (market_id, username) (DB-8, PERF-3).
import type { ResultAsync } from 'neverthrow';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { BetRepository, InfrastructureError, NewBetRow, StoredBetRow } from '@socialpredict/domain';
import type { Executor } from './database.factory.ts';
import { dbOperation } from './drizzle-operation.ts';
import type { OperationScope } from './operation.monitor.ts';
import { bets } from './schema.ts';

/** The narrow column list of a trade row. */
export const betColumns = {
  id: bets.id,
  marketId: bets.marketId,
  username: bets.username,
  outcome: bets.outcome,
  amount: bets.amount,
  shares: bets.shares,
  dust: bets.dust,
  placedAt: bets.placedAt,
};

export class DrizzleBetRepository implements BetRepository {
  readonly #db: Executor;
  readonly #scope: OperationScope;

  constructor(db: Executor, scope: OperationScope) {
    this.#db = db;
    this.#scope = scope;
  }

  insert(row: NewBetRow): ResultAsync<StoredBetRow, InfrastructureError> {
    return dbOperation(this.#scope, 'bets.insert', async () => {
      const [stored] = await this.#db
        .insert(bets)
        .values({ ...row, shares: row.shares ?? null, dust: row.dust ?? null })
        .returning(betColumns);
      if (stored === undefined) throw new Error('INSERT … RETURNING returned no row');
      return stored;
    });
  }

  listByMarket(marketId: number): ResultAsync<readonly StoredBetRow[], InfrastructureError> {
    return dbOperation(this.#scope, 'bets.listByMarket', () =>
      this.#db.select(betColumns).from(bets).where(eq(bets.marketId, marketId)).orderBy(asc(bets.placedAt), asc(bets.id)),
    );
  }

  listByMarketAfter(marketId: number, afterId: number): ResultAsync<readonly StoredBetRow[], InfrastructureError> {
    return dbOperation(this.#scope, 'bets.listByMarketAfter', () =>
      this.#db
        .select(betColumns)
        .from(bets)
        .where(and(eq(bets.marketId, marketId), gt(bets.id, afterId)))
        .orderBy(asc(bets.placedAt), asc(bets.id)),
    );
  }

  listByMarkets(marketIds: readonly number[]): ResultAsync<ReadonlyMap<number, readonly StoredBetRow[]>, InfrastructureError> {
    return dbOperation(this.#scope, 'bets.listByMarkets', async () => {
      const byMarket = new Map<number, StoredBetRow[]>();
      if (marketIds.length === 0) return byMarket;
      const rows = await this.#db
        .select(betColumns)
        .from(bets)
        .where(inArray(bets.marketId, [...marketIds]))
        .orderBy(asc(bets.marketId), asc(bets.placedAt), asc(bets.id));
      for (const row of rows) {
        const list = byMarket.get(row.marketId);
        if (list === undefined) byMarket.set(row.marketId, [row]);
        else list.push(row);
      }
      return byMarket;
    });
  }

  marketIdsByUser(username: string): ResultAsync<readonly number[], InfrastructureError> {
    return dbOperation(this.#scope, 'bets.marketIdsByUser', async () => {
      const rows = await this.#db
        .selectDistinct({ marketId: bets.marketId })
        .from(bets)
        .where(eq(bets.username, username))
        .orderBy(asc(bets.marketId));
      return rows.map((row) => row.marketId);
    });
  }

  marketIdsWithRows(): ResultAsync<readonly number[], InfrastructureError> {
    return dbOperation(this.#scope, 'bets.marketIdsWithRows', async () => {
      const rows = await this.#db.selectDistinct({ marketId: bets.marketId }).from(bets).orderBy(asc(bets.marketId));
      return rows.map((row) => row.marketId);
    });
  }
}
