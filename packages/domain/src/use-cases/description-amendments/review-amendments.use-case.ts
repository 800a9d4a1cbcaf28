// An administrator approves or rejects pending amendments (docs/api.md#amendments): one, or a group all-or-nothing.
// Every amendment is locked in one transaction and the review is decided on the locked rows, so a grouped review
// either settles them all or changes nothing (an unknown id is 404, a settled one 409).
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { DescriptionAmendment } from '../../model/description-amendment.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  recordNotFound,
  validationFailed,
  type AuthorizationDenied,
  type InvalidState,
  type RecordNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { actorName, requireAdmin, type Actor } from '../shared/actor.ts';
import { reviewAmendments } from './amendment-rules.ts';

/** the most amendments one grouped review settles */
export const GROUPED_REVIEW_MAX = 200;

export interface ReviewAmendmentsInput {
  readonly actor: Actor;
  readonly amendmentIds: readonly number[];
  readonly status: string;
  readonly reason: string;
}

export interface ReviewedAmendments {
  readonly amendments: readonly DescriptionAmendment[];
  readonly total: number;
}

export type ReviewAmendmentsError = AuthorizationDenied | ValidationFailed | RecordNotFound | InvalidState | InfrastructureError;

export type ReviewAmendments = (
  input: ReviewAmendmentsInput,
  commit?: CommitHook<ReviewedAmendments>,
) => ResultAsync<ReviewedAmendments, ReviewAmendmentsError>;

export function makeReviewAmendments(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): ReviewAmendments {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'review description amendments');
      const ids = [...new Set(input.amendmentIds)];
      if (ids.length < 1 || ids.length > GROUPED_REVIEW_MAX || !ids.every((id) => Number.isSafeInteger(id) && id > 0)) {
        return err(validationFailed({ amendmentIds: [`must name 1–${String(GROUPED_REVIEW_MAX)} amendments by positive id`] }));
      }
      const reviewed = yield* deps.unitOfWork.run(
        (tx) =>
          safeTry(async function* () {
            const locked = yield* tx.amendments.lockByIds(ids);
            const missing = ids.find((id) => !locked.some((amendment) => amendment.id === id));
            if (missing !== undefined) return err(recordNotFound(`Amendment ${String(missing)} does not exist.`));
            const decided = yield* reviewAmendments(locked, { status: input.status, reason: input.reason, reviewer: actorName(input.actor), now: deps.clock.now() });
            const stored: DescriptionAmendment[] = [];
            for (const amendment of decided) stored.push(yield* tx.amendments.update(amendment));
            return ok({ amendments: stored, total: stored.length });
          }),
        commit,
      );
      return ok(reviewed);
    });
}
