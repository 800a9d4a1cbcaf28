// The money use cases of the domain wired to any set of ports, with the default economics of docs/market-model.md#economics,
// plus the seeding the database tests share.
import {
  adminGrantPostings,
  newAccount,
  DEFAULT_ECONOMICS,
  HOUSE,
  makeCreateMarket,
  makePlaceBet,
  makeResolveMarket,
  makeSell,
  STANDARD_GAME,
  transfer,
  userAccount,
  type Clock,
  type EconomicsConfig,
  type MarketRecord,
  type NewUser,
  type Repositories,
  type UnitOfWork,
} from '@socialpredict/domain';

export const ECONOMICS: EconomicsConfig = DEFAULT_ECONOMICS;


export const DAY_MS = 86_400_000;

export interface MoneyPorts extends Repositories {
  readonly unitOfWork: UnitOfWork;
}

export function moneyUseCases(ports: MoneyPorts, clock: Clock, economics: EconomicsConfig = ECONOMICS) {
  const deps = { ...ports, clock, economics, game: STANDARD_GAME };
  return {
    createMarket: makeCreateMarket(deps),
    placeBet: makePlaceBet(deps),
    sell: makeSell(deps),
    resolveMarket: makeResolveMarket(deps),
  };
}

export function newUser(username: string, now: number, overrides: Partial<NewUser> = {}): NewUser {
  const basics = {
    username,
    displayName: `${username} display`,
    role: 'REGULAR',
    moderatorStatus: 'none',
    personalEmoji: '😀',
    mustChangePassword: false,
    passwordHash: `hash-of-${username}`,
  } as const;
  return { ...newAccount(basics, now), ...overrides };
}

/** A user whose starting balance is minted as ADMIN_GRANT, so the books stay closed. */
export async function seedUser(ports: MoneyPorts, username: string, balance: number, now: number): Promise<void> {
  const result = await ports.unitOfWork.run((tx) =>
    tx.users
      .insert(newUser(username, now))
      .andThen(() => tx.ledger.post(adminGrantPostings(username, balance), { occurredAt: now, marketId: null })),
  );
  if (result.isErr()) throw new Error(`seeding ${username} failed: ${result.error.message}`);
}

/** A published market created through the use case, resolving a week after `clock.now()`. */
export async function seedMarket(useCases: ReturnType<typeof moneyUseCases>, creator: string, now: number): Promise<MarketRecord> {
  const result = await useCases.createMarket({
    username: creator,
    questionTitle: `Market by ${creator}`,
    description: '',
    resolutionDateTime: now + 7 * DAY_MS,
  });
  if (result.isErr()) throw new Error(`creating a market failed: ${result.error.code}`);
  // The stored record, without the tags createMarket hands back beside it.
  const { tags: _tags, ...market } = result.value;
  return market;
}

/**
 * The unit of work with a fault inside the trade appends of the users `failing` picks: each also posts a fee from an
 * account without a user row, so the append statement fails as a whole.
 */
export function failingAppends(unitOfWork: UnitOfWork, failing: (username: string) => boolean = () => true): UnitOfWork {
  const ghostFee = transfer('BUY_FEE', userAccount('ghost'), HOUSE, 1);
  return {
    run: (work) => unitOfWork.run(work),
    trade: (marketId, username, work) =>
      unitOfWork.trade(marketId, username, (locked, tx) =>
        work(locked, {
          appendTrade: (trade) => tx.appendTrade(failing(username) ? { ...trade, entries: [...trade.entries, ...ghostFee] } : trade),
        }),
      ),
  };
}
