// The committed state of the in-memory adapters read back for end-of-run checks: the books handed to the domain's
// integrity check (the same pure check the PostgreSQL query feeds, VAL-4) and every stored user and market text.
import { checkIntegrity, journalLines, userAccount, type IntegrityViolation } from '@socialpredict/domain';
import type { MemoryDatabase } from '@socialpredict/persistence/memory';

export function memoryIntegrity(database: MemoryDatabase, maximumDebtAllowed: number): IntegrityViolation[] {
  const tables = database.autocommit.read();
  const users = [...tables.users.values()];
  return checkIntegrity({
    users: users.map((user) => user.username),
    markets: [...tables.markets.values()].map((market) => ({
      id: market.id,
      resolved: market.lifecycleStatus === 'resolved',
      seeds: market.seeds,
      createdAt: market.createdAt,
      resolvedAt: market.finalResolutionDateTime,
    })),
    bets: [...tables.betsByMarket.values()].flat(),
    // The memory store keeps no transaction id; each from → to entry is balanced on its own, so it stands for one.
    journal: tables.entries.flatMap((entry) => journalLines(entry.id, [entry])),
    storedBalances: new Map(users.map((user) => [userAccount(user.username), user.accountBalance])),
    maximumDebtAllowed,
  });
}

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
