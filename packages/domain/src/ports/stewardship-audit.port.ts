import type { ResultAsync } from 'neverthrow';
import type { NewStewardshipAudit, StewardshipAudit } from '../model/stewardship.model.ts';
import type { InfrastructureError } from './infrastructure.error.ts';

/** The append-only record of steward reassignments (docs/api.md#proposal-review). */
export interface StewardshipAuditRepository {
  record(audit: NewStewardshipAudit): ResultAsync<StewardshipAudit, InfrastructureError>;
  /** The audits of the given markets, oldest first (by id). */
  listForMarkets(marketIds: readonly number[]): ResultAsync<readonly StewardshipAudit[], InfrastructureError>;
}
