// SiteSettingsRepository on Drizzle: table `site_settings`, one row per key. A stored value is read over the
// defaults, so a flag added in a later release has its default until an administrator saves it.
import type { ResultAsync } from 'neverthrow';
import { eq } from 'drizzle-orm';
import {
  defaultSettings,
  type InfrastructureError,
  type SiteSettingsKey,
  type SiteSettingsRepository,
  type SiteSettingsValues,
  type StoredSettings,
} from '@socialpredict/domain';
import type { Executor } from './database.factory.ts';
import { dbOperation } from './drizzle-operation.ts';
import type { OperationScope } from './operation.monitor.ts';
import { siteSettings } from './schema.ts';

type SettingsRow = typeof siteSettings.$inferSelect;

function toStored<K extends SiteSettingsKey>(key: K, row: SettingsRow | undefined): StoredSettings<K> {
  const defaults = defaultSettings(key);
  if (row === undefined) return defaults;
  const value = { ...defaults.value, ...(row.value as Partial<SiteSettingsValues[K]>) };
  return { value, version: row.version, updatedBy: row.updatedBy, updatedAt: row.updatedAt };
}

export class DrizzleSiteSettingsRepository implements SiteSettingsRepository {
  readonly #db: Executor;
  readonly #scope: OperationScope;

  constructor(db: Executor, scope: OperationScope) {
    this.#db = db;
    this.#scope = scope;
  }

  get<K extends SiteSettingsKey>(key: K): ResultAsync<StoredSettings<K>, InfrastructureError> {
    return dbOperation(this.#scope, 'settings.get', async () => {
      const [row] = await this.#db.select().from(siteSettings).where(eq(siteSettings.key, key));
      return toStored(key, row);
    });
  }

  // The row is created from the defaults first, so that two first-time savers queue on the same row lock.
  lock<K extends SiteSettingsKey>(key: K): ResultAsync<StoredSettings<K>, InfrastructureError> {
    return dbOperation(this.#scope, 'settings.lock', async () => {
      const defaults = defaultSettings(key);
      await this.#db
        .insert(siteSettings)
        .values({ key, value: defaults.value, version: defaults.version, updatedBy: null, updatedAt: null })
        .onConflictDoNothing();
      const [row] = await this.#db.select().from(siteSettings).where(eq(siteSettings.key, key)).for('update');
      return toStored(key, row);
    });
  }

  save<K extends SiteSettingsKey>(key: K, settings: StoredSettings<K>): ResultAsync<StoredSettings<K>, InfrastructureError> {
    return dbOperation(this.#scope, 'settings.save', async () => {
      const values = { value: settings.value, version: settings.version, updatedBy: settings.updatedBy, updatedAt: settings.updatedAt };
      await this.#db
        .insert(siteSettings)
        .values({ key, ...values })
        .onConflictDoUpdate({ target: siteSettings.key, set: values });
      return settings;
    });
  }
}
