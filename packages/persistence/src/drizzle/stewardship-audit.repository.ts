// StewardshipAuditRepository on Drizzle: table `market_stewardship_audits`, insert and read only.
import type { ResultAsync } from 'neverthrow';
import { asc, inArray } from 'drizzle-orm';
import type { InfrastructureError, NewStewardshipAudit, StewardshipAudit, StewardshipAuditRepository } from '@socialpredict/domain';
import type { Executor } from './database.factory.ts';
import { dbOperation } from './drizzle-operation.ts';
import type { OperationScope } from './operation.monitor.ts';
import { marketStewardshipAudits } from './schema.ts';

export class DrizzleStewardshipAuditRepository implements StewardshipAuditRepository {
  readonly #db: Executor;
  readonly #scope: OperationScope;

  constructor(db: Executor, scope: OperationScope) {
    this.#db = db;
    this.#scope = scope;
  }

  record(audit: NewStewardshipAudit): ResultAsync<StewardshipAudit, InfrastructureError> {
    return dbOperation(this.#scope, 'stewardshipAudits.record', async () => {
      const [row] = await this.#db.insert(marketStewardshipAudits).values(audit).returning();
      if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
      return row;
    });
  }

  listForMarkets(marketIds: readonly number[]): ResultAsync<readonly StewardshipAudit[], InfrastructureError> {
    return dbOperation(this.#scope, 'stewardshipAudits.listForMarkets', async () => {
      if (marketIds.length === 0) return [];
      return this.#db
        .select()
        .from(marketStewardshipAudits)
        .where(inArray(marketStewardshipAudits.marketId, [...marketIds]))
        .orderBy(asc(marketStewardshipAudits.id));
    });
  }
}
