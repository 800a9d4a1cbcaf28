// The amendment lists (docs/api.md#amendments): the administrators' review queue (pending by default, filters and
// strict paging) and a steward's own amendments with the same filters.
import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import type { AmendmentStatus } from '../../model/description-amendment.model.ts';
import type { AmendmentPage, AmendmentQuery } from '../../ports/description-amendment.port.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import { validationFailed, type AuthorizationDenied, type ValidationFailed } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';

export const AMENDMENT_PAGE_DEFAULT = 50;
export const AMENDMENT_PAGE_MAX = 200;
const STATUSES: readonly AmendmentStatus[] = ['pending', 'approved', 'rejected'];

export interface AmendmentFilters {
  /** default `pending` */
  readonly status?: string;
  readonly marketId?: number;
  readonly query?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface ListAmendmentsInput extends AmendmentFilters {
  readonly actor: Actor;
}

export interface AmendmentListPage extends AmendmentPage {
  readonly limit: number;
  readonly offset: number;
}

export type ListAmendmentsError = AuthorizationDenied | ValidationFailed | InfrastructureError;
export type ListAmendments = (input: ListAmendmentsInput) => ResultAsync<AmendmentListPage, ListAmendmentsError>;
/** the web app's profile tab: the user's own amendments, with the same filters */
export type ListOwnAmendments = (input: AmendmentFilters & { readonly username: string }) => ResultAsync<AmendmentListPage, ValidationFailed | InfrastructureError>;

function isStatus(status: string): status is AmendmentStatus {
  return (STATUSES as readonly string[]).includes(status);
}

/** Strict filters (docs/api.md#tier-2): an unusable value is refused, never replaced by a default. */
function checkedQuery(input: AmendmentFilters, createdBy: string | undefined): Result<AmendmentQuery, ValidationFailed> {
  const status = input.status ?? 'pending';
  const limit = input.limit ?? AMENDMENT_PAGE_DEFAULT;
  const offset = input.offset ?? 0;
  const fields: Record<string, string[]> = {};
  if (!isStatus(status)) fields['status'] = ['must be pending, approved or rejected'];
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > AMENDMENT_PAGE_MAX) fields['limit'] = [`must be a whole number 1–${String(AMENDMENT_PAGE_MAX)}`];
  if (!Number.isSafeInteger(offset) || offset < 0) fields['offset'] = ['must be a whole number ≥ 0'];
  if (input.marketId !== undefined && (!Number.isSafeInteger(input.marketId) || input.marketId < 1)) fields['marketId'] = ['must be a positive whole number'];
  if (Object.keys(fields).length > 0 || !isStatus(status)) return err(validationFailed(fields));
  const text = input.query?.trim() ?? '';
  return ok({
    status,
    limit,
    offset,
    ...(input.marketId === undefined ? {} : { marketId: input.marketId }),
    ...(text === '' ? {} : { text }),
    ...(createdBy === undefined ? {} : { createdBy }),
  });
}

export function makeListAmendments(deps: Pick<UseCaseDeps, 'amendments'>): ListAmendments {
  return (input) =>
    requireAdmin(input.actor, 'review description amendments')
      .andThen(() => checkedQuery(input, undefined))
      .asyncAndThen((query) => deps.amendments.list(query).map((page) => ({ ...page, limit: query.limit, offset: query.offset })));
}

export function makeListOwnAmendments(deps: Pick<UseCaseDeps, 'amendments'>): ListOwnAmendments {
  return (input) =>
    checkedQuery(input, input.username).asyncAndThen((query) =>
      deps.amendments.list(query).map((page) => ({ ...page, limit: query.limit, offset: query.offset })),
    );
}
