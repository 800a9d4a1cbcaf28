// MarketGroupRepository on Drizzle: tables `market_groups`, `market_group_answers` and `market_group_answer_additions`
// (docs/api.md#market-groups).
import type { ResultAsync } from 'neverthrow';
import { and, asc, count, desc, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm';
import type {
  AnswerAddition,
  AnswerAdditionPage,
  AnswerAdditionQuery,
  GroupAnswer,
  InfrastructureError,
  MarketAnswerOf,
  MarketGroup,
  MarketGroupPage,
  MarketGroupPatch,
  MarketGroupQuery,
  MarketGroupRepository,
  NewAnswerAddition,
  NewGroupAnswer,
  NewMarketGroup,
} from '@socialpredict/domain';
import type { Executor } from './database.factory.ts';
import { dbOperation } from './drizzle-operation.ts';
import { anyOf, preparedQuery } from './prepared-query.ts';
import type { OperationScope } from './operation.monitor.ts';
import { marketGroupAnswerAdditions, marketGroupAnswers, marketGroups } from './schema.ts';

/** Literal, case-insensitive substring of the title or the description: strpos has no wildcards. */
function containsText(text: string): SQL | undefined {
  const needle = sql`lower(${text})`;
  return or(
    sql`strpos(lower(${marketGroups.questionTitle}), ${needle}) > 0`,
    sql`strpos(lower(${marketGroups.description}), ${needle}) > 0`,
  );
}

function groupFilters(query: MarketGroupQuery): SQL | undefined {
  return and(
    query.lifecycleIn === undefined ? undefined : inArray(marketGroups.lifecycleStatus, [...query.lifecycleIn]),
    query.text === undefined ? undefined : containsText(query.text),
  );
}

function additionFilters(query: AnswerAdditionQuery): SQL | undefined {
  return and(
    query.status === undefined ? undefined : eq(marketGroupAnswerAdditions.status, query.status),
    query.groupId === undefined ? undefined : eq(marketGroupAnswerAdditions.groupId, query.groupId),
    query.stewardedBy === undefined
      ? undefined
      : exists(
          sql`(SELECT 1 FROM ${marketGroups} WHERE ${marketGroups.id} = ${marketGroupAnswerAdditions.groupId}
            AND ${marketGroups.stewardUsername} = ${query.stewardedBy})`,
        ),
  );
}

function firstRow<T>(rows: readonly T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
  return row;
}

export class DrizzleMarketGroupRepository implements MarketGroupRepository {
  readonly #db: Executor;
  readonly #scope: OperationScope;

  constructor(db: Executor, scope: OperationScope) {
    this.#db = db;
    this.#scope = scope;
  }

  findById(id: number): ResultAsync<MarketGroup | null, InfrastructureError> {
    return dbOperation(this.#scope, 'marketGroups.findById', async () => {
      const [row] = await this.#db.select().from(marketGroups).where(eq(marketGroups.id, id));
      return row ?? null;
    });
  }

  lockById(id: number): ResultAsync<MarketGroup | null, InfrastructureError> {
    return dbOperation(this.#scope, 'marketGroups.lockById', async () => {
      const [row] = await this.#db.select().from(marketGroups).where(eq(marketGroups.id, id)).for('update');
      return row ?? null;
    });
  }

  list(query: MarketGroupQuery): ResultAsync<MarketGroupPage, InfrastructureError> {
    return dbOperation(this.#scope, 'marketGroups.list', async () => {
      const where = groupFilters(query);
      const groups = await this.#db
        .select()
        .from(marketGroups)
        .where(where)
        .orderBy(desc(marketGroups.id))
        .limit(query.limit)
        .offset(query.offset);
      const [counted] = await this.#db.select({ total: count() }).from(marketGroups).where(where);
      return { groups, total: counted?.total ?? 0 };
    });
  }

  insert(group: NewMarketGroup): ResultAsync<MarketGroup, InfrastructureError> {
    return dbOperation(this.#scope, 'marketGroups.insert', async () =>
      firstRow(await this.#db.insert(marketGroups).values(group).returning()),
    );
  }

  update(id: number, patch: MarketGroupPatch): ResultAsync<MarketGroup | null, InfrastructureError> {
    return dbOperation(this.#scope, 'marketGroups.update', async () => {
      const [row] = await this.#db.update(marketGroups).set(patch).where(eq(marketGroups.id, id)).returning();
      return row ?? null;
    });
  }

  listAnswers(groupId: number): ResultAsync<readonly GroupAnswer[], InfrastructureError> {
    return dbOperation(this.#scope, 'marketGroups.listAnswers', () =>
      this.#db
        .select()
        .from(marketGroupAnswers)
        .where(eq(marketGroupAnswers.groupId, groupId))
        .orderBy(asc(marketGroupAnswers.displayOrder)),
    );
  }

  answersForMarkets(marketIds: readonly number[]): ResultAsync<readonly GroupAnswer[], InfrastructureError> {
    return dbOperation(this.#scope, 'marketGroups.answersForMarkets', async () => {
      if (marketIds.length === 0) return [];
      const ofMarkets = preparedQuery(this.#db, 'marketGroups.answersForMarkets', (db) =>
        db
          .select()
          .from(marketGroupAnswers)
          .where(anyOf(marketGroupAnswers.marketId, 'marketIds'))
          .orderBy(asc(marketGroupAnswers.marketId))
          .prepare('market_group_answers_for_markets'),
      );
      return ofMarkets.execute({ marketIds: [...new Set(marketIds)] });
    });
  }

  answerLinksOfMarkets(marketIds: readonly number[]): ResultAsync<ReadonlyMap<number, MarketAnswerOf>, InfrastructureError> {
    return dbOperation(this.#scope, 'marketGroups.answerLinksOfMarkets', async () => {
      if (marketIds.length === 0) return new Map<number, MarketAnswerOf>();
      // One statement for a page of markets: each answer row with its group and, by index on group_id, its group's size.
      // The subquery's table is aliased, so the unqualified table name in it still means the outer row.
      const linksOf = preparedQuery(this.#db, 'marketGroups.answerLinksOfMarkets', (db) => {
        const siblingCount = sql<number>`(SELECT count(*)::int FROM ${marketGroupAnswers} AS siblings
          WHERE siblings.${sql.identifier(marketGroupAnswers.groupId.name)} = ${marketGroupAnswers.groupId})`;
        return db
          .select({
            answer: marketGroupAnswers,
            group: marketGroups,
            answerCount: siblingCount,
          })
          .from(marketGroupAnswers)
          .innerJoin(marketGroups, eq(marketGroups.id, marketGroupAnswers.groupId))
          .where(anyOf(marketGroupAnswers.marketId, 'marketIds'))
          .prepare('market_group_answer_links_of_markets');
      });
      const rows = await linksOf.execute({ marketIds: [...new Set(marketIds)] });
      return new Map<number, MarketAnswerOf>(
        rows.map(({ answer, group, answerCount }) => [
          answer.marketId,
          { group, answerLabel: answer.answerLabel, displayOrder: answer.displayOrder, answerCount: Number(answerCount) },
        ]),
      );
    });
  }

  answerMarketIds(): ResultAsync<readonly number[], InfrastructureError> {
    return dbOperation(this.#scope, 'marketGroups.answerMarketIds', async () => {
      const rows = await this.#db.select({ marketId: marketGroupAnswers.marketId }).from(marketGroupAnswers).orderBy(asc(marketGroupAnswers.marketId));
      return rows.map((row) => row.marketId);
    });
  }

  insertAnswer(answer: NewGroupAnswer): ResultAsync<GroupAnswer, InfrastructureError> {
    return dbOperation(this.#scope, 'marketGroups.insertAnswer', async () =>
      firstRow(await this.#db.insert(marketGroupAnswers).values(answer).returning()),
    );
  }

  listAdditions(query: AnswerAdditionQuery): ResultAsync<AnswerAdditionPage, InfrastructureError> {
    return dbOperation(this.#scope, 'marketGroups.listAdditions', async () => {
      const where = additionFilters(query);
      const additions = await this.#db
        .select()
        .from(marketGroupAnswerAdditions)
        .where(where)
        .orderBy(desc(marketGroupAnswerAdditions.id))
        .limit(query.limit)
        .offset(query.offset);
      const [counted] = await this.#db.select({ total: count() }).from(marketGroupAnswerAdditions).where(where);
      return { additions, total: counted?.total ?? 0 };
    });
  }

  lockAddition(id: number): ResultAsync<AnswerAddition | null, InfrastructureError> {
    return dbOperation(this.#scope, 'marketGroups.lockAddition', async () => {
      const [row] = await this.#db
        .select()
        .from(marketGroupAnswerAdditions)
        .where(eq(marketGroupAnswerAdditions.id, id))
        .for('update');
      return row ?? null;
    });
  }

  insertAddition(addition: NewAnswerAddition): ResultAsync<AnswerAddition, InfrastructureError> {
    return dbOperation(this.#scope, 'marketGroups.insertAddition', async () =>
      firstRow(await this.#db.insert(marketGroupAnswerAdditions).values(addition).returning()),
    );
  }

  updateAddition(addition: AnswerAddition): ResultAsync<AnswerAddition, InfrastructureError> {
    return dbOperation(this.#scope, 'marketGroups.updateAddition', async () => {
      const { id, ...values } = addition;
      await this.#db.update(marketGroupAnswerAdditions).set(values).where(eq(marketGroupAnswerAdditions.id, id));
      return addition;
    });
  }
}
