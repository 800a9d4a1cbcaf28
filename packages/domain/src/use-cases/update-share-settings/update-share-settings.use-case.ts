// An administrator's save of the social-sharing card (docs/api.md#social-sharing): every text field is sent,
// `imageEnabled` keeps its value when absent, and the version is checked as for every content save.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { ShareSettings } from '../../model/site-content.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import { validationFailed, type AuthorizationDenied, type InvalidState, type ValidationFailed } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { actorName, requireAdmin, type Actor } from '../shared/actor.ts';
import { checkCurrentVersion, checkVersionInput, codePoints } from '../site-content/content-version.ts';
import { shareDefaults } from '../site-content/get-site-content.use-case.ts';

export interface UpdateShareSettingsInput {
  readonly actor: Actor;
  readonly siteName: string;
  readonly defaultDescription: string;
  readonly defaultImageUrl: string;
  readonly imageEnabled?: boolean;
  readonly imageAlt: string;
  /** the version the caller read; 0 skips the check */
  readonly version: number;
}

export type UpdateShareSettingsError = AuthorizationDenied | ValidationFailed | InvalidState | InfrastructureError;
export type UpdateShareSettings = (input: UpdateShareSettingsInput, commit?: CommitHook<ShareSettings>) => ResultAsync<ShareSettings, UpdateShareSettingsError>;

/** http(s), a host without user info, then an optional path, query or fragment; no spaces or backslashes anywhere. */
const ABSOLUTE_HTTP_URL = /^https?:\/\/[^\s/?#@\\]+(?:[/?#][^\s\\]*)?$/i;

/**
 * The image a card names is fetched by other sites' crawlers: a path on this site or an absolute http(s) URL, never
 * another scheme.
 */
export function isShareImageUrl(url: string): boolean {
  if (url === '') return true;
  if (url.startsWith('/')) return !url.startsWith('//') && !url.includes('\\') && !/\s/.test(url);
  return ABSOLUTE_HTTP_URL.test(url);
}

export const SHARE_LIMITS = { siteName: 80, defaultDescription: 220, defaultImageUrl: 500, imageAlt: 160 } as const;

export function makeUpdateShareSettings(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock' | 'shareSiteName'>): UpdateShareSettings {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'edit the social-sharing settings');
      yield* checkVersionInput(input.version);
      const texts = {
        siteName: input.siteName.trim(),
        defaultDescription: input.defaultDescription.trim(),
        defaultImageUrl: input.defaultImageUrl.trim(),
        imageAlt: input.imageAlt.trim(),
      };
      const problems: Record<string, string[]> = {};
      for (const field of Object.keys(texts) as (keyof typeof texts)[]) {
        if (codePoints(texts[field]) > SHARE_LIMITS[field]) problems[field] = [`must be at most ${String(SHARE_LIMITS[field])} characters`];
      }
      if (texts.siteName === '') problems.siteName = [`must be 1–${String(SHARE_LIMITS.siteName)} characters`];
      if (problems.defaultImageUrl === undefined && !isShareImageUrl(texts.defaultImageUrl)) {
        problems.defaultImageUrl = ['must be empty, a path on this site or an http(s) URL'];
      }
      if (Object.keys(problems).length > 0) return err(validationFailed(problems));
      const saved = yield* deps.unitOfWork.run(
        (tx) =>
          safeTry(async function* () {
            const current = yield* tx.siteContent.lockShareSettings(shareDefaults(deps));
            yield* checkCurrentVersion(input.version, current.version, 'share settings');
            const stored = yield* tx.siteContent.saveShareSettings({
              ...texts,
              imageEnabled: input.imageEnabled ?? current.imageEnabled,
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
