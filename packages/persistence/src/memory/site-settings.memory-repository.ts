import { ok, type ResultAsync } from 'neverthrow';
import {
  defaultSettings,
  type InfrastructureError,
  type SiteSettingsKey,
  type SiteSettingsRepository,
  type StoredSettings,
} from '@socialpredict/domain';
import type { MemoryTables } from './memory-database.ts';
import { readOperation, writeOperation, type MemoryContext } from './memory-operation.ts';

/** As the Drizzle adapter: a stored value is read over the defaults. */
function current<K extends SiteSettingsKey>(tables: MemoryTables, key: K): StoredSettings<K> {
  const defaults = defaultSettings(key);
  const stored = tables.settings.get(key) as StoredSettings<K> | undefined;
  return stored === undefined ? defaults : { ...stored, value: { ...defaults.value, ...stored.value } };
}

export class MemorySiteSettingsRepository implements SiteSettingsRepository {
  readonly #context: MemoryContext;

  constructor(context: MemoryContext) {
    this.#context = context;
  }

  get<K extends SiteSettingsKey>(key: K): ResultAsync<StoredSettings<K>, InfrastructureError> {
    return readOperation(this.#context, 'settings.get', (tables) => current(tables, key));
  }

  /** Memory transactions already run one at a time, so reading is locking. */
  lock<K extends SiteSettingsKey>(key: K): ResultAsync<StoredSettings<K>, InfrastructureError> {
    return readOperation(this.#context, 'settings.lock', (tables) => current(tables, key));
  }

  save<K extends SiteSettingsKey>(key: K, settings: StoredSettings<K>): ResultAsync<StoredSettings<K>, InfrastructureError> {
    return writeOperation(this.#context, 'settings.save', (tables) => {
      const stored: StoredSettings<K> = Object.freeze({ ...settings });
      tables.settings.set(key, stored);
      return ok(stored);
    });
  }
}
