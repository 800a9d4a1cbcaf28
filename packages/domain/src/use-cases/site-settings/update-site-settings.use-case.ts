// An administrator's change of run-time settings (docs/api.md#site-settings). Optimistic concurrency: the caller
// sends the version it read, and a save based on an older version is refused with INVALID_STATE instead of silently
// overwriting someone else's change; version 0 skips the check. The row is locked for the compare-and-save, so two
// admins saving at once cannot both pass it.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { SiteSettingsKey, SiteSettingsValues, StoredSettings } from '../../model/site-settings.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import { invalidState, validationFailed, type AuthorizationDenied, type InvalidState, type ValidationFailed } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { actorName, requireAdmin, type Actor } from '../shared/actor.ts';

/** One key and the fields of its value to change; the others keep their stored value. */
export type SettingsChange = {
  readonly [K in SiteSettingsKey]: { readonly key: K; readonly changes: Partial<SiteSettingsValues[K]> };
}[SiteSettingsKey];

export type UpdateSiteSettingsInput = SettingsChange & {
  readonly actor: Actor;
  /** the version the caller read; 0 skips the check */
  readonly version: number;
};

export type UpdatedSettings = { readonly [K in SiteSettingsKey]: StoredSettings<K> & { readonly key: K } }[SiteSettingsKey];

export type UpdateSiteSettingsError = AuthorizationDenied | ValidationFailed | InvalidState | InfrastructureError;

export type UpdateSiteSettings = (
  input: UpdateSiteSettingsInput,
  commit?: CommitHook<UpdatedSettings>,
) => ResultAsync<UpdatedSettings, UpdateSiteSettingsError>;

export function makeUpdateSiteSettings(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): UpdateSiteSettings {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'change site settings');
      if (!Number.isSafeInteger(input.version) || input.version < 0) {
        return err(validationFailed({ version: ['must be a whole number ≥ 0'] }));
      }
      const updated = yield* deps.unitOfWork.run(
        (tx) =>
          safeTry(async function* () {
            const current = yield* tx.settings.lock(input.key);
            if (input.version !== 0 && input.version !== current.version) {
              return err(invalidState(`The settings changed since version ${String(input.version)}; the current version is ${String(current.version)}.`));
            }
            const next = {
              value: { ...current.value, ...input.changes },
              version: current.version + 1,
              updatedBy: actorName(input.actor),
              updatedAt: deps.clock.now(),
            } as StoredSettings<typeof input.key>;
            const saved = yield* tx.settings.save(input.key, next);
            return ok({ ...saved, key: input.key } as UpdatedSettings);
          }),
        commit,
      );
      return ok(updated);
    });
}
