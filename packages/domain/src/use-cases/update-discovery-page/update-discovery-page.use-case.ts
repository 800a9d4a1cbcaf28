// An administrator's change of a discovery page's layout (docs/api.md#site-content): the fields sent change, the
// others keep their stored (or default) value; the version is checked as for every content save. Pins are saved on
// their own (set-discovery-pins) and kept here.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { defaultDiscoveryPage, type DiscoveryPage, type DiscoveryPageFields } from '../../model/site-content.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import { validationFailed, type AuthorizationDenied, type InvalidState, type ValidationFailed } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { actorName, requireAdmin, type Actor } from '../shared/actor.ts';
import { checkCurrentVersion, checkVersionInput, codePoints } from '../site-content/content-version.ts';

export interface UpdateDiscoveryPageInput {
  readonly actor: Actor;
  readonly slug: string;
  readonly changes: Partial<DiscoveryPageFields>;
  /** the version the caller read; 0 skips the check */
  readonly version: number;
}

export type UpdateDiscoveryPageError = AuthorizationDenied | ValidationFailed | InvalidState | InfrastructureError;
export type UpdateDiscoveryPage = (input: UpdateDiscoveryPageInput, commit?: CommitHook<DiscoveryPage>) => ResultAsync<DiscoveryPage, UpdateDiscoveryPageError>;

export const DISCOVERY_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const DISCOVERY_TITLE_MAX = 120;
export const DISCOVERY_DESCRIPTION_MAX = 500;
export const RECOMMENDATION_LIMIT_MAX = 100;

/** The rules a page must satisfy once the change is applied. */
function pageProblems(page: DiscoveryPageFields): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  if (page.title.trim() === '' || codePoints(page.title) > DISCOVERY_TITLE_MAX) problems.title = [`must be 1–${String(DISCOVERY_TITLE_MAX)} characters`];
  if (codePoints(page.description) > DISCOVERY_DESCRIPTION_MAX) problems.description = [`must be at most ${String(DISCOVERY_DESCRIPTION_MAX)} characters`];
  if (page.primaryTagSlug !== '' && (page.primaryTagSlug.length > 64 || !DISCOVERY_SLUG.test(page.primaryTagSlug))) {
    problems.primaryTagSlug = ['must be empty or a tag slug'];
  }
  // A page scoped to a tag lists that tag's markets, so it has to name one.
  if (page.searchScope === 'tag' && page.primaryTagSlug === '') problems.primaryTagSlug = ['is required when searchScope is "tag"'];
  for (const field of ['defaultRecommendationLimit', 'curatedRecommendationLimit'] as const) {
    const limit = page[field];
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > RECOMMENDATION_LIMIT_MAX) problems[field] = [`must be 1–${String(RECOMMENDATION_LIMIT_MAX)}`];
  }
  return problems;
}

export function makeUpdateDiscoveryPage(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): UpdateDiscoveryPage {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'edit discovery pages');
      yield* checkVersionInput(input.version);
      if (input.slug.length > 96 || !DISCOVERY_SLUG.test(input.slug)) return err(validationFailed({ slug: ['must be a slug of at most 96 characters'] }));
      const saved = yield* deps.unitOfWork.run(
        (tx) =>
          safeTry(async function* () {
            const current = yield* tx.siteContent.lockDiscoveryPage(defaultDiscoveryPage(input.slug));
            yield* checkCurrentVersion(input.version, current.version, 'discovery page');
            const next: DiscoveryPage = {
              ...current,
              ...input.changes,
              title: (input.changes.title ?? current.title).trim(),
              version: current.version + 1,
              updatedBy: actorName(input.actor),
              updatedAt: deps.clock.now(),
            };
            const problems = pageProblems(next);
            if (Object.keys(problems).length > 0) return err(validationFailed(problems));
            const stored = yield* tx.siteContent.saveDiscoveryPage(next);
            return ok(stored);
          }),
        commit,
      );
      return ok(saved);
    });
}
