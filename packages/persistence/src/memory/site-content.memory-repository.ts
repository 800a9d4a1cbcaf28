import { ok, type ResultAsync } from 'neverthrow';
import type {
  DiscoveryPage,
  HomeContent,
  InfrastructureError,
  ShareImage,
  ShareSettings,
  SiteContentRepository,
} from '@socialpredict/domain';
import type { MemoryTables } from './memory-database.ts';
import { readOperation, writeOperation, type MemoryContext } from './memory-operation.ts';

/** As the Drizzle adapter orders them: `sortOrder`, then id. */
function sortedPins(page: DiscoveryPage): DiscoveryPage {
  return { ...page, pins: [...page.pins].sort((a, b) => a.sortOrder - b.sortOrder || (a.id ?? 0) - (b.id ?? 0)) };
}

/** Memory transactions run one at a time, so a lock only has to store the defaults the way the Drizzle adapter does. */
export class MemorySiteContentRepository implements SiteContentRepository {
  readonly #context: MemoryContext;

  constructor(context: MemoryContext) {
    this.#context = context;
  }

  getHome(): ResultAsync<HomeContent | null, InfrastructureError> {
    return readOperation(this.#context, 'siteContent.getHome', (tables) => tables.homeContent.get('home') ?? null);
  }

  lockHome(defaults: HomeContent): ResultAsync<HomeContent, InfrastructureError> {
    return this.#storeMissing('siteContent.lockHome', (tables) => {
      if (!tables.homeContent.has('home')) tables.homeContent.set('home', Object.freeze({ ...defaults }));
      return tables.homeContent.get('home')!;
    });
  }

  saveHome(content: HomeContent): ResultAsync<HomeContent, InfrastructureError> {
    return writeOperation(this.#context, 'siteContent.saveHome', (tables) => {
      const stored = Object.freeze({ ...content });
      tables.homeContent.set('home', stored);
      return ok(stored);
    });
  }

  getDiscoveryPage(slug: string): ResultAsync<DiscoveryPage | null, InfrastructureError> {
    return readOperation(this.#context, 'siteContent.getDiscoveryPage', (tables) => tables.discoveryPages.get(slug) ?? null);
  }

  lockDiscoveryPage(defaults: DiscoveryPage): ResultAsync<DiscoveryPage, InfrastructureError> {
    return this.#storeMissing('siteContent.lockDiscoveryPage', (tables) => {
      if (!tables.discoveryPages.has(defaults.slug)) tables.discoveryPages.set(defaults.slug, Object.freeze({ ...defaults, pins: [] }));
      return tables.discoveryPages.get(defaults.slug)!;
    });
  }

  saveDiscoveryPage(page: DiscoveryPage): ResultAsync<DiscoveryPage, InfrastructureError> {
    return writeOperation(this.#context, 'siteContent.saveDiscoveryPage', (tables) => {
      const pins = page.pins.map((pin) => Object.freeze({ ...pin, id: ++tables.sequences.pin }));
      const stored = Object.freeze(sortedPins({ ...page, pins }));
      tables.discoveryPages.set(page.slug, stored);
      return ok(stored);
    });
  }

  getShareSettings(): ResultAsync<ShareSettings | null, InfrastructureError> {
    return readOperation(this.#context, 'siteContent.getShareSettings', (tables) => tables.shareSettings.get('share') ?? null);
  }

  lockShareSettings(defaults: ShareSettings): ResultAsync<ShareSettings, InfrastructureError> {
    return this.#storeMissing('siteContent.lockShareSettings', (tables) => {
      if (!tables.shareSettings.has('share')) tables.shareSettings.set('share', Object.freeze({ ...defaults }));
      return tables.shareSettings.get('share')!;
    });
  }

  saveShareSettings(settings: ShareSettings): ResultAsync<ShareSettings, InfrastructureError> {
    return writeOperation(this.#context, 'siteContent.saveShareSettings', (tables) => {
      const stored = Object.freeze({ ...settings });
      tables.shareSettings.set('share', stored);
      return ok(stored);
    });
  }

  getShareImage(): ResultAsync<ShareImage | null, InfrastructureError> {
    return readOperation(this.#context, 'siteContent.getShareImage', (tables) => {
      const image = tables.shareImage.get('image');
      // A copy, as a database read is: the caller cannot change the stored bytes.
      return image === undefined ? null : { ...image, bytes: image.bytes.slice() };
    });
  }

  saveShareImage(image: ShareImage): ResultAsync<ShareImage, InfrastructureError> {
    return writeOperation(this.#context, 'siteContent.saveShareImage', (tables) => {
      tables.shareImage.set('image', Object.freeze({ ...image, bytes: image.bytes.slice() }));
      return ok(image);
    });
  }

  #storeMissing<T>(operation: string, change: (tables: MemoryTables) => T): ResultAsync<T, InfrastructureError> {
    return writeOperation(this.#context, operation, (tables) => ok(change(tables)));
  }
}
