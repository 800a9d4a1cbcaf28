// Seeds the books through the domain's own use cases on the Drizzle adapters, so job tests start from states the
// application itself produces.
import type { ResultAsync } from 'neverthrow';
import type { EconomicsConfig, GameConfig, MarketRecord } from '@socialpredict/domain';
import { makeCreateMarket, makePlaceBet, makeRegisterUser } from '@socialpredict/domain';
import { drizzleRepositories, DrizzleUnitOfWork, type Database } from '@socialpredict/persistence';
import { FakePasswordHasher, ManualClock, SeededRandom } from '@socialpredict/persistence/memory';

export const ECONOMICS: EconomicsConfig = {
  marketcreation: {
    initialMarketProbability: 0.5,
    initialMarketSubsidization: 10,
    initialMarketYes: 0,
    initialMarketNo: 0,
    minimumFutureHours: 1,
  },
  marketincentives: {
    createMarketCost: 10,
    traderBonus: 1,
    multipleChoiceBinary: { addAnswerCost: 2, softAnswerReviewThreshold: 12, hardAnswerSafetyCap: 50 },
  },
  user: { initialAccountBalance: 1000, maximumDebtAllowed: 500 },
  betting: { minimumBet: 1, maxDustPerSale: 1, betFees: { initialBetFee: 1, buySharesFee: 0, sellSharesFee: 0 } },
};

const GAME: GameConfig = { mode: 'standard', moderation: { marketApprovalRequired: true } };

const HOUR_MS = 3600_000;

async function value<T, E>(result: ResultAsync<T, E>): Promise<T> {
  const outcome = await result;
  if (outcome.isErr()) throw new Error(`seeding failed: ${JSON.stringify(outcome.error)}`);
  return outcome.value;
}

export function booksFixture(database: Database, start = Date.UTC(2026, 0, 1)) {
  const clock = new ManualClock(start);
  const repositories = drizzleRepositories(database.db);
  const deps = {
    ...repositories,
    unitOfWork: new DrizzleUnitOfWork(database.db),
    clock,
    passwordHasher: new FakePasswordHasher(),
    random: new SeededRandom(7),
    economics: ECONOMICS,
    game: GAME,
  };
  const register = makeRegisterUser(deps);
  const create = makeCreateMarket(deps);
  const bet = makePlaceBet(deps);
  return {
    clock,
    repositories,
    reporting: { ...repositories, economics: ECONOMICS },
    createUser: (username: string) => value(register({ actor: { username: 'admin', role: 'ADMIN' }, username })),
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
