// The committed state of the in-memory adapters handed to the domain's pure integrity check (VAL-4
// (docs/operations.md#val-4)): the same check the PostgreSQL query feeds, for end-of-run checks of tests and simulations.
import { checkIntegrity, journalLines, userAccount, type IntegrityViolation } from '@socialpredict/domain';
import type { MemoryDatabase } from './memory-database.ts';

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
