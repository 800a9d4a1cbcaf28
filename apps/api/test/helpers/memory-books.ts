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
  return [...users, ...markets];
}
