// DueMarketRepository on Drizzle: published markets past their resolution time without a `resolution_due`
// notification, through the notifications' market index.
import type { ResultAsync } from 'neverthrow';
import { and, asc, eq, lte, notExists } from 'drizzle-orm';
import type { DueMarket, DueMarketRepository, InfrastructureError } from '@socialpredict/domain';
import type { Executor } from './database.factory.ts';
import { dbOperation } from './drizzle-operation.ts';
import type { OperationScope } from './operation.monitor.ts';
import { markets, notifications } from './schema.ts';

export class DrizzleDueMarketRepository implements DueMarketRepository {
  readonly #db: Executor;
  readonly #scope: OperationScope;

  constructor(db: Executor, scope: OperationScope) {
    this.#db = db;
    this.#scope = scope;
  }

  listDue(now: number, limit: number): ResultAsync<readonly DueMarket[], InfrastructureError> {
    return dbOperation(this.#scope, 'markets.listDue', () => {
      const resolutionDueRecorded = this.#db
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.kind, 'resolution_due'), eq(notifications.marketId, markets.id)));
      return this.#db
        .select({ id: markets.id, stewardUsername: markets.stewardUsername, resolutionDateTime: markets.resolutionDateTime })
        .from(markets)
        .where(and(eq(markets.lifecycleStatus, 'published'), lte(markets.resolutionDateTime, now), notExists(resolutionDueRecorded)))
        .orderBy(asc(markets.resolutionDateTime), asc(markets.id))
        .limit(limit);
    });
  }
}
