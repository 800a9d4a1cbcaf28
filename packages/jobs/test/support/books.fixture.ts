// Seeds the books through the domain's own use cases on the Drizzle adapters, so job tests start from states the
// application itself produces.
import type { ResultAsync } from 'neverthrow';
import type { EconomicsConfig, MarketRecord } from '@socialpredict/domain';
import { DEFAULT_ECONOMICS, makeCreateMarket, makePlaceBet, makeRegisterUser, STANDARD_GAME } from '@socialpredict/domain';
import { drizzleRepositories, DrizzleUnitOfWork, type Database } from '@socialpredict/persistence';
import { FakePasswordHasher, ManualClock, SeededRandom } from '@socialpredict/adapters/fakes';

// Every user starts with credit, so the seeded trades never meet the debt rule.
export const ECONOMICS: EconomicsConfig = { ...DEFAULT_ECONOMICS, user: { ...DEFAULT_ECONOMICS.user, initialAccountBalance: 1000 } };


const HOUR_MS = 3600_000;

async function value<T, E>(result: ResultAsync<T, E>): Promise<T> {
  const outcome = await result;
  if (outcome.isErr()) throw new Error(`seeding failed: ${JSON.stringify(outcome.error)}`);
  return outcome.value;
}

export function booksFixture(database: Database, start = Date.UTC(2026, 0, 1)) {
  const clock = new ManualClock(start);
  const repositories = drizzleRepositories(database);
  const deps = {
    ...repositories,
    unitOfWork: new DrizzleUnitOfWork(database),
    clock,
    passwordHasher: new FakePasswordHasher(),
    random: new SeededRandom(7),
    economics: ECONOMICS,
    game: STANDARD_GAME,
  };
  const register = makeRegisterUser(deps);
  const create = makeCreateMarket(deps);
  const bet = makePlaceBet(deps);
  return {
    clock,
    repositories,
    reporting: { ...repositories, economics: ECONOMICS },
    createUser: (username: string) => value(register({ actor: { kind: 'user', username: 'admin', role: 'ADMIN' }, username })),
    createMarket: (username: string, resolvesInHours: number): Promise<MarketRecord> =>
      value(
        create({
          username,
          questionTitle: `Will ${username} win?`,
          description: '',
          resolutionDateTime: clock.now() + resolvesInHours * HOUR_MS,
        }),
      ),
    bet: (username: string, marketId: number, outcome: 'YES' | 'NO', amount: number) =>
      value(bet({ username, marketId, outcome, amount })),
  };
}

export const HOUR = HOUR_MS;
