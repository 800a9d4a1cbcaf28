// An administrator adds a tag to the vocabulary (docs/api.md#market-tags). A taken slug is VALIDATION_FAILED on
// `slug`, as a taken username is (ERR-4).
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { validationFailed, type AuthorizationDenied, type ValidationFailed } from '../../errors/use-case.errors.ts';
import type { MarketTag } from '../../model/market-tag.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import type { UseCaseDeps } from '../deps.ts';
import { actorName, requireAdmin, type Actor } from '../shared/actor.ts';
import { checkTagFields, slugFromDisplayName, slugProblem } from '../shared/market-tag-rules.ts';
import { uniqueAsValidation } from '../shared/unique-violation.ts';

export interface CreateMarketTagInput {
  readonly actor: Actor;
  /** empty: derived from the display name */
  readonly slug: string;
  readonly displayName: string;
  readonly description?: string;
  readonly colorKey?: string;
  /** 0 when absent */
  readonly sortOrder?: number;
  /** true when absent */
  readonly isActive?: boolean;
}

export type CreateMarketTagError = AuthorizationDenied | ValidationFailed | InfrastructureError;

export type CreateMarketTag = (input: CreateMarketTagInput, commit?: CommitHook<MarketTag>) => ResultAsync<MarketTag, CreateMarketTagError>;

export function makeCreateMarketTag(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): CreateMarketTag {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'create tags');
      const slug = input.slug === '' ? slugFromDisplayName(input.displayName) : input.slug;
      if (slug === '') return err(validationFailed({ slug: ['must be given when the display name has no letter or digit'] }));
      const problem = slugProblem(slug);
      if (problem !== null) return err(validationFailed({ slug: [problem] }));
      const fields = yield* checkTagFields({
        displayName: input.displayName,
        description: input.description ?? '',
        colorKey: input.colorKey ?? '',
        sortOrder: input.sortOrder ?? 0,
        isActive: input.isActive ?? true,
      });
      const now = deps.clock.now();
      const created = yield* deps.unitOfWork.run(
        (tx) =>
          tx.marketTags
            .insert({ slug, ...fields, createdBy: actorName(input.actor), createdAt: now, updatedAt: now })
            .mapErr(uniqueAsValidation),
        commit,
      );
      return ok(created);
    });
}
