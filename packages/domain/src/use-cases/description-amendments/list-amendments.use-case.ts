// The amendment lists (docs/api.md#amendments): the administrators' review queue (pending by default, filters and
// strict paging) and a steward's own amendments, any status.
import { errAsync, type ResultAsync } from 'neverthrow';
import type { AmendmentStatus } from '../../model/description-amendment.model.ts';
import type { AmendmentPage } from '../../ports/description-amendment.port.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { validationFailed, type AuthorizationDenied, type ValidationFailed } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';

export const AMENDMENT_PAGE_DEFAULT = 50;
export const AMENDMENT_PAGE_MAX = 200;
const STATUSES: readonly AmendmentStatus[] = ['pending', 'approved', 'rejected'];

export interface ListAmendmentsInput {
  readonly actor: Actor;
  /** default `pending` */
  readonly status?: string;
  readonly marketId?: number;
  readonly query?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface AmendmentListPage extends AmendmentPage {
  readonly limit: number;
  readonly offset: number;
}

export type ListAmendmentsError = AuthorizationDenied | ValidationFailed | InfrastructureError;
export type ListAmendments = (input: ListAmendmentsInput) => ResultAsync<AmendmentListPage, ListAmendmentsError>;
export type ListOwnAmendments = (input: { readonly username: string }) => ResultAsync<AmendmentPage, InfrastructureError>;

function isStatus(status: string): status is AmendmentStatus {
  return (STATUSES as readonly string[]).includes(status);
}

export function makeListAmendments(deps: Pick<UseCaseDeps, 'amendments'>): ListAmendments {
  return (input) => {
    const denied = requireAdmin(input.actor, 'review description amendments');
    if (denied.isErr()) return errAsync(denied.error);
    const status = input.status ?? 'pending';
    const limit = input.limit ?? AMENDMENT_PAGE_DEFAULT;
    const offset = input.offset ?? 0;
    const fields: Record<string, string[]> = {};
    if (!isStatus(status)) fields['status'] = ['must be pending, approved or rejected'];
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > AMENDMENT_PAGE_MAX) fields['limit'] = [`must be a whole number 1–${String(AMENDMENT_PAGE_MAX)}`];
    if (!Number.isSafeInteger(offset) || offset < 0) fields['offset'] = ['must be a whole number ≥ 0'];
    if (input.marketId !== undefined && (!Number.isSafeInteger(input.marketId) || input.marketId < 1)) fields['marketId'] = ['must be a positive whole number'];
    if (Object.keys(fields).length > 0 || !isStatus(status)) return errAsync(validationFailed(fields));
    const text = input.query?.trim() ?? '';
    return deps.amendments
      .list({ status, limit, offset, ...(input.marketId === undefined ? {} : { marketId: input.marketId }), ...(text === '' ? {} : { text }) })
      .map((page) => ({ ...page, limit, offset }));
  };
}

/** Every amendment the user proposed, newest first; the web app shows them all, so the page is the whole list. */
export function makeListOwnAmendments(deps: Pick<UseCaseDeps, 'amendments'>): ListOwnAmendments {
  return (input) => deps.amendments.list({ createdBy: input.username, limit: Number.MAX_SAFE_INTEGER, offset: 0 });
}
