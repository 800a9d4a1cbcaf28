import { ok, type ResultAsync } from 'neverthrow';
import {
  publicMarketStatus,
  type InfrastructureError,
  type MarketPage,
  type MarketPatch,
  type MarketQuery,
  type MarketRecord,
  type MarketRepository,
  type NewMarket,
} from '@socialpredict/domain';
import type { MemoryTables } from './memory-database.ts';
import { carriesTag } from './market-tag.memory-repository.ts';
import { readOperation, writeOperation, type MemoryContext } from './memory-operation.ts';

export class MemoryMarketRepository implements MarketRepository {
  readonly #context: MemoryContext;

  constructor(context: MemoryContext) {
    this.#context = context;
  }

  findById(id: number): ResultAsync<MarketRecord | null, InfrastructureError> {
    return readOperation(this.#context, 'markets.findById', (tables) => tables.markets.get(id) ?? null);
  }

  findByIds(ids: readonly number[]): ResultAsync<readonly MarketRecord[], InfrastructureError> {
    return readOperation(this.#context, 'markets.findByIds', (tables) =>
      [...new Set(ids)].sort((a, b) => a - b).flatMap((id) => tables.markets.get(id) ?? []),
    );
  }

  findInvolving(username: string): ResultAsync<readonly MarketRecord[], InfrastructureError> {
    return readOperation(this.#context, 'markets.findInvolving', (tables) =>
      [...tables.markets.values()]
        .filter((market) => market.creatorUsername === username || market.stewardUsername === username)
        .sort((a, b) => a.id - b.id),
    );
  }

  list(query: MarketQuery): ResultAsync<MarketPage, InfrastructureError> {
    return readOperation(this.#context, 'markets.list', (tables) => {
      const text = query.text?.toLowerCase();
      const matching = [...tables.markets.values()]
        .filter(
          (market) =>
            (query.status === undefined || publicMarketStatus(market, query.now) === query.status) &&
            (query.lifecycleIn === undefined || query.lifecycleIn.includes(market.lifecycleStatus)) &&
            (query.createdBy === undefined || market.creatorUsername === query.createdBy) &&
            (query.stewardedBy === undefined || market.stewardUsername === query.stewardedBy) &&
            (text === undefined ||
              market.questionTitle.toLowerCase().includes(text) ||
              market.description.toLowerCase().includes(text)) &&
            (query.tagSlug === undefined || carriesTag(tables, market.id, query.tagSlug)) &&
            !(query.excludeIds ?? []).includes(market.id),
        )
        .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
      return { markets: matching.slice(query.offset, query.offset + query.limit), total: matching.length };
    });
  }

  insert(market: NewMarket): ResultAsync<MarketRecord, InfrastructureError> {
    return writeOperation(this.#context, 'markets.insert', (tables) => {
      tables.sequences.market += 1;
      const record = freezeMarket({ ...market, id: tables.sequences.market });
      tables.markets.set(record.id, record);
      return ok(record);
    });
  }

  update(id: number, patch: MarketPatch): ResultAsync<MarketRecord | null, InfrastructureError> {
    return writeOperation(this.#context, 'markets.update', (tables) => ok(updateMarket(tables, id, patch)));
  }
}

export function updateMarket(tables: MemoryTables, id: number, patch: MarketPatch): MarketRecord | null {
  const current = tables.markets.get(id);
  if (current === undefined) return null;
  const record = freezeMarket({ ...current, ...patch });
  tables.markets.set(id, record);
  return record;
}

function freezeMarket(market: MarketRecord): MarketRecord {
  const seeds = Object.freeze({ ...market.seeds });
  return Object.freeze({ ...market, seeds, totals: Object.freeze({ ...market.totals }) });
}
