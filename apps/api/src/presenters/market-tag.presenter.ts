// Domain tags to the wire Tag (docs/api.md#shapes): `description` and `colorKey` are omitted when empty.
import type { Static } from '@sinclair/typebox';
import type { MarketTag } from '@socialpredict/domain';
import { isoTime } from '../schemas/common.schema.ts';
import type { AdminTag, Tag } from '../schemas/tag.schema.ts';

export function toTag(tag: MarketTag): Static<typeof Tag> {
  return {
    id: tag.id,
    slug: tag.slug,
    displayName: tag.displayName,
    ...(tag.description === '' ? {} : { description: tag.description }),
    ...(tag.colorKey === '' ? {} : { colorKey: tag.colorKey }),
    sortOrder: tag.sortOrder,
    isActive: tag.isActive,
  };
}

export function toAdminTag(tag: MarketTag): Static<typeof AdminTag> {
  return { ...toTag(tag), createdBy: tag.createdBy, createdAt: isoTime(tag.createdAt), updatedAt: isoTime(tag.updatedAt) };
}

/** The `tags` key of a market shape: present only when the market carries tags. */
export function tagsKey(tags: readonly MarketTag[]): { tags?: Static<typeof Tag>[] } {
  return tags.length === 0 ? {} : { tags: tags.map(toTag) };
}
