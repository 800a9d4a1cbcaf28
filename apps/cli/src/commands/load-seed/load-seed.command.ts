// `pnpm cli load-seed` (TST-6): fixtures for the bench scripts: users and moderators sharing one known password,
// markets (the first ones "hot"), optional trades, and users.csv / markets.csv describing them. Accounts and markets
// go through the use cases; trades are decided with placeBet's own pure steps and written in batches through the
// ledger (docs/performance.md#fixture-loader), so 260 000 of them take seconds and the books stay sound. Refused unless LOAD_TEST_ENABLED=true, and
// always refused under APP_ENV=production.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  betPostings,
  buyCost,
  checkTradable,
  GLOBAL_READ_MODEL_KINDS,
  guardAppend,
  makeCreateMarket,
  makeCreateMarketTag,
  makeProvisionAccount,
  nextPlacedAt,
  OPERATOR,
  totalsAfter,
  withinDebtLimit,
  type MarketRecord,
  type MarketTotals,
  type TradeAppend,
  type UseCaseDeps,
  type UserRole,
} from '@socialpredict/domain';
import { appendTradesInBulk, migrate, readBalances, type Database } from '@socialpredict/persistence';
import { CommandFailure, EXIT, UsageError, type CommandContext, type CommandDefinition, type OptionValues } from '../../command.ts';
import { startProgress, type Progress } from '@socialpredict/adapters/progress';
import { succeeded, useCaseFailure } from '../../use-case-failure.ts';

/** Shared by every load-test account; it passes the password policy so logins behave as in production. */
export const LOAD_PASSWORD = 'LoadTest2026';
/** Credits granted to each load-test account on top of the initial balance, so traders never hit the debt limit. */
export const LOAD_GRANT = 100_000;
/** The tag of every other seeded market: its topic page is `/v0/read/market-discovery/load-topic`. */
export const LOAD_TOPIC = 'load-topic';
const MARKET_LIFETIME_MS = 30 * 24 * 3600_000;
/** Share of the trades that go to the hot markets. */
const HOT_SHARE = 0.8;
/** Trades per transaction: large enough to amortise the round trips, small enough to keep each JSON parameter modest. */
const TRADE_BATCH = 5_000;

export interface LoadSeedPlan {
  users: number;
  moderators: number;
  markets: number;
  hotMarkets: number;
  bets: number;
}

export interface LoadSeedResult {
  users: { username: string; role: UserRole }[];
  markets: { id: number; title: string; hot: boolean }[];
  bets: number;
}

/** Where the decided trades go: the bulk writer of the persistence package (or a test double). */
export interface FixtureTrades {
  balances(usernames: readonly string[]): Promise<Map<string, number>>;
  /** one transaction per call, all or nothing */
  write(trades: readonly TradeAppend[]): Promise<void>;
}

export function databaseTrades(database: Database): FixtureTrades {
  return { balances: (usernames) => readBalances(database, usernames), write: (trades) => appendTradesInBulk(database, trades) };
}

interface SeededMarket {
  id: number;
  title: string;
  hot: boolean;
  record: MarketRecord;
  /** the running totals after the trades decided so far */
  totals: MarketTotals;
}

type LoadSeedDeps = Pick<UseCaseDeps, 'users' | 'marketTags' | 'unitOfWork' | 'clock' | 'passwordHasher' | 'random' | 'economics' | 'game'>;

function count(options: OptionValues, name: string, fallback: number): number {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw new UsageError(`--${name} must be a whole number ≥ 0`);
  return value;
}

export function loadSeedPlan(options: OptionValues): LoadSeedPlan {
  const plan = {
    users: count(options, 'users', 1000),
    moderators: count(options, 'moderators', 10),
    markets: count(options, 'markets', 20),
    hotMarkets: count(options, 'hot-markets', 2),
    bets: count(options, 'bets', 0),
  };
  if (plan.hotMarkets > plan.markets) throw new UsageError('--hot-markets cannot exceed --markets');
  if (plan.markets > 0 && plan.moderators === 0) throw new UsageError('markets need at least one moderator to create them');
  if (plan.bets > 0 && (plan.users === 0 || plan.markets === 0)) throw new UsageError('trades need users and markets');
  return plan;
}

/** One progress display per phase (accounts, markets, trades): a thousand accounts take tens of seconds. */
export async function loadSeed(
  deps: LoadSeedDeps,
  plan: LoadSeedPlan,
  track: (label: string, total: number) => Progress,
  trades: FixtureTrades,
): Promise<LoadSeedResult> {
  const hashed = await deps.passwordHasher.hash(LOAD_PASSWORD);
  if (hashed.isErr()) throw useCaseFailure(hashed.error);
  const users: LoadSeedResult['users'] = [];
  for (let i = 1; i <= plan.moderators; i += 1) users.push({ username: `loadmod${String(i).padStart(3, '0')}`, role: 'MODERATOR' });
  for (let i = 1; i <= plan.users; i += 1) users.push({ username: `loaduser${String(i).padStart(5, '0')}`, role: 'REGULAR' });
  // An existing account is left as it is; a new one gets the initial balance and the load grant.
  const provisionAccount = makeProvisionAccount(deps);
  const accounts = track('Seeding accounts', users.length);
  for (const { username, role } of users) {
    const moderatorStatus = role === 'MODERATOR' ? 'active' : 'none';
    const account = { username, displayName: username, role, moderatorStatus, personalEmoji: '🙂', mustChangePassword: false, passwordHash: hashed.value } as const;
    await succeeded(provisionAccount({ actor: OPERATOR, account, whenExists: 'keep', grant: LOAD_GRANT }));
    accounts.tick();
  }
  accounts.finish();

  // Every other market carries one tag, so the site-mix scenario has a topic page to read (docs/performance.md#bench-load).
  const tagged = await deps.marketTags.findBySlugs([LOAD_TOPIC]);
  if (tagged.isErr()) throw useCaseFailure(tagged.error);
  if (tagged.value.length === 0 && plan.markets > 1) {
    const created = await makeCreateMarketTag(deps)({ actor: OPERATOR, slug: LOAD_TOPIC, displayName: 'Load topic', isActive: true });
    if (created.isErr()) throw useCaseFailure(created.error);
  }
  const createMarket = makeCreateMarket(deps);
  const createdMarkets: SeededMarket[] = [];
  const creating = track('Creating markets', plan.markets);
  for (let i = 0; i < plan.markets; i += 1) {
    const creator = users[i % plan.moderators]!.username;
    const title = `Load market ${i + 1}${i < plan.hotMarkets ? ' (hot)' : ''}`;
    const created = await createMarket({
      username: creator,
      questionTitle: title,
      description: '',
      resolutionDateTime: deps.clock.now() + MARKET_LIFETIME_MS,
      tagSlugs: i % 2 === 1 ? [LOAD_TOPIC] : [],
    });
    if (created.isErr()) throw useCaseFailure(created.error);
    createdMarkets.push({ id: created.value.id, title, hot: i < plan.hotMarkets, record: created.value, totals: created.value.totals });
    creating.tick();
  }
  creating.finish();

  const traders = users.filter((user) => user.role === 'REGULAR');
  const hot = createdMarkets.filter((market) => market.hot);
  const cold = createdMarkets.filter((market) => !market.hot);
  const pick = <T>(items: readonly T[]): T => items[deps.random.int(items.length)]!;
  const balances = plan.bets > 0 ? await trades.balances(traders.map((trader) => trader.username)) : new Map<string, number>();
  const traded = new Set<string>();
  const { betFees } = deps.economics.betting;
  const { maximumDebtAllowed } = deps.economics.user;
  const trading = track('Placing trades', plan.bets);
  let batch: TradeAppend[] = [];
  for (let i = 0; i < plan.bets; i += 1) {
    const onHot = hot.length > 0 && (cold.length === 0 || deps.random.int(100) < HOT_SHARE * 100);
    const market = pick(onHot ? hot : cold);
    const username = pick(traders).username;
    const outcome = deps.random.int(2) === 0 ? 'YES' : 'NO';
    const amount = 1 + deps.random.int(20);
    // placeBet's decision, step for step, on the state the previous fixture trades left (docs/performance.md#fixture-loader).
    const now = deps.clock.now();
    const tradable = checkTradable(market.record, now);
    if (tradable.isErr()) throw useCaseFailure(tradable.error);
    const key = `${market.id}:${username}`;
    const cost = buyCost(traded.has(key), amount, betFees);
    const balance = balances.get(username) ?? 0;
    if (!withinDebtLimit(balance, cost.totalCost, maximumDebtAllowed)) throw new CommandFailure(`${username} ran out of credits; seed fewer trades`);
    const guarded = guardAppend(market.record.seeds, market.totals, { outcome, amount });
    if (guarded.isErr()) throw useCaseFailure(guarded.error);
    const row = { marketId: market.id, username, outcome, amount, shares: null, dust: null, placedAt: nextPlacedAt(market.totals, now) } as const;
    market.totals = totalsAfter(market.totals, row, !traded.has(key));
    batch.push({ row, entries: betPostings(market.id, username, cost), totals: market.totals, at: now });
    balances.set(username, balance - cost.totalCost);
    traded.add(key);
    if (batch.length === TRADE_BATCH) {
      await trades.write(batch);
      trading.tick(batch.length);
      batch = [];
    }
  }
  await trades.write(batch);
  trading.tick(batch.length);
  trading.finish();
  const markets = createdMarkets.map(({ id, title, hot: isHot }) => ({ id, title, hot: isHot }));
  return { users, markets, bets: plan.bets };
}

async function writeCsv(folder: string, result: LoadSeedResult): Promise<{ users: string; markets: string }> {
  await mkdir(folder, { recursive: true });
  const users = join(folder, 'users.csv');
  const markets = join(folder, 'markets.csv');
  await writeFile(users, ['username,password,role', ...result.users.map((user) => `${user.username},${LOAD_PASSWORD},${user.role}`)].join('\n') + '\n');
  // Titles are generated here and contain no commas or quotes.
  await writeFile(markets, ['id,title,hot', ...result.markets.map((market) => `${market.id},${market.title},${market.hot}`)].join('\n') + '\n');
  return { users, markets };
}

/** --reset: an empty schema, migrated again, before seeding. */
async function resetDatabase(database: Database): Promise<void> {
  const session = await database.reserve();
  try {
    await session.script(
      'DROP SCHEMA IF EXISTS pgboss CASCADE; DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;',
    );
  } finally {
    await session.release();
  }
  const migrated = await migrate(database);
  if (migrated.isErr()) throw new CommandFailure(`migrating the reset database failed: ${migrated.error.message}`);
}

function refuseOutsideLoadTests(context: CommandContext): void {
  const { appEnv, process: processConfig } = context.config;
  if (appEnv === 'production') throw new CommandFailure('load-seed refuses to run with APP_ENV=production', EXIT.config);
  if (!processConfig.loadTestEnabled) throw new CommandFailure('load-seed needs LOAD_TEST_ENABLED=true', EXIT.config);
}

export const loadSeedCommand: CommandDefinition = {
  name: 'load-seed',
  summary: 'Seed bench fixtures and write users.csv / markets.csv (needs LOAD_TEST_ENABLED=true; never in production).',
  usage: '[--users 1000] [--moderators 10] [--markets 20] [--hot-markets 2] [--bets 0] [--reset] [--out data/load-seed]',
  options: {
    users: { type: 'string' },
    moderators: { type: 'string' },
    markets: { type: 'string' },
    'hot-markets': { type: 'string' },
    bets: { type: 'string' },
    reset: { type: 'boolean' },
    out: { type: 'string' },
  },
  run: async (context, options) => {
    refuseOutsideLoadTests(context);
    const plan = loadSeedPlan(options);
    const started = Date.now();
    // The reset goes through the runtime's own connection: a second one would be refused on PGlite (DB-2).
    const runtime = await context.runtime();
    if (options.reset === true) await resetDatabase(runtime.database);
    const result = await loadSeed(runtime.deps, plan, (label, total) => startProgress(context.io, label, total), databaseTrades(runtime.database));
    // The seed runs the plain use cases (a follow-up per write would only repeat itself) and marks once here.
    const marked = await runtime.followUps.markStale(GLOBAL_READ_MODEL_KINDS);
    if (marked.isErr()) {
      (await context.logger()).warn({ event: 'write.follow_up_failed', useCase: 'loadSeed', step: 'mark_stale', err: marked.error }, 'could not mark the global read models stale');
    }
    const files = await writeCsv(resolve(typeof options.out === 'string' ? options.out : 'data/load-seed'), result);
    context.io.out(
      `Seeded ${result.users.length} accounts, ${result.markets.length} markets (${plan.hotMarkets} hot) and ${result.bets} trades in ${Date.now() - started} ms.`,
    );
    context.io.out(`Wrote ${files.users} and ${files.markets}.`);
    return 0;
  },
};
