// The site content part of the repository contract (docs/api.md#site-content), run by `describeRepositoryContract`
// on memory, PGlite and PostgreSQL alike.
import { errAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOME_CONTENT,
  defaultDiscoveryPage,
  defaultShareSettings,
  type DiscoveryPage,
  type HomeContent,
  type ShareSettings,
} from '@socialpredict/domain';
import type { ContractPorts } from '../support/contract.targets.ts';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 123);
// A PNG signature and a few bytes of every value, zero and 0xff included, so an encoding slip would show.
const IMAGE_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x7f, 0x80, 0x01]);

export function describeSiteContentContract(
  ports: () => ContractPorts,
  insertMarket: (creator: string) => Promise<{ id: number }>,
  insertUser: (username: string) => Promise<unknown>,
): void {
  describe('site content', () => {
    const home: HomeContent = { title: 'Hello', format: 'html', markdown: '', html: '<p>Hi</p>', version: 2, updatedBy: 'admin', updatedAt: T0 };

    it('reads nothing while no document was saved', async () => {
      expect((await ports().siteContent.getHome())._unsafeUnwrap()).toBeNull();
      expect((await ports().siteContent.getDiscoveryPage('markets'))._unsafeUnwrap()).toBeNull();
      expect((await ports().siteContent.getShareSettings())._unsafeUnwrap()).toBeNull();
      expect((await ports().siteContent.getShareImage())._unsafeUnwrap()).toBeNull();
    });

    it('locks the defaults in when nothing is stored, then saves and reads the home page back', async () => {
      const saved = await ports().unitOfWork.run((tx) =>
        tx.siteContent.lockHome(DEFAULT_HOME_CONTENT).andThen((locked) => {
          expect(locked).toEqual(DEFAULT_HOME_CONTENT);
          return tx.siteContent.saveHome(home);
        }),
      );
      expect(saved._unsafeUnwrap()).toEqual(home);
      expect((await ports().siteContent.getHome())._unsafeUnwrap()).toEqual(home);
      // A second lock answers what is stored, not the defaults it is handed.
      const relocked = await ports().unitOfWork.run((tx) => tx.siteContent.lockHome(DEFAULT_HOME_CONTENT));
      expect(relocked._unsafeUnwrap()).toEqual(home);
    });

    it('keeps nothing of a transaction that rolls back, the defaults its lock stored included', async () => {
      const refused = await ports().unitOfWork.run((tx) =>
        tx.siteContent.lockShareSettings(defaultShareSettings('Site')).andThen(() => errAsync({ kind: 'refused' as const })),
      );
      expect(refused.isErr()).toBe(true);
      expect((await ports().siteContent.getShareSettings())._unsafeUnwrap()).toBeNull();
    });

    it('saves share settings and the share image byte for byte', async () => {
      const settings: ShareSettings = { ...defaultShareSettings('Site'), siteName: 'Predict', imageEnabled: true, imageAlt: 'A chart', version: 3, updatedBy: 'admin', updatedAt: T0 };
      (await ports().unitOfWork.run((tx) => tx.siteContent.saveShareSettings(settings)))._unsafeUnwrap();
      expect((await ports().siteContent.getShareSettings())._unsafeUnwrap()).toEqual(settings);

      (await ports().unitOfWork.run((tx) => tx.siteContent.saveShareImage({ contentType: 'image/png', bytes: IMAGE_BYTES, updatedAt: T0 })))._unsafeUnwrap();
      const image = (await ports().siteContent.getShareImage())._unsafeUnwrap();
      expect(image?.contentType).toBe('image/png');
      expect(image?.updatedAt).toBe(T0);
      expect([...(image?.bytes ?? [])]).toEqual([...IMAGE_BYTES]);

      // A new upload replaces the old one.
      (await ports().unitOfWork.run((tx) => tx.siteContent.saveShareImage({ contentType: 'image/webp', bytes: IMAGE_BYTES.slice(0, 4), updatedAt: T0 + 1 })))._unsafeUnwrap();
      const replaced = (await ports().siteContent.getShareImage())._unsafeUnwrap();
      expect(replaced?.contentType).toBe('image/webp');
      expect(replaced?.bytes.length).toBe(4);
    });

    it('saves a discovery page with its pins in sortOrder, and replaces the pins on the next save', async () => {
      await insertUser('creator');
      const market = await insertMarket('creator');
      const page: DiscoveryPage = {
        ...defaultDiscoveryPage('politics'),
        title: 'Politics',
        featuredTopicsEnabled: true,
        version: 2,
        updatedBy: 'admin',
        updatedAt: T0,
        pins: [
          { pinType: 'discovery_page', marketId: null, targetPageSlug: 'markets', label: 'All', sortOrder: 2 },
          { pinType: 'market', marketId: market.id, targetPageSlug: null, label: 'Top', sortOrder: 1 },
        ],
      };
      const saved = (await ports().unitOfWork.run((tx) => tx.siteContent.lockDiscoveryPage(defaultDiscoveryPage('politics')).andThen(() => tx.siteContent.saveDiscoveryPage(page))))._unsafeUnwrap();
      expect(saved.pins.map((pin) => pin.label)).toEqual(['Top', 'All']);
      expect(saved.pins.every((pin) => Number.isSafeInteger(pin.id))).toBe(true);
      const read = (await ports().siteContent.getDiscoveryPage('politics'))._unsafeUnwrap();
      expect(read).toEqual(saved);
      expect(read).toMatchObject({ slug: 'politics', title: 'Politics', featuredTopicsEnabled: true, version: 2, updatedBy: 'admin', updatedAt: T0 });

      const trimmed = (await ports().unitOfWork.run((tx) => tx.siteContent.saveDiscoveryPage({ ...saved, pins: [saved.pins[1]!] })))._unsafeUnwrap();
      expect(trimmed.pins.map((pin) => pin.label)).toEqual(['All']);
      expect((await ports().siteContent.getDiscoveryPage('politics'))._unsafeUnwrap()?.pins).toHaveLength(1);
      // Pages are kept apart by slug.
      expect((await ports().siteContent.getDiscoveryPage('markets'))._unsafeUnwrap()).toBeNull();
    });
  });
}
