// SiteContentRepository on Drizzle (docs/api.md#site-content): one-row tables for the home page, the share card and
// its image, and a row per edited discovery page with its pins. The lock methods insert the defaults first
// (ON CONFLICT DO NOTHING), so two first-time savers queue on one row lock instead of both seeing "nothing stored".
import type { ResultAsync } from 'neverthrow';
import { asc, eq, sql } from 'drizzle-orm';
import type {
  DiscoveryPage,
  DiscoveryPin,
  HomeContent,
  InfrastructureError,
  ShareImage,
  ShareSettings,
  SiteContentRepository,
} from '@socialpredict/domain';
import type { Executor } from './database.factory.ts';
import { dbOperation } from './drizzle-operation.ts';
import { preparedQuery } from './prepared-query.ts';
import type { OperationScope } from './operation.monitor.ts';
import { discoveryPages, discoveryPins, homeContent, shareImage, shareSettings } from './schema.ts';

type PageRow = typeof discoveryPages.$inferSelect;
type PinRow = typeof discoveryPins.$inferSelect;

function toHome({ singleton: _singleton, ...row }: typeof homeContent.$inferSelect): HomeContent {
  return row;
}

function toShare({ singleton: _singleton, ...row }: typeof shareSettings.$inferSelect): ShareSettings {
  return row;
}

function toPin(row: PinRow): DiscoveryPin {
  return { id: row.id, pinType: row.pinType, marketId: row.marketId, targetPageSlug: row.targetPageSlug, label: row.label, sortOrder: row.sortOrder };
}

function pageValues({ pins: _pins, ...page }: DiscoveryPage): PageRow {
  return page;
}

export class DrizzleSiteContentRepository implements SiteContentRepository {
  readonly #db: Executor;
  readonly #scope: OperationScope;

  constructor(db: Executor, scope: OperationScope) {
    this.#db = db;
    this.#scope = scope;
  }

  getHome(): ResultAsync<HomeContent | null, InfrastructureError> {
    return dbOperation(this.#scope, 'siteContent.getHome', async () => {
      const [row] = await this.#db.select().from(homeContent);
      return row === undefined ? null : toHome(row);
    });
  }

  lockHome(defaults: HomeContent): ResultAsync<HomeContent, InfrastructureError> {
    return dbOperation(this.#scope, 'siteContent.lockHome', async () => {
      await this.#db.insert(homeContent).values(defaults).onConflictDoNothing();
      const [row] = await this.#db.select().from(homeContent).for('update');
      return toHome(row!);
    });
  }

  saveHome(content: HomeContent): ResultAsync<HomeContent, InfrastructureError> {
    return dbOperation(this.#scope, 'siteContent.saveHome', async () => {
      await this.#db.insert(homeContent).values(content).onConflictDoUpdate({ target: homeContent.singleton, set: content });
      return content;
    });
  }

  getDiscoveryPage(slug: string): ResultAsync<DiscoveryPage | null, InfrastructureError> {
    return dbOperation(this.#scope, 'siteContent.getDiscoveryPage', async () => {
      const bySlug = preparedQuery(this.#db, 'siteContent.getDiscoveryPage', (db) =>
        db.select().from(discoveryPages).where(eq(discoveryPages.slug, sql.placeholder('slug'))).prepare('discovery_page_by_slug'),
      );
      const [row] = await bySlug.execute({ slug });
      return row === undefined ? null : { ...row, pins: await this.#pins(slug) };
    });
  }

  lockDiscoveryPage(defaults: DiscoveryPage): ResultAsync<DiscoveryPage, InfrastructureError> {
    return dbOperation(this.#scope, 'siteContent.lockDiscoveryPage', async () => {
      await this.#db.insert(discoveryPages).values(pageValues(defaults)).onConflictDoNothing();
      const [row] = await this.#db.select().from(discoveryPages).where(eq(discoveryPages.slug, defaults.slug)).for('update');
      return { ...row!, pins: await this.#pins(defaults.slug) };
    });
  }

  saveDiscoveryPage(page: DiscoveryPage): ResultAsync<DiscoveryPage, InfrastructureError> {
    return dbOperation(this.#scope, 'siteContent.saveDiscoveryPage', async () => {
      const values = pageValues(page);
      await this.#db.insert(discoveryPages).values(values).onConflictDoUpdate({ target: discoveryPages.slug, set: values });
      await this.#db.delete(discoveryPins).where(eq(discoveryPins.pageSlug, page.slug));
      if (page.pins.length > 0) {
        await this.#db
          .insert(discoveryPins)
          .values(page.pins.map(({ id: _id, ...pin }) => ({ ...pin, pageSlug: page.slug })));
      }
      return { ...page, pins: await this.#pins(page.slug) };
    });
  }

  getShareSettings(): ResultAsync<ShareSettings | null, InfrastructureError> {
    return dbOperation(this.#scope, 'siteContent.getShareSettings', async () => {
      const [row] = await this.#db.select().from(shareSettings);
      return row === undefined ? null : toShare(row);
    });
  }

  lockShareSettings(defaults: ShareSettings): ResultAsync<ShareSettings, InfrastructureError> {
    return dbOperation(this.#scope, 'siteContent.lockShareSettings', async () => {
      await this.#db.insert(shareSettings).values(defaults).onConflictDoNothing();
      const [row] = await this.#db.select().from(shareSettings).for('update');
      return toShare(row!);
    });
  }

  saveShareSettings(settings: ShareSettings): ResultAsync<ShareSettings, InfrastructureError> {
    return dbOperation(this.#scope, 'siteContent.saveShareSettings', async () => {
      await this.#db.insert(shareSettings).values(settings).onConflictDoUpdate({ target: shareSettings.singleton, set: settings });
      return settings;
    });
  }

  getShareImage(): ResultAsync<ShareImage | null, InfrastructureError> {
    return dbOperation(this.#scope, 'siteContent.getShareImage', async () => {
      const [row] = await this.#db.select().from(shareImage);
      return row === undefined ? null : { contentType: row.contentType, bytes: new Uint8Array(row.bytes), updatedAt: row.updatedAt };
    });
  }

  saveShareImage(image: ShareImage): ResultAsync<ShareImage, InfrastructureError> {
    return dbOperation(this.#scope, 'siteContent.saveShareImage', async () => {
      await this.#db.insert(shareImage).values(image).onConflictDoUpdate({ target: shareImage.singleton, set: image });
      return image;
    });
  }

  async #pins(slug: string): Promise<DiscoveryPin[]> {
    const pinsOf = preparedQuery(this.#db, 'siteContent.pins', (db) =>
      db
        .select()
        .from(discoveryPins)
        .where(eq(discoveryPins.pageSlug, sql.placeholder('slug')))
        .orderBy(asc(discoveryPins.sortOrder), asc(discoveryPins.id))
        .prepare('discovery_pins_of_page'),
    );
    const rows = await pinsOf.execute({ slug });
    return rows.map(toPin);
  }
}
