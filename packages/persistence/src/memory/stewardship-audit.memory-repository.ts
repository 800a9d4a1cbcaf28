import { ok, type ResultAsync } from 'neverthrow';
import type { InfrastructureError, NewStewardshipAudit, StewardshipAudit, StewardshipAuditRepository } from '@socialpredict/domain';
import { readOperation, writeOperation, type MemoryContext } from './memory-operation.ts';

export class MemoryStewardshipAuditRepository implements StewardshipAuditRepository {
  readonly #context: MemoryContext;

  constructor(context: MemoryContext) {
    this.#context = context;
  }

  record(audit: NewStewardshipAudit): ResultAsync<StewardshipAudit, InfrastructureError> {
    return writeOperation(this.#context, 'stewardshipAudits.record', (tables) => {
      tables.sequences.stewardshipAudit += 1;
      const stored: StewardshipAudit = Object.freeze({ ...audit, id: tables.sequences.stewardshipAudit });
      tables.stewardshipAudits.push(stored);
      return ok(stored);
    });
  }

  listForMarkets(marketIds: readonly number[]): ResultAsync<readonly StewardshipAudit[], InfrastructureError> {
    const wanted = new Set(marketIds);
    return readOperation(this.#context, 'stewardshipAudits.listForMarkets', (tables) =>
      tables.stewardshipAudits.filter((audit) => wanted.has(audit.marketId)),
    );
  }
}
