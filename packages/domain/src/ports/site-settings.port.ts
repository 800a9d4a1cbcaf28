import type { ResultAsync } from 'neverthrow';
import type { SiteSettingsKey, StoredSettings } from '../model/site-settings.model.ts';
import type { InfrastructureError } from './infrastructure.error.ts';

/** One stored value per settings key (docs/api.md#site-settings). */
export interface SiteSettingsRepository {
  /** the stored settings, or the defaults at version 1 when never saved */
  get<K extends SiteSettingsKey>(key: K): ResultAsync<StoredSettings<K>, InfrastructureError>;
  /** inside a transaction: the current settings, locked against other savers until the transaction ends */
  lock<K extends SiteSettingsKey>(key: K): ResultAsync<StoredSettings<K>, InfrastructureError>;
  save<K extends SiteSettingsKey>(key: K, settings: StoredSettings<K>): ResultAsync<StoredSettings<K>, InfrastructureError>;
}
