// An administrator's upload of the share image (docs/api.md#social-sharing): the bytes are kept in the database, so
// every instance serves the same picture, and the card's `defaultImageUrl` becomes the path that serves it; the
// image is switched on, since uploading one is asking for it to be shown. Image and settings commit together.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { SHARE_IMAGE_MAX_BYTES, SHARE_IMAGE_PATH, type ShareSettings } from '../../model/site-content.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import { validationFailed, type AuthorizationDenied, type ValidationFailed } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { actorName, requireAdmin, type Actor } from '../shared/actor.ts';
import { codePoints } from '../site-content/content-version.ts';
import { shareDefaults } from '../site-content/get-site-content.use-case.ts';
import { SHARE_LIMITS } from '../update-share-settings/update-share-settings.use-case.ts';
import { imageTypeOf } from './image-signature.ts';

export interface UploadShareImageInput {
  readonly actor: Actor;
  readonly bytes: Uint8Array;
  /** kept as stored when absent */
  readonly imageAlt?: string;
}

export type UploadShareImageError = AuthorizationDenied | ValidationFailed | InfrastructureError;
export type UploadShareImage = (input: UploadShareImageInput, commit?: CommitHook<ShareSettings>) => ResultAsync<ShareSettings, UploadShareImageError>;

export function makeUploadShareImage(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock' | 'shareSiteName'>): UploadShareImage {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'upload the share image');
      const contentType = imageTypeOf(input.bytes);
      if (input.bytes.length > SHARE_IMAGE_MAX_BYTES) return err(validationFailed({ image: ['must be at most 5 MiB'] }));
      if (contentType === null) return err(validationFailed({ image: ['must be a PNG, JPEG or WebP image'] }));
      const imageAlt = input.imageAlt?.trim();
      if (imageAlt !== undefined && codePoints(imageAlt) > SHARE_LIMITS.imageAlt) {
        return err(validationFailed({ imageAlt: [`must be at most ${String(SHARE_LIMITS.imageAlt)} characters`] }));
      }
      const now = deps.clock.now();
      const saved = yield* deps.unitOfWork.run(
        (tx) =>
          safeTry(async function* () {
            const current = yield* tx.siteContent.lockShareSettings(shareDefaults(deps));
            yield* tx.siteContent.saveShareImage({ contentType, bytes: input.bytes, updatedAt: now });
            const stored = yield* tx.siteContent.saveShareSettings({
              ...current,
              defaultImageUrl: SHARE_IMAGE_PATH,
              imageEnabled: true,
              imageAlt: imageAlt ?? current.imageAlt,
              version: current.version + 1,
              updatedBy: actorName(input.actor),
              updatedAt: now,
            });
            return ok(stored);
          }),
        commit,
      );
      return ok(saved);
    });
}
