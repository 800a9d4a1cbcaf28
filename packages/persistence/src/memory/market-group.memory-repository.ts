import { err, ok, type ResultAsync } from 'neverthrow';
import {
  infrastructureError,
  type AnswerAddition,
  type AnswerAdditionPage,
  type AnswerAdditionQuery,
  type GroupAnswer,
  type InfrastructureError,
  type MarketAnswerOf,
  type MarketGroup,
  type MarketGroupPage,
  type MarketGroupPatch,
  type MarketGroupQuery,
  type MarketGroupRepository,
  type NewAnswerAddition,
  type NewGroupAnswer,
  type NewMarketGroup,
} from '@socialpredict/domain';
import type { MemoryTables } from './memory-database.ts';
import { readOperation, writeOperation, type MemoryContext } from './memory-operation.ts';

/** As the Drizzle adapter: literal, case-insensitive substring of the title or the description. */
function groupMatches(group: MarketGroup, query: MarketGroupQuery): boolean {
  const needle = query.text?.toLowerCase();
  return (
    (query.lifecycleIn === undefined || query.lifecycleIn.includes(group.lifecycleStatus)) &&
    (needle === undefined || [group.questionTitle, group.description].some((text) => text.toLowerCase().includes(needle)))
  );
}

function additionMatches(tables: MemoryTables, addition: AnswerAddition, query: AnswerAdditionQuery): boolean {
  return (
    (query.status === undefined || addition.status === query.status) &&
    (query.groupId === undefined || addition.groupId === query.groupId) &&
    (query.stewardedBy === undefined || tables.marketGroups.get(addition.groupId)?.stewardUsername === query.stewardedBy)
  );
}

export class MemoryMarketGroupRepository implements MarketGroupRepository {
  readonly #context: MemoryContext;

  constructor(context: MemoryContext) {
    this.#context = context;
  }

  findById(id: number): ResultAsync<MarketGroup | null, InfrastructureError> {
    return readOperation(this.#context, 'marketGroups.findById', (tables) => tables.marketGroups.get(id) ?? null);
  }

  /** Memory transactions already run one at a time, so reading is locking. */
  lockById(id: number): ResultAsync<MarketGroup | null, InfrastructureError> {
    return readOperation(this.#context, 'marketGroups.lockById', (tables) => tables.marketGroups.get(id) ?? null);
  }

  list(query: MarketGroupQuery): ResultAsync<MarketGroupPage, InfrastructureError> {
    return readOperation(this.#context, 'marketGroups.list', (tables) => {
      const found = [...tables.marketGroups.values()].filter((group) => groupMatches(group, query)).sort((a, b) => b.id - a.id);
      return { groups: found.slice(query.offset, query.offset + query.limit), total: found.length };
    });
  }

  insert(group: NewMarketGroup): ResultAsync<MarketGroup, InfrastructureError> {
    return writeOperation(this.#context, 'marketGroups.insert', (tables) => {
      tables.sequences.marketGroup += 1;
      const stored: MarketGroup = Object.freeze({ ...group, id: tables.sequences.marketGroup });
      tables.marketGroups.set(stored.id, stored);
      return ok(stored);
    });
  }

  update(id: number, patch: MarketGroupPatch): ResultAsync<MarketGroup | null, InfrastructureError> {
    return writeOperation(this.#context, 'marketGroups.update', (tables) => {
      const current = tables.marketGroups.get(id);
      if (current === undefined) return ok(null);
      const stored: MarketGroup = Object.freeze({ ...current, ...patch });
      tables.marketGroups.set(id, stored);
      return ok(stored);
    });
  }

  listAnswers(groupId: number): ResultAsync<readonly GroupAnswer[], InfrastructureError> {
    return readOperation(this.#context, 'marketGroups.listAnswers', (tables) =>
      [...tables.groupAnswers.values()].filter((answer) => answer.groupId === groupId).sort((a, b) => a.displayOrder - b.displayOrder),
    );
  }

  answersForMarkets(marketIds: readonly number[]): ResultAsync<readonly GroupAnswer[], InfrastructureError> {
    return readOperation(this.#context, 'marketGroups.answersForMarkets', (tables) => {
      const wanted = new Set(marketIds);
      return [...tables.groupAnswers.values()].filter((answer) => wanted.has(answer.marketId)).sort((a, b) => a.marketId - b.marketId);
    });
  }

  answerLinksOfMarkets(marketIds: readonly number[]): ResultAsync<ReadonlyMap<number, MarketAnswerOf>, InfrastructureError> {
    return readOperation(this.#context, 'marketGroups.answerLinksOfMarkets', (tables) => {
      const wanted = new Set(marketIds);
      const answers = [...tables.groupAnswers.values()];
      const links = new Map<number, MarketAnswerOf>();
      for (const answer of answers) {
        const group = tables.marketGroups.get(answer.groupId);
        if (!wanted.has(answer.marketId) || group === undefined) continue;
        const answerCount = answers.filter((other) => other.groupId === answer.groupId).length;
        links.set(answer.marketId, { group, answerLabel: answer.answerLabel, displayOrder: answer.displayOrder, answerCount });
      }
      return links;
    });
  }

  answerMarketIds(): ResultAsync<readonly number[], InfrastructureError> {
    return readOperation(this.#context, 'marketGroups.answerMarketIds', (tables) =>
      [...tables.groupAnswers.values()].map((answer) => answer.marketId).sort((a, b) => a - b),
    );
  }

  insertAnswer(answer: NewGroupAnswer): ResultAsync<GroupAnswer, InfrastructureError> {
    return writeOperation(this.#context, 'marketGroups.insertAnswer', (tables) => {
      // As the table's unique (market_id) and (group_id, display_order).
      const clash = [...tables.groupAnswers.values()].some(
        (other) => other.marketId === answer.marketId || (other.groupId === answer.groupId && other.displayOrder === answer.displayOrder),
      );
      if (clash) return err(infrastructureError('UNEXPECTED', `answer of market ${String(answer.marketId)} clashes with a stored one`));
      tables.sequences.groupAnswer += 1;
      const stored: GroupAnswer = Object.freeze({ ...answer, id: tables.sequences.groupAnswer });
      tables.groupAnswers.set(stored.id, stored);
      return ok(stored);
    });
  }

  listAdditions(query: AnswerAdditionQuery): ResultAsync<AnswerAdditionPage, InfrastructureError> {
    return readOperation(this.#context, 'marketGroups.listAdditions', (tables) => {
      const found = [...tables.answerAdditions.values()]
        .filter((addition) => additionMatches(tables, addition, query))
        .sort((a, b) => b.id - a.id);
      return { additions: found.slice(query.offset, query.offset + query.limit), total: found.length };
    });
  }

  lockAddition(id: number): ResultAsync<AnswerAddition | null, InfrastructureError> {
    return readOperation(this.#context, 'marketGroups.lockAddition', (tables) => tables.answerAdditions.get(id) ?? null);
  }

  insertAddition(addition: NewAnswerAddition): ResultAsync<AnswerAddition, InfrastructureError> {
    return writeOperation(this.#context, 'marketGroups.insertAddition', (tables) => {
      tables.sequences.answerAddition += 1;
      const stored: AnswerAddition = Object.freeze({ ...addition, id: tables.sequences.answerAddition });
      tables.answerAdditions.set(stored.id, stored);
      return ok(stored);
    });
  }

  updateAddition(addition: AnswerAddition): ResultAsync<AnswerAddition, InfrastructureError> {
    return writeOperation(this.#context, 'marketGroups.updateAddition', (tables) => {
      const stored: AnswerAddition = Object.freeze({ ...addition });
      tables.answerAdditions.set(stored.id, stored);
      return ok(stored);
    });
  }
}
