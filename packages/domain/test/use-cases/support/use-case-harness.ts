// Builds every use case on the in-memory ports with the default economics of docs/market-model.md#economics, plus helpers to seed
// users and markets and to check the ledger invariants of docs/market-model.md#ledger.
import type { Result } from 'neverthrow';
import { expect } from 'vitest';
import {
  adminGrantPostings,
  newAccount,
  DEFAULT_ECONOMICS,
  makeUseCases,
  STANDARD_GAME,
  userAccount,
  type EconomicsConfig,
  type GameConfig,
  type MarketRecord,
  type ModeratorStatus,
  type UseCaseDeps,
  type UseCases,
  type UserRecord,
  type UserRole,
} from '@socialpredict/domain';
import { createMemoryPorts, type MemoryPorts, type MemoryPortsOptions } from '../../../../persistence/src/memory/index.ts';

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export { DEFAULT_ECONOMICS, STANDARD_GAME };

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface HarnessOptions extends MemoryPortsOptions {
  readonly economics?: DeepPartial<EconomicsConfig>;
  readonly game?: GameConfig;
  readonly probabilityPointsMax?: number;
}

export function createHarness(options: HarnessOptions = {}) {
  const ports = createMemoryPorts(options);
  const deps: UseCaseDeps = {
    ...ports,
    economics: merge(DEFAULT_ECONOMICS, options.economics ?? {}),
    game: options.game ?? STANDARD_GAME,
    probabilityPointsMax: options.probabilityPointsMax ?? 2_000,
  };
  const useCases = makeUseCases(deps);
  return { ports, deps, ...useCases, ...seeding(ports, useCases.createMarket) };
}

export type Harness = ReturnType<typeof createHarness>;

/**
 * Rows 1–3 of the worked example (docs/market-model.md#worked-example) on a fresh market of dave's: alice NO 10, bob NO 30, carol YES 10.
 * `gap` advances the clock before (`'before'`) or after (`'after'`) each bet, or not at all.
 */
export async function seedWorkedExample(h: Harness, gap: { when: 'before' | 'after'; ms: number } | null = null) {
  for (const name of ['alice', 'bob', 'carol', 'dave']) await h.seedUser(name);
  const market = await h.seedMarket('dave');
  for (const [username, outcome, amount] of [
    ['alice', 'NO', 10],
    ['bob', 'NO', 30],
    ['carol', 'YES', 10],
  ] as const) {
    if (gap?.when === 'before') h.ports.clock.advance(gap.ms);
    (await h.placeBet({ username, marketId: market.id, outcome, amount }))._unsafeUnwrap();
    if (gap?.when === 'after') h.ports.clock.advance(gap.ms);
  }
  return market;
}

interface SeedUserOptions {
  readonly balance?: number;
  readonly role?: UserRole;
  readonly moderatorStatus?: ModeratorStatus;
  readonly password?: string;
  readonly mustChangePassword?: boolean;
}

function seeding(ports: MemoryPorts, createMarket: UseCases['createMarket']) {
  /** A user inserted through the repositories; a balance is minted as ADMIN_GRANT so the books stay closed. */
  async function seedUser(username: string, options: SeedUserOptions = {}): Promise<UserRecord> {
    const now = ports.clock.now();
    const result = await ports.unitOfWork.run((tx) =>
      tx.users
        .insert(
          newAccount(
            {
              username,
              displayName: `${username} display`,
              role: options.role ?? 'REGULAR',
              moderatorStatus: options.moderatorStatus ?? (options.role === 'MODERATOR' ? 'active' : 'none'),
              personalEmoji: '😀',
              mustChangePassword: options.mustChangePassword ?? false,
              passwordHash: `fake$p1$${options.password ?? 'Secret123'}`,
            },
            now,
          ),
        )
        .andThrough(() =>
          tx.ledger.post(adminGrantPostings(username, options.balance ?? 0), {
            occurredAt: now,
            marketId: null,
          }),
        )
        .andThen(() => tx.users.findByUsername(username)),
    );
    const user = result._unsafeUnwrap();
    if (user === null) throw new Error(`seeding ${username} failed`);
    return user;
  }

  /** A published market created through the use case, resolving in `resolvesInMs` (default a week). */
  async function seedMarket(creator: string, options: {
    resolvesInMs?: number; title?: string; description?: string,
  } = {}): Promise<MarketRecord> {
    const result = await createMarket({
      username: creator,
      questionTitle: options.title ?? 'Will it rain tomorrow?',
      description: options.description ?? '',
      resolutionDateTime: ports.clock.now() + (options.resolvesInMs ?? 7 * DAY),
    });
    return result._unsafeUnwrap();
  }

  async function balanceOf(username: string): Promise<number> {
    return (await ports.ledger.balanceOf(userAccount(username)))._unsafeUnwrap();
  }

  return { seedUser, seedMarket, balanceOf };
}

/** `'ok'` or the error code of a use-case result, for compact assertions. */
export async function codeOf<T, E extends { readonly code: string }>(result: PromiseLike<Result<T, E>>): Promise<string> {
  const settled = await result;
  return settled.isOk() ? 'ok' : settled.error.code;
}

/** docs/market-model.md#ledger invariants 1, 3, 4 plus cached balances = ledger balances (DB-7 (docs/architecture.md#db-7)). */
export async function expectBooksBalanced(ports: MemoryPorts): Promise<void> {
  const balances = ports.database.accountBalances();
  expect([...balances.values()].reduce((sum, balance) => sum + balance, 0)).toBe(0);
  const markets = (await ports.markets.list({ now: 0, limit: 1_000_000, offset: 0 }))._unsafeUnwrap().markets;
  for (const market of markets) {
    const rows = (await ports.bets.listByMarket(market.id))._unsafeUnwrap();
    const volume = rows.reduce((sum, row) => sum + row.amount, 0);
    const pool = balances.get(`pool:${market.id}`) ?? 0;
    expect(market.totals.volume).toBe(volume);
    expect(market.totals.rowCount).toBe(rows.length);
    expect(pool).toBe(market.lifecycleStatus === 'resolved' ? 0 : volume);
    expect(volume).toBeGreaterThanOrEqual(0);
  }
  for (const { username, balance } of (await ports.ledger.userBalances())._unsafeUnwrap()) {
    expect(balance).toBe(balances.get(userAccount(username)) ?? 0);
  }
}

function merge<T extends object>(base: T, override: DeepPartial<T>): T {
  return mergeObjects(base, override) as T;
}

function mergeObjects(base: object, override: object): object {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = result[key];
    const nested = typeof value === 'object' && value !== null && typeof current === 'object' && current !== null;
    result[key] = nested ? mergeObjects(current, value) : value;
  }
  return result;
}
