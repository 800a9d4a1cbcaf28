// An administrator edits a tag (docs/api.md#market-tags). Deactivating needs `confirmDeactivate`: the tag then leaves
// the public list and the pickers, while the markets that carry it keep it. An unknown slug is VALIDATION_FAILED on
// `slug` (the route table lists 400 only).
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { validationFailed, type AuthorizationDenied, type ValidationFailed } from '../../errors/use-case.errors.ts';
import type { MarketTag, MarketTagChanges } from '../../model/market-tag.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import type { UseCaseDeps } from '../deps.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';
import { checkTagFields } from '../shared/market-tag-rules.ts';

export interface UpdateMarketTagInput {
  readonly actor: Actor;
  readonly slug: string;
  /** only the fields to change */
  readonly changes: MarketTagChanges;
  /** must be true when `changes.isActive` is false */
  readonly confirmDeactivate?: boolean;
}

export type UpdateMarketTagError = AuthorizationDenied | ValidationFailed | InfrastructureError;

export type UpdateMarketTag = (input: UpdateMarketTagInput, commit?: CommitHook<MarketTag>) => ResultAsync<MarketTag, UpdateMarketTagError>;

export function makeUpdateMarketTag(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): UpdateMarketTag {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'change tags');
      const changes = yield* checkTagFields(input.changes);
      if (changes.isActive === false && input.confirmDeactivate !== true) {
        return err(validationFailed({ confirmDeactivate: ['must be true to deactivate a tag'] }));
      }
      const updated = yield* deps.unitOfWork.run(
        (tx) =>
          safeTry(async function* () {
            const current = yield* tx.marketTags.lock(input.slug);
            if (current === null) return err(validationFailed({ slug: ['names no tag'] }));
            const saved = yield* tx.marketTags.update(input.slug, { ...changes, updatedAt: deps.clock.now() });
            return ok(saved ?? current);
          }),
        commit,
      );
      return ok(updated);
    });
}
