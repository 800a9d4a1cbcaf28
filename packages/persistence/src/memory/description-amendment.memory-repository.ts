import { err, ok, type ResultAsync } from 'neverthrow';
import {
  infrastructureError,
  type AmendmentPage,
  type AmendmentQuery,
  type DescriptionAmendment,
  type DescriptionAmendmentRepository,
  type InfrastructureError,
  type NewDescriptionAmendment,
} from '@socialpredict/domain';
import type { MemoryTables } from './memory-database.ts';
import { readOperation, writeOperation, type MemoryContext } from './memory-operation.ts';

/** As the Drizzle adapter: literal, case-insensitive substring of the body, the proposer or the market's title. */
function matches(tables: MemoryTables, amendment: DescriptionAmendment, query: AmendmentQuery): boolean {
  const needle = query.text?.toLowerCase();
  const title = tables.markets.get(amendment.marketId)?.questionTitle ?? '';
  return (
    (query.status === undefined || amendment.status === query.status) &&
    (query.marketId === undefined || amendment.marketId === query.marketId) &&
    (query.createdBy === undefined || amendment.createdBy === query.createdBy) &&
    (needle === undefined || [amendment.body, amendment.createdBy, title].some((text) => text.toLowerCase().includes(needle)))
  );
}

export class MemoryDescriptionAmendmentRepository implements DescriptionAmendmentRepository {
  readonly #context: MemoryContext;

  constructor(context: MemoryContext) {
    this.#context = context;
  }

  list(query: AmendmentQuery): ResultAsync<AmendmentPage, InfrastructureError> {
    return readOperation(this.#context, 'amendments.list', (tables) => {
      const found = [...tables.amendments.values()].filter((amendment) => matches(tables, amendment, query)).sort((a, b) => b.id - a.id);
      return { amendments: found.slice(query.offset, query.offset + query.limit), total: found.length };
    });
  }

  listByMarket(marketId: number): ResultAsync<readonly DescriptionAmendment[], InfrastructureError> {
    return readOperation(this.#context, 'amendments.listByMarket', (tables) =>
      [...tables.amendments.values()].filter((amendment) => amendment.marketId === marketId).sort((a, b) => a.version - b.version),
    );
  }

  /** Memory transactions already run one at a time, so reading is locking. */
  lockByIds(ids: readonly number[]): ResultAsync<readonly DescriptionAmendment[], InfrastructureError> {
    return readOperation(this.#context, 'amendments.lockByIds', (tables) =>
      [...new Set(ids)].sort((a, b) => a - b).flatMap((id) => tables.amendments.get(id) ?? []),
    );
  }

  insert(amendment: NewDescriptionAmendment): ResultAsync<DescriptionAmendment, InfrastructureError> {
    return writeOperation(this.#context, 'amendments.insert', (tables) => {
      // As the table's unique (market_id, version).
      if ([...tables.amendments.values()].some((other) => other.marketId === amendment.marketId && other.version === amendment.version)) {
        return err(infrastructureError('UNEXPECTED', `market ${String(amendment.marketId)} already has version ${String(amendment.version)}`));
      }
      tables.sequences.amendment += 1;
      const stored: DescriptionAmendment = Object.freeze({ ...amendment, id: tables.sequences.amendment });
      tables.amendments.set(stored.id, stored);
      return ok(stored);
    });
  }

  update(amendment: DescriptionAmendment): ResultAsync<DescriptionAmendment, InfrastructureError> {
    return writeOperation(this.#context, 'amendments.update', (tables) => {
      const stored: DescriptionAmendment = Object.freeze({ ...amendment });
      tables.amendments.set(stored.id, stored);
      return ok(stored);
    });
  }
}
