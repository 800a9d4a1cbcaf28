// The committed state of the in-memory adapters read back for end-of-run checks: the books' integrity and every
// stored user and market text.
import type { MemoryDatabase } from '@socialpredict/persistence/memory';

// The integrity check of the memory books lives with the memory adapters, which the simulator shares.
export { memoryIntegrity } from '@socialpredict/persistence/memory';

export interface StoredText {
  where: string;
  text: string;
  singleLine: boolean;
}

/** Every user- or market-supplied text as stored, with whether its field is single-line (docs/api.md#validation). */
export function storedTexts(database: MemoryDatabase): StoredText[] {
  const tables = database.autocommit.read();
  const users = [...tables.users.values()].flatMap((user) => [
    { where: `user ${user.username} displayName`, text: user.displayName, singleLine: true },
    { where: `user ${user.username} emoji`, text: user.personalEmoji, singleLine: true },
    { where: `user ${user.username} description`, text: user.description, singleLine: false },
    ...[user.personalLink1, user.personalLink2, user.personalLink3, user.personalLink4].map((text, index) => ({
      where: `user ${user.username} personalLink${index + 1}`,
      text,
      singleLine: true,
    })),
  ]);
  const markets = [...tables.markets.values()].flatMap((market) => [
    { where: `market ${market.id} questionTitle`, text: market.questionTitle, singleLine: true },
    { where: `market ${market.id} yesLabel`, text: market.yesLabel, singleLine: true },
    { where: `market ${market.id} noLabel`, text: market.noLabel, singleLine: true },
    { where: `market ${market.id} description`, text: market.description, singleLine: false },
  ]);
  // Site content shown as text (docs/api.md#site-content); the home page's html is allow-listed markup, not text.
  const home = [...tables.homeContent.values()].map((page) => ({ where: 'home title', text: page.title, singleLine: true }));
  const pages = [...tables.discoveryPages.values()].flatMap((page) => [
    { where: `discovery ${page.slug} title`, text: page.title, singleLine: true },
    { where: `discovery ${page.slug} description`, text: page.description, singleLine: false },
    ...page.pins.map((pin, index) => ({ where: `discovery ${page.slug} pin ${String(index)} label`, text: pin.label, singleLine: true })),
  ]);
  const share = [...tables.shareSettings.values()].flatMap((card) => [
    { where: 'share siteName', text: card.siteName, singleLine: true },
    { where: 'share defaultDescription', text: card.defaultDescription, singleLine: false },
    { where: 'share imageAlt', text: card.imageAlt, singleLine: true },
  ]);
  return [...users, ...markets, ...home, ...pages, ...share];
}
