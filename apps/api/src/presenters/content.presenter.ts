// Site content on the wire (T1-11, T1-12, T1-14): a document never saved shows the process start as `updatedAt`.
import type { Static } from '@sinclair/typebox';
import { recommendationLimit, type DiscoveryPage as StoredPage, type HomeContent, type ShareSettings } from '@socialpredict/domain';
import { isoTime } from '../schemas/common.schema.ts';
import type { DiscoveryPage, HomeContentBody, ShareSettingsBody } from '../schemas/content.schema.ts';

export function toHomeContent(home: HomeContent, bootTime: number): Static<typeof HomeContentBody> {
  return { title: home.title, format: home.format, markdown: home.markdown, html: home.html, version: home.version, updatedAt: isoTime(home.updatedAt ?? bootTime) };
}

export function toDiscoveryPage(page: StoredPage): Static<typeof DiscoveryPage> {
  const { updatedBy: _updatedBy, updatedAt, pins, ...fields } = page;
  return {
    ...fields,
    recommendationLimit: recommendationLimit(page),
    ...(updatedAt === null ? {} : { updatedAt: isoTime(updatedAt) }),
    pins: pins.map((pin) => ({
      ...(pin.id === undefined ? {} : { id: pin.id }),
      pinType: pin.pinType,
      ...(pin.marketId === null ? {} : { marketId: pin.marketId }),
      ...(pin.targetPageSlug === null ? {} : { targetPageSlug: pin.targetPageSlug }),
      label: pin.label,
      sortOrder: pin.sortOrder,
    })),
  };
}

export function toShareSettings(settings: ShareSettings, bootTime: number): Static<typeof ShareSettingsBody> {
  const { updatedBy: _updatedBy, updatedAt, ...fields } = settings;
  return { ...fields, updatedAt: isoTime(updatedAt ?? bootTime) };
}
