import { ok, type ResultAsync } from 'neverthrow';
import type { BetRepository, InfrastructureError, NewBetRow, StoredBetRow } from '@socialpredict/domain';
import type { MemoryTables } from './memory-database.ts';
import { readOperation, writeOperation, type MemoryContext } from './memory-operation.ts';

export class MemoryBetRepository implements BetRepository {
  readonly #context: MemoryContext;

  constructor(context: MemoryContext) {
    this.#context = context;
  }

  insert(row: NewBetRow): ResultAsync<StoredBetRow, InfrastructureError> {
    return writeOperation(this.#context, 'bets.insert', (tables) => ok(insertBet(tables, row)));
  }

  listByMarket(marketId: number): ResultAsync<readonly StoredBetRow[], InfrastructureError> {
    return readOperation(this.#context, 'bets.listByMarket', (tables) => [...rowsOf(tables, marketId)]);
  }

  listByMarketAfter(marketId: number, afterId: number): ResultAsync<readonly StoredBetRow[], InfrastructureError> {
    return readOperation(this.#context, 'bets.listByMarketAfter', (tables) => rowsOf(tables, marketId).filter((row) => row.id > afterId));
  }

  listByMarkets(
    marketIds: readonly number[],
  ): ResultAsync<ReadonlyMap<number, readonly StoredBetRow[]>, InfrastructureError> {
    return readOperation(this.#context, 'bets.listByMarkets', (tables) => {
      const found = marketIds.filter((id) => tables.betsByMarket.has(id));
      return new Map(found.map((id) => [id, [...rowsOf(tables, id)]]));
    });
  }

  marketIdsByUser(username: string): ResultAsync<readonly number[], InfrastructureError> {
    return readOperation(this.#context, 'bets.marketIdsByUser', (tables) =>
      marketIds(tables).filter((id) => rowsOf(tables, id).some((row) => row.username === username)),
    );
  }

  marketIdsWithRows(): ResultAsync<readonly number[], InfrastructureError> {
    return readOperation(this.#context, 'bets.marketIdsWithRows', marketIds);
  }
}

export function insertBet(tables: MemoryTables, row: NewBetRow): StoredBetRow {
  tables.sequences.bet += 1;
  const stored: StoredBetRow = Object.freeze({ ...row, id: tables.sequences.bet });
  tables.betsByMarket.set(row.marketId, [...rowsOf(tables, row.marketId), stored].sort(canonicalOrder));
  return stored;
}

export function hasRow(tables: MemoryTables, marketId: number, username: string): boolean {
  return rowsOf(tables, marketId).some((row) => row.username === username);
}

const NONE: readonly StoredBetRow[] = [];

function rowsOf(tables: MemoryTables, marketId: number): readonly StoredBetRow[] {
  return tables.betsByMarket.get(marketId) ?? NONE;
}

function marketIds(tables: MemoryTables): number[] {
  return [...tables.betsByMarket.keys()].sort((a, b) => a - b);
}

/** docs/market-model.md#canonical-order */
function canonicalOrder(a: StoredBetRow, b: StoredBetRow): number {
  return a.placedAt - b.placedAt || a.id - b.id;
}
