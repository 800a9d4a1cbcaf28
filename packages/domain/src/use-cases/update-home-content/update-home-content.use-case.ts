// An administrator's save of the home page (docs/api.md#site-content). The HTTP adapter renders the Markdown and
// sanitises the HTML before calling (docs/api.md#validation: sanitising happens once, at the boundary), so `html` is
// already the allow-listed render; this use case owns who may save, the limits and the optimistic version.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { DEFAULT_HOME_CONTENT, type HomeContent, type HomeFormat } from '../../model/site-content.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import { validationFailed, type AuthorizationDenied, type InvalidState, type ValidationFailed } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { actorName, requireAdmin, type Actor } from '../shared/actor.ts';
import { checkCurrentVersion, checkVersionInput, codePoints } from '../site-content/content-version.ts';

export interface UpdateHomeContentInput {
  readonly actor: Actor;
  readonly title: string;
  readonly format: HomeFormat;
  readonly markdown: string;
  /** the sanitised render */
  readonly html: string;
  /** the version the caller read; 0 skips the check */
  readonly version: number;
}

export type UpdateHomeContentError = AuthorizationDenied | ValidationFailed | InvalidState | InfrastructureError;
export type UpdateHomeContent = (input: UpdateHomeContentInput, commit?: CommitHook<HomeContent>) => ResultAsync<HomeContent, UpdateHomeContentError>;

export const HOME_TITLE_MAX = 160;
/** Both texts together stay well under the 1 MiB body limit. */
export const HOME_TEXT_MAX = 200_000;

export function makeUpdateHomeContent(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): UpdateHomeContent {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'edit the home page');
      yield* checkVersionInput(input.version);
      const title = input.title.trim();
      const problems: Record<string, string[]> = {};
      if (title === '' || codePoints(title) > HOME_TITLE_MAX) problems.title = [`must be 1–${String(HOME_TITLE_MAX)} characters`];
      if (input.markdown.length > HOME_TEXT_MAX) problems.markdown = [`must be at most ${String(HOME_TEXT_MAX)} characters`];
      if (input.html.length > HOME_TEXT_MAX) problems.html = [`must be at most ${String(HOME_TEXT_MAX)} characters`];
      if (Object.keys(problems).length > 0) return err(validationFailed(problems));
      const saved = yield* deps.unitOfWork.run(
        (tx) =>
          safeTry(async function* () {
            const current = yield* tx.siteContent.lockHome(DEFAULT_HOME_CONTENT);
            yield* checkCurrentVersion(input.version, current.version, 'home page');
            const stored = yield* tx.siteContent.saveHome({
              title,
              format: input.format,
              markdown: input.markdown,
              html: input.html,
              version: current.version + 1,
              updatedBy: actorName(input.actor),
              updatedAt: deps.clock.now(),
            });
            return ok(stored);
          }),
        commit,
      );
      return ok(saved);
    });
}
