// DescriptionAmendmentRepository on Drizzle: table `description_amendments` (docs/api.md#amendments).
import type { ResultAsync } from 'neverthrow';
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type {
  AmendmentPage,
  AmendmentQuery,
  DescriptionAmendment,
  DescriptionAmendmentRepository,
  InfrastructureError,
  NewDescriptionAmendment,
} from '@socialpredict/domain';
import type { Executor } from './database.factory.ts';
import { dbOperation } from './drizzle-operation.ts';
import { preparedQuery } from './prepared-query.ts';
import type { OperationScope } from './operation.monitor.ts';
import { descriptionAmendments, markets } from './schema.ts';

const amendmentColumns = descriptionAmendments;

/** Literal, case-insensitive substring of the body, the proposer or the market's title: strpos has no wildcards. */
function containsText(text: string): SQL | undefined {
  const needle = sql`lower(${text})`;
  return or(
    sql`strpos(lower(${descriptionAmendments.body}), ${needle}) > 0`,
    sql`strpos(lower(${descriptionAmendments.createdBy}), ${needle}) > 0`,
    sql`strpos(lower(${markets.questionTitle}), ${needle}) > 0`,
  );
}

function filters(query: AmendmentQuery): SQL | undefined {
  return and(
    query.status === undefined ? undefined : eq(descriptionAmendments.status, query.status),
    query.marketId === undefined ? undefined : eq(descriptionAmendments.marketId, query.marketId),
    query.createdBy === undefined ? undefined : eq(descriptionAmendments.createdBy, query.createdBy),
    query.text === undefined ? undefined : containsText(query.text),
  );
}

export class DrizzleDescriptionAmendmentRepository implements DescriptionAmendmentRepository {
  readonly #db: Executor;
  readonly #scope: OperationScope;

  constructor(db: Executor, scope: OperationScope) {
    this.#db = db;
    this.#scope = scope;
  }

  list(query: AmendmentQuery): ResultAsync<AmendmentPage, InfrastructureError> {
    return dbOperation(this.#scope, 'amendments.list', async () => {
      const where = filters(query);
      const rows = await this.#db
        .select({ amendment: amendmentColumns })
        .from(descriptionAmendments)
        .innerJoin(markets, eq(markets.id, descriptionAmendments.marketId))
        .where(where)
        .orderBy(desc(descriptionAmendments.id))
        .limit(query.limit)
        .offset(query.offset);
      const [counted] = await this.#db
        .select({ total: count() })
        .from(descriptionAmendments)
        .innerJoin(markets, eq(markets.id, descriptionAmendments.marketId))
        .where(where);
      return { amendments: rows.map((row) => row.amendment), total: counted?.total ?? 0 };
    });
  }

  listByMarket(marketId: number): ResultAsync<readonly DescriptionAmendment[], InfrastructureError> {
    const byMarket = preparedQuery(this.#db, 'amendments.listByMarket', (db) =>
      db
        .select()
        .from(descriptionAmendments)
        .where(eq(descriptionAmendments.marketId, sql.placeholder('marketId')))
        .orderBy(asc(descriptionAmendments.version))
        .prepare('amendments_list_by_market'),
    );
    return dbOperation(this.#scope, 'amendments.listByMarket', () => byMarket.execute({ marketId }));
  }

  lockByIds(ids: readonly number[]): ResultAsync<readonly DescriptionAmendment[], InfrastructureError> {
    return dbOperation(this.#scope, 'amendments.lockByIds', async () => {
      if (ids.length === 0) return [];
      return this.#db
        .select()
        .from(descriptionAmendments)
        .where(inArray(descriptionAmendments.id, [...new Set(ids)]))
        .orderBy(asc(descriptionAmendments.id))
        .for('update');
    });
  }

  insert(amendment: NewDescriptionAmendment): ResultAsync<DescriptionAmendment, InfrastructureError> {
    return dbOperation(this.#scope, 'amendments.insert', async () => {
      const [row] = await this.#db.insert(descriptionAmendments).values(amendment).returning();
      if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
      return row;
    });
  }

  update(amendment: DescriptionAmendment): ResultAsync<DescriptionAmendment, InfrastructureError> {
    return dbOperation(this.#scope, 'amendments.update', async () => {
      const { id, ...values } = amendment;
      await this.#db.update(descriptionAmendments).set(values).where(eq(descriptionAmendments.id, id));
      return amendment;
    });
  }
}
