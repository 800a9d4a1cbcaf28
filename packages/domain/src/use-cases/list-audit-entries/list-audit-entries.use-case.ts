// The audit log for administrators and the operator (docs/api.md#audit-log): newest first, filtered, paged.
import { type ResultAsync } from 'neverthrow';
import type { AuditQuery, StoredAuditEntry } from '../../model/audit.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { AuthorizationDenied } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';

export interface ListAuditEntriesInput {
  readonly actor: Actor;
  readonly query: AuditQuery;
}

export type ListAuditEntriesError = AuthorizationDenied | InfrastructureError;

export type ListAuditEntries = (input: ListAuditEntriesInput) => ResultAsync<StoredAuditEntry[], ListAuditEntriesError>;

export function makeListAuditEntries(deps: Pick<UseCaseDeps, 'audit'>): ListAuditEntries {
  return (input) => requireAdmin(input.actor, 'read the audit log').asyncAndThen(() => deps.audit.list(input.query));
}
