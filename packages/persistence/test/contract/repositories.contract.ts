// The one contract of the persistence ports (DB-2, DB-5): every expectation here holds for the in-memory fakes, for
// PGlite and for PostgreSQL. Each target's test file calls `describeRepositoryContract` once.
import { randomUUID } from 'node:crypto';
import { errAsync, okAsync } from 'neverthrow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  adminGrantPostings,
  betPostings,
  ENTRY_KINDS,
  HOUSE,
  MINT,
  poolAccount,
  STALE_MARK_WINDOW_MS,
  transfer,
  userAccount,
  type AuditEntry,
  type IdempotencyClaim,
  type MarketRecord,
  type NewMarket,
  type TradeAppend,
  type UnitOfWork,
} from '@socialpredict/domain';
import { ManualClock } from '@socialpredict/adapters/fakes';
import type { ContractPorts, ContractTarget } from '../support/contract.targets.ts';
import { describeSiteSettingsContract } from './site-settings.contract.ts';
import { describeStewardshipAuditContract } from './stewardship-audit.contract.ts';
import { describeMarketTagsContract } from './market-tags.contract.ts';
import { describeSiteContentContract } from './site-content.contract.ts';
import { describeDescriptionAmendmentsContract } from './description-amendments.contract.ts';
import { describeMarketGroupsContract } from './market-groups.contract.ts';
import { DAY_MS, failingAppends, moneyUseCases, newUser, seedMarket, seedUser } from '../support/money-use-cases.ts';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 123);

function newMarket(creator: string, overrides: Partial<NewMarket> = {}): NewMarket {
  return {
    questionTitle: 'Will it rain?',
    description: 'Rain in Paris',
    outcomeType: 'BINARY',
    yesLabel: 'YES',
    noLabel: 'NO',
    creatorUsername: creator,
    stewardUsername: creator,
    lifecycleStatus: 'published',
    resolutionDateTime: T0 + 7 * DAY_MS,
    finalResolutionDateTime: null,
    resolutionResult: null,
    utcOffset: -60,
    // 0.1 + 0.2 has no short decimal form: the double must survive the round trip bit for bit.
    seeds: { initialProbability: 0.1 + 0.2, initialSubsidization: 10, initialYes: 0, initialNo: 0 },
    creationCost: 10,
    totals: { yes: 0, no: 0, volume: 0, dust: 0, rowCount: 0, traderCount: 0, lastPlacedAt: null },
    approvedBy: null,
    approvedAt: null,
    rejectedBy: null,
    rejectedAt: null,
    rejectionReason: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function describeRepositoryContract(target: ContractTarget): void {
  describe(`repository contract: ${target.name}`, () => {
    let ports: ContractPorts;
    beforeAll(() => target.open());
    afterAll(() => target.close());
    beforeEach(async () => {
      ports = await target.fresh();
    });

    const insertUser = async (username: string, overrides = {}) =>
      (await ports.unitOfWork.run((tx) => tx.users.insert(newUser(username, T0, overrides))))._unsafeUnwrap();
    const insertMarket = async (market: NewMarket) =>
      (await ports.unitOfWork.run((tx) => tx.markets.insert(market)))._unsafeUnwrap();

    describe('users', () => {
      it('inserts a user at balance 0 and reads every field back', async () => {
        const inserted = await insertUser('alice', {
          role: 'MODERATOR',
          moderatorStatus: 'active',
          personalEmoji: '🦊',
          description: 'Ünïcödé and "quotes"',
          personalLink1: 'https://example.org/a',
          email: 'alice@example.org',
          mustChangePassword: true,
          passwordVersion: 3,
        });
        expect(inserted).toEqual({ ...newUser('alice', T0), role: 'MODERATOR', moderatorStatus: 'active', personalEmoji: '🦊', description: 'Ünïcödé and "quotes"', personalLink1: 'https://example.org/a', email: 'alice@example.org', mustChangePassword: true, passwordVersion: 3, id: inserted.id, accountBalance: 0, moderatorSuspensionReason: null, moderatorSuspendedBy: null, moderatorSuspendedAt: null });
        expect((await ports.users.findByUsername('alice'))._unsafeUnwrap()).toEqual(inserted);
        expect((await ports.users.findByUsername('nobody'))._unsafeUnwrap()).toBeNull();
      });

      it('reports a duplicate username or display name as UNIQUE_VIOLATION with its field and constraint', async () => {
        await insertUser('alice');
        const sameName = await ports.unitOfWork.run((tx) => tx.users.insert(newUser('alice', T0, { displayName: 'other' })));
        expect(sameName._unsafeUnwrapErr()).toMatchObject({
          code: 'INFRASTRUCTURE_ERROR',
          kind: 'UNIQUE_VIOLATION',
          field: 'username',
          constraint: 'users_username_unique',
        });
        const sameDisplay = await ports.unitOfWork.run((tx) => tx.users.insert(newUser('bob', T0, { displayName: 'alice display' })));
        expect(sameDisplay._unsafeUnwrapErr()).toMatchObject({ kind: 'UNIQUE_VIOLATION', field: 'displayName', constraint: 'users_display_name_unique' });
        expect((await ports.users.count())._unsafeUnwrap()).toBe(1);
      });

      it('finds several users in ascending username order, skipping unknown ones', async () => {
        for (const name of ['carol', 'alice', 'bob']) await insertUser(name);
        const found = (await ports.users.findByUsernames(['carol', 'zed', 'alice', 'carol']))._unsafeUnwrap();
        expect(found.map((user) => user.username)).toEqual(['alice', 'carol']);
        expect((await ports.users.findByUsernames([]))._unsafeUnwrap()).toEqual([]);
      });

      it('tells whether a display name is taken by someone else', async () => {
        await insertUser('alice');
        expect((await ports.users.isDisplayNameTaken('alice display'))._unsafeUnwrap()).toBe(true);
        expect((await ports.users.isDisplayNameTaken('alice display', 'alice'))._unsafeUnwrap()).toBe(false);
        expect((await ports.users.isDisplayNameTaken('free'))._unsafeUnwrap()).toBe(false);
      });

      it('compares display names by the domain key: NFKC and case folding', async () => {
        await insertUser('alice');
        for (const spelling of ['ALICE DISPLAY', 'Alice Display', 'ａｌｉｃｅ ｄｉｓｐｌａｙ', 'ＡＬＩＣＥ DISPLAY']) {
          expect((await ports.users.isDisplayNameTaken(spelling))._unsafeUnwrap(), spelling).toBe(true);
          expect((await ports.users.isDisplayNameTaken(spelling, 'alice'))._unsafeUnwrap(), spelling).toBe(false);
        }
        expect((await ports.users.isDisplayNameTaken('alice displays'))._unsafeUnwrap()).toBe(false);
      });

      it('updates the given fields only, and refuses a display name held by another user', async () => {
        await insertUser('alice');
        await insertUser('bob');
        const updated = (await ports.users.update('alice', { description: 'new', passwordVersion: 2, updatedAt: T0 + 5 }))._unsafeUnwrap();
        expect(updated).toMatchObject({ username: 'alice', description: 'new', passwordVersion: 2, updatedAt: T0 + 5, displayName: 'alice display' });
        expect((await ports.users.findByUsername('alice'))._unsafeUnwrap()).toEqual(updated);
        expect((await ports.users.update('nobody', { updatedAt: T0 }))._unsafeUnwrap()).toBeNull();
        const clash = await ports.users.update('bob', { displayName: 'alice display', updatedAt: T0 });
        expect(clash._unsafeUnwrapErr()).toMatchObject({ kind: 'UNIQUE_VIOLATION', field: 'displayName' });
      });

      it('counts users, all or by role', async () => {
        await insertUser('admin', { role: 'ADMIN' });
        await insertUser('alice');
        await insertUser('bob');
        expect((await ports.users.count())._unsafeUnwrap()).toBe(3);
        expect((await ports.users.count('REGULAR'))._unsafeUnwrap()).toBe(2);
        expect((await ports.users.count('MODERATOR'))._unsafeUnwrap()).toBe(0);
      });

      it('stores and clears a moderator suspension (who, why, when)', async () => {
        await insertUser('mona', { role: 'MODERATOR', moderatorStatus: 'active' });
        const suspension = { moderatorSuspensionReason: 'spam "reviews"', moderatorSuspendedBy: 'admin', moderatorSuspendedAt: T0 + 7 };
        const suspended = (await ports.users.update('mona', { moderatorStatus: 'suspended', ...suspension, updatedAt: T0 + 7 }))._unsafeUnwrap();
        expect(suspended).toMatchObject({ moderatorStatus: 'suspended', ...suspension });
        expect((await ports.users.findByUsername('mona'))._unsafeUnwrap()).toEqual(suspended);
        const cleared = { moderatorSuspensionReason: null, moderatorSuspendedBy: null, moderatorSuspendedAt: null };
        const reinstated = (await ports.users.update('mona', { moderatorStatus: 'active', ...cleared, updatedAt: T0 + 8 }))._unsafeUnwrap();
        expect(reinstated).toMatchObject({ moderatorStatus: 'active', ...cleared });
      });

      it('lists users by role and by a case-insensitive search of username or display name, in username order, with the total', async () => {
        await insertUser('zoe', { displayName: 'Zoë the Bold' });
        await insertUser('admin', { role: 'ADMIN', displayName: 'Administrator' });
        await insertUser('mona', { role: 'MODERATOR', moderatorStatus: 'active', displayName: 'Mona 100%' });
        await insertUser('bob', { displayName: 'Robert_x' });
        await insertUser('alice');
        const list = async (query: Parameters<typeof ports.users.list>[0]) => {
          const page = (await ports.users.list(query))._unsafeUnwrap();
          return { usernames: page.users.map((user) => user.username), total: page.total };
        };
        expect(await list({ limit: 10, offset: 0 })).toEqual({ usernames: ['admin', 'alice', 'bob', 'mona', 'zoe'], total: 5 });
        expect(await list({ limit: 2, offset: 1 })).toEqual({ usernames: ['alice', 'bob'], total: 5 });
        expect(await list({ limit: 2, offset: 9 })).toEqual({ usernames: [], total: 5 });
        expect(await list({ role: 'REGULAR', limit: 10, offset: 0 })).toEqual({ usernames: ['alice', 'bob', 'zoe'], total: 3 });
        expect(await list({ role: 'MODERATOR', limit: 10, offset: 0 })).toEqual({ usernames: ['mona'], total: 1 });
        // The username or the display name, any case; LIKE wildcards are plain characters.
        expect(await list({ query: 'BOLD', limit: 10, offset: 0 })).toEqual({ usernames: ['zoe'], total: 1 });
        expect(await list({ query: 'o', limit: 1, offset: 0 })).toEqual({ usernames: ['admin'], total: 4 });
        expect(await list({ query: 'o', role: 'REGULAR', limit: 10, offset: 0 })).toEqual({ usernames: ['bob', 'zoe'], total: 2 });
        expect(await list({ query: '0%', limit: 10, offset: 0 })).toEqual({ usernames: ['mona'], total: 1 });
        expect(await list({ query: '_', limit: 10, offset: 0 })).toEqual({ usernames: ['bob'], total: 1 });
        expect(await list({ query: 'nobody', limit: 10, offset: 0 })).toEqual({ usernames: [], total: 0 });
      });
    });

    describe('markets', () => {
      beforeEach(async () => {
        await insertUser('alice');
        await insertUser('bob');
      });

      it('inserts a market and reads seeds, totals and dates back exactly', async () => {
        const inserted = await insertMarket(newMarket('alice'));
        expect(inserted).toEqual({ ...newMarket('alice'), id: inserted.id });
        expect(inserted.seeds.initialProbability).toBe(0.30000000000000004);
        expect((await ports.markets.findById(inserted.id))._unsafeUnwrap()).toEqual(inserted);
        expect((await ports.markets.findById(inserted.id + 100))._unsafeUnwrap()).toBeNull();
      });

      it('applies a patch, totals included, and reports an unknown market as null', async () => {
        const market = await insertMarket(newMarket('alice'));
        const totals = { yes: 30, no: -5, volume: 25, dust: 1, rowCount: 3, traderCount: 2, lastPlacedAt: T0 + 999 };
        const patch = { lifecycleStatus: 'resolved', resolutionResult: 'N/A', finalResolutionDateTime: T0 + 1_000, totals, stewardUsername: 'bob', updatedAt: T0 + 1_000 } as const;
        const updated = (await ports.markets.update(market.id, patch))._unsafeUnwrap();
        expect(updated).toEqual({ ...market, ...patch });
        expect((await ports.markets.findById(market.id))._unsafeUnwrap()).toEqual(updated);
        expect((await ports.markets.update(market.id + 100, { updatedAt: T0 }))._unsafeUnwrap()).toBeNull();
      });

      it('finds markets by ids and by involvement, in ascending id order', async () => {
        const first = await insertMarket(newMarket('alice'));
        const second = await insertMarket(newMarket('bob', { stewardUsername: 'alice' }));
        const third = await insertMarket(newMarket('bob'));
        const byIds = (await ports.markets.findByIds([third.id, first.id, 9_999]))._unsafeUnwrap();
        expect(byIds.map((m) => m.id)).toEqual([first.id, third.id]);
        expect((await ports.markets.findByIds([]))._unsafeUnwrap()).toEqual([]);
        const involving = (await ports.markets.findInvolving('alice'))._unsafeUnwrap();
        expect(involving.map((m) => m.id)).toEqual([first.id, second.id]);
      });

      describe('list', () => {
        let markets: Record<string, MarketRecord>;
        beforeEach(async () => {
          markets = {
            active: await insertMarket(newMarket('alice', { questionTitle: 'Rain 100% sure?', createdAt: T0 + 1 })),
            expired: await insertMarket(newMarket('alice', { resolutionDateTime: T0 - 1, createdAt: T0 + 2 })),
            closed: await insertMarket(newMarket('bob', { lifecycleStatus: 'closed', createdAt: T0 + 3 })),
            resolved: await insertMarket(
              newMarket('bob', { lifecycleStatus: 'resolved', resolutionResult: 'YES', finalResolutionDateTime: T0, description: 'snow_fall', createdAt: T0 + 3 }),
            ),
            proposed: await insertMarket(newMarket('bob', { lifecycleStatus: 'proposed', stewardUsername: 'alice', createdAt: T0 })),
          };
        });
        const list = async (query: Partial<Parameters<ContractPorts['markets']['list']>[0]> = {}) => {
          const page = (await ports.markets.list({ now: T0, limit: 100, offset: 0, ...query }))._unsafeUnwrap();
          return { ids: page.markets.map((m) => m.id), total: page.total };
        };

        const id = (key: string) => markets[key]!.id;

        it('orders newest first (createdAt, then id) and counts past limit and offset', async () => {
          expect(await list()).toEqual({ ids: ['resolved', 'closed', 'expired', 'active', 'proposed'].map(id), total: 5 });
          expect(await list({ limit: 2, offset: 1 })).toEqual({ ids: [id('closed'), id('expired')], total: 5 });
          expect(await list({ offset: 10 })).toEqual({ ids: [], total: 5 });
        });

        it('filters by derived status at `now`, by lifecycle, creator and steward', async () => {
          expect(await list({ status: 'active' })).toEqual({ ids: [id('active')], total: 1 });
          expect(await list({ status: 'closed' })).toEqual({ ids: [id('closed'), id('expired')], total: 2 });
          expect(await list({ status: 'closed', now: T0 - 10 })).toEqual({ ids: [id('closed')], total: 1 });
          expect(await list({ status: 'resolved' })).toEqual({ ids: [id('resolved')], total: 1 });
          expect(await list({ status: 'proposed' })).toEqual({ ids: [id('proposed')], total: 1 });
          expect(await list({ lifecycleIn: ['closed', 'resolved'] })).toEqual({ ids: [id('resolved'), id('closed')], total: 2 });
          expect(await list({ createdBy: 'alice' })).toEqual({ ids: [id('expired'), id('active')], total: 2 });
          expect(await list({ stewardedBy: 'alice' })).toEqual({ ids: [id('expired'), id('active'), id('proposed')], total: 3 });
        });

        it('matches text literally and case-insensitively in title or description, and excludes ids', async () => {
          expect(await list({ text: 'rain 100%' })).toEqual({ ids: [id('active')], total: 1 });
          expect(await list({ text: '%' })).toEqual({ ids: [id('active')], total: 1 });
          expect(await list({ text: 'SNOW_' })).toEqual({ ids: [id('resolved')], total: 1 });
          // As LIKE patterns these would match 'snow_fall'; matched literally they do not.
          expect(await list({ text: 'sno_' })).toEqual({ ids: [], total: 0 });
          expect(await list({ text: 'snow%' })).toEqual({ ids: [], total: 0 });
          expect(await list({ excludeIds: [id('resolved'), id('closed')], createdBy: 'bob' })).toEqual({ ids: [id('proposed')], total: 1 });
        });
      });
    });

    describe('bets', () => {
      let market: MarketRecord;
      let other: MarketRecord;
      beforeEach(async () => {
        for (const name of ['alice', 'bob', 'carol']) await insertUser(name);
        market = await insertMarket(newMarket('alice'));
        other = await insertMarket(newMarket('bob'));
      });
      const insertBet = async (row: Parameters<ContractPorts['bets']['insert']>[0]) =>
        (await ports.unitOfWork.run((tx) => tx.bets.insert(row)))._unsafeUnwrap();

      it('assigns increasing ids and lists a market in canonical order (placedAt, then id)', async () => {
        const late = await insertBet({ marketId: market.id, username: 'alice', outcome: 'YES', amount: 10, shares: null, dust: null, placedAt: T0 + 20 });
        const early = await insertBet({ marketId: market.id, username: 'bob', outcome: 'NO', amount: 5, shares: null, dust: null, placedAt: T0 + 10 });
        const tie = await insertBet({ marketId: market.id, username: 'alice', outcome: 'YES', amount: -4, shares: 3, dust: 1, placedAt: T0 + 20 });
        expect(early.id).toBeGreaterThan(late.id);
        expect(tie).toEqual({ id: tie.id, marketId: market.id, username: 'alice', outcome: 'YES', amount: -4, shares: 3, dust: 1, placedAt: T0 + 20 });
        const rows = (await ports.bets.listByMarket(market.id))._unsafeUnwrap();
        expect(rows).toEqual([early, late, tie]);
        expect((await ports.bets.listByMarket(other.id))._unsafeUnwrap()).toEqual([]);
        // The rows after an id, still in canonical order: what extends a cached history.
        expect((await ports.bets.listByMarketAfter(market.id, late.id))._unsafeUnwrap()).toEqual([early, tie]);
        expect((await ports.bets.listByMarketAfter(market.id, tie.id))._unsafeUnwrap()).toEqual([]);
        expect((await ports.bets.listByMarketAfter(other.id, 0))._unsafeUnwrap()).toEqual([]);
      });

      it('answers the per-user and per-market questions of the use cases', async () => {
        await insertBet({ marketId: market.id, username: 'alice', outcome: 'YES', amount: 10, shares: null, dust: null, placedAt: T0 });
        await insertBet({ marketId: market.id, username: 'bob', outcome: 'NO', amount: 5, shares: null, dust: null, placedAt: T0 + 1 });
        await insertBet({ marketId: market.id, username: 'alice', outcome: 'NO', amount: 2, shares: null, dust: null, placedAt: T0 + 2 });
        const empty = await insertMarket(newMarket('carol'));
        const third = await insertMarket(newMarket('carol'));
        const last = await insertBet({ marketId: third.id, username: 'bob', outcome: 'YES', amount: 1, shares: null, dust: null, placedAt: T0 + 3 });

        expect((await ports.bets.marketIdsByUser('bob'))._unsafeUnwrap()).toEqual([market.id, third.id]);
        expect((await ports.bets.marketIdsByUser('carol'))._unsafeUnwrap()).toEqual([]);
        expect((await ports.bets.marketIdsWithRows())._unsafeUnwrap()).toEqual([market.id, third.id]);
        const byMarket = (await ports.bets.listByMarkets([third.id, empty.id, market.id]))._unsafeUnwrap();
        expect([...byMarket.keys()].sort((a, b) => a - b)).toEqual([market.id, third.id]);
        expect(byMarket.get(third.id)).toEqual([last]);
        expect(byMarket.get(market.id)).toEqual((await ports.bets.listByMarket(market.id))._unsafeUnwrap());
        expect((await ports.bets.listByMarkets([]))._unsafeUnwrap().size).toBe(0);
      });
    });

    describe('ledger', () => {
      let market: MarketRecord;
      beforeEach(async () => {
        for (const name of ['alice', 'bob', 'carol']) await insertUser(name);
        market = await insertMarket(newMarket('alice'));
      });
      const post = (entries: ReturnType<typeof transfer>, marketId: number | null = null) =>
        ports.unitOfWork.run((tx) => tx.ledger.post(entries, { occurredAt: T0, marketId }));

      it('moves balances between accounts and the cached user balances with them', async () => {
        const pool = poolAccount(market.id);
        (await post(adminGrantPostings('alice', 100)))._unsafeUnwrap();
        (await post(betPostings(market.id, 'alice', { amount: 40, initialFee: 1, transactionFee: 0 }), market.id))._unsafeUnwrap();
        // A negative REFUND is a debit of the user (an N/A resolution): transfer reverses it.
        (await post(transfer('REFUND', pool, userAccount('bob'), -7), market.id))._unsafeUnwrap();
        (await post([], market.id))._unsafeUnwrap();

        const balance = async (account: Parameters<ContractPorts['ledger']['balanceOf']>[0]) => (await ports.ledger.balanceOf(account))._unsafeUnwrap();
        expect(await balance(userAccount('alice'))).toBe(59);
        expect(await balance(userAccount('bob'))).toBe(-7);
        expect(await balance(userAccount('carol'))).toBe(0);
        expect(await balance(pool)).toBe(47);
        expect(await balance(HOUSE)).toBe(1);
        expect(await balance(MINT)).toBe(-100);
        expect((await ports.ledger.userBalances())._unsafeUnwrap()).toEqual([
          { username: 'alice', balance: 59 },
          { username: 'bob', balance: -7 },
          { username: 'carol', balance: 0 },
        ]);
        expect((await ports.users.findByUsername('alice'))._unsafeUnwrap()?.accountBalance).toBe(59);
        expect((await ports.ledger.poolBalances())._unsafeUnwrap()).toEqual(new Map([[market.id, 47]]));
        const sums = (await ports.ledger.sumsByKind())._unsafeUnwrap();
        expect(Object.keys(sums).sort()).toEqual([...ENTRY_KINDS].sort());
        expect(sums).toMatchObject({ ADMIN_GRANT: 100, BUY: 40, INITIAL_BET_FEE: 1, REFUND: 7, WIN: 0 });
      });

      it('refuses a posting to a user who does not exist and changes nothing', async () => {
        const result = await post(adminGrantPostings('ghost', 5));
        expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'INFRASTRUCTURE_ERROR', kind: 'UNEXPECTED' });
        expect((await ports.ledger.balanceOf(MINT))._unsafeUnwrap()).toBe(0);
      });
    });

    describe('unit of work', () => {
      it('commits on Ok', async () => {
        const result = await ports.unitOfWork.run((tx) =>
          tx.users.insert(newUser('alice', T0)).andThen(() => tx.ledger.post(adminGrantPostings('alice', 30), { occurredAt: T0, marketId: null })),
        );
        expect(result.isOk()).toBe(true);
        expect((await ports.users.findByUsername('alice'))._unsafeUnwrap()?.accountBalance).toBe(30);
      });

      it('rolls everything back on Err and returns that error', async () => {
        const result = await ports.unitOfWork.run((tx) =>
          tx.users
            .insert(newUser('alice', T0))
            .andThen(() => tx.ledger.post(adminGrantPostings('alice', 30), { occurredAt: T0, marketId: null }))
            .andThen(() => errAsync({ code: 'STOP' as const })),
        );
        expect(result._unsafeUnwrapErr()).toEqual({ code: 'STOP' });
        expect((await ports.users.findByUsername('alice'))._unsafeUnwrap()).toBeNull();
        expect((await ports.ledger.balanceOf(MINT))._unsafeUnwrap()).toBe(0);
      });

      it('locks and returns the market row and the existing user rows', async () => {
        await insertUser('bob');
        await insertUser('alice');
        const market = await insertMarket(newMarket('alice'));
        const locked = await ports.unitOfWork.run((tx) =>
          tx.lockMarket(market.id).andThen((found) => tx.lockUsers(['bob', 'ghost', 'alice', 'bob']).map((users) => ({ found, users }))),
        );
        const { found, users } = locked._unsafeUnwrap();
        expect(found).toEqual(market);
        expect([...users.keys()].sort()).toEqual(['alice', 'bob']);
        expect(users.get('bob')?.username).toBe('bob');
        const missing = await ports.unitOfWork.run((tx) => tx.lockMarket(market.id + 100));
        expect(missing._unsafeUnwrap()).toBeNull();
      });
    });

    describe('trades', () => {
      let market: MarketRecord;
      beforeEach(async () => {
        for (const name of ['alice', 'bob']) await insertUser(name);
        market = await insertMarket(newMarket('alice'));
        const grant = adminGrantPostings('alice', 100);
        (await ports.unitOfWork.run((tx) => tx.ledger.post(grant, { occurredAt: T0, marketId: null })))._unsafeUnwrap();
      });
      const lockTrade = async (marketId: number, username: string) =>
        (await ports.unitOfWork.trade(marketId, username, (locked) => okAsync(locked)))._unsafeUnwrap();
      const appendTrade = (trade: TradeAppend) =>
        ports.unitOfWork.trade(trade.row.marketId, trade.row.username, (_locked, tx) => tx.appendTrade(trade));
      const buy = (username: string, amount: number, totals: MarketRecord['totals'], marketId = market.id) => ({
        row: { marketId, username, outcome: 'YES' as const, amount, shares: null, dust: null, placedAt: T0 + 5 },
        entries: betPostings(marketId, username, { amount, initialFee: 0, transactionFee: 1 }),
        totals,
        at: T0 + 5,
      });
      const afterBuy = { yes: 40, no: 0, volume: 40, dust: 0, rowCount: 1, traderCount: 1, lastPlacedAt: T0 + 5 };

      it('locks and reads the market, the user and whether the user already traded in the market', async () => {
        const other = await insertMarket(newMarket('bob'));
        await ports.unitOfWork.run((tx) => tx.bets.insert({ marketId: other.id, username: 'bob', outcome: 'NO', amount: 3, shares: null, dust: null, placedAt: T0 }));
        const alice = (await ports.users.findByUsername('alice'))._unsafeUnwrap();
        expect(await lockTrade(market.id, 'alice')).toEqual({ market, user: alice, hasPriorRow: false });
        expect((await lockTrade(market.id, 'bob'))?.hasPriorRow).toBe(false);
        expect((await lockTrade(other.id, 'bob'))?.hasPriorRow).toBe(true);
        expect(await lockTrade(market.id, 'ghost')).toEqual({ market, user: null, hasPriorRow: false });
        expect(await lockTrade(market.id + 100, 'alice')).toBeNull();
      });

      it('appends the row, posts the entries, moves the cached balances and stores the totals in one step', async () => {
        const trade = buy('alice', 40, afterBuy);
        const bet = (await appendTrade(trade))._unsafeUnwrap();
        expect(bet).toEqual({ id: bet.id, ...trade.row });
        expect((await ports.bets.listByMarket(market.id))._unsafeUnwrap()).toEqual([bet]);
        expect((await ports.users.findByUsername('alice'))._unsafeUnwrap()?.accountBalance).toBe(59);
        expect((await ports.ledger.balanceOf(poolAccount(market.id)))._unsafeUnwrap()).toBe(40);
        expect((await ports.ledger.balanceOf(HOUSE))._unsafeUnwrap()).toBe(1);
        expect((await ports.markets.findById(market.id))._unsafeUnwrap()).toEqual({ ...market, totals: afterBuy, updatedAt: T0 + 5 });
        const locked = await lockTrade(market.id, 'alice');
        expect([locked?.hasPriorRow, locked?.user?.accountBalance, locked?.market.totals]).toEqual([true, 59, afterBuy]);
      });

      it('appends once per trade; a work that returns without appending writes nothing', async () => {
        const twice = await ports.unitOfWork.trade(market.id, 'alice', (_locked, tx) =>
          tx.appendTrade(buy('alice', 40, afterBuy)).andThen(() => tx.appendTrade(buy('alice', 40, afterBuy))),
        );
        expect(twice._unsafeUnwrapErr()).toMatchObject({ code: 'INFRASTRUCTURE_ERROR', kind: 'UNEXPECTED' });
        expect((await ports.bets.listByMarket(market.id))._unsafeUnwrap()).toHaveLength(1);
        const refused = await ports.unitOfWork.trade(market.id, 'alice', () => errAsync({ code: 'STOP' as const }));
        expect(refused._unsafeUnwrapErr()).toEqual({ code: 'STOP' });
        expect((await ports.users.findByUsername('alice'))._unsafeUnwrap()?.accountBalance).toBe(59);
      });

      it('refuses a trade naming a user or a market that does not exist and changes nothing', async () => {
        for (const trade of [buy('ghost', 40, afterBuy), buy('alice', 40, afterBuy, market.id + 100)]) {
          const result = await appendTrade(trade);
          expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'INFRASTRUCTURE_ERROR', kind: 'UNEXPECTED' });
        }
        expect((await ports.bets.marketIdsWithRows())._unsafeUnwrap()).toEqual([]);
        expect((await ports.users.findByUsername('alice'))._unsafeUnwrap()?.accountBalance).toBe(100);
        expect((await ports.ledger.balanceOf(HOUSE))._unsafeUnwrap()).toBe(0);
        expect((await ports.markets.findById(market.id))._unsafeUnwrap()).toEqual(market);
      });
    });

    describe('read-model snapshots', () => {
      it('loads nothing before the first save, then the payload, its build time and no stale mark', async () => {
        expect((await ports.snapshots.load('system_metrics'))._unsafeUnwrap()).toBeNull();
        const payload = { users: 3, nested: [{ amount: 0.1 + 0.2 }] };
        (await ports.snapshots.save('system_metrics', payload, T0))._unsafeUnwrap();
        expect((await ports.snapshots.load('system_metrics'))._unsafeUnwrap()).toEqual({ payload, generatedAt: T0, staleSince: null });
        expect((await ports.snapshots.load('global_leaderboard'))._unsafeUnwrap()).toBeNull();
      });

      it('marks only stored snapshots of the given kinds stale, keeping the later of two marks', async () => {
        (await ports.snapshots.save('system_metrics', {}, T0))._unsafeUnwrap();
        (await ports.snapshots.save('global_leaderboard', [], T0))._unsafeUnwrap();
        (await ports.snapshots.markStale(['system_metrics'], T0 + 2_000))._unsafeUnwrap();
        (await ports.snapshots.markStale(['system_metrics'], T0 + 1_000))._unsafeUnwrap();
        expect((await ports.snapshots.load('system_metrics'))._unsafeUnwrap()?.staleSince).toBe(T0 + 2_000);
        expect((await ports.snapshots.load('global_leaderboard'))._unsafeUnwrap()?.staleSince).toBeNull();
        (await ports.snapshots.markStale([], T0 + 3_000))._unsafeUnwrap();
        expect((await ports.snapshots.load('system_metrics'))._unsafeUnwrap()?.staleSince).toBe(T0 + 2_000);
      });

      it('a save clears a mark made more than the mark window before its build started and keeps a later one (docs/performance.md#stale-mark-window)', async () => {
        (await ports.snapshots.save('global_leaderboard', ['old'], T0))._unsafeUnwrap();
        (await ports.snapshots.markStale(['global_leaderboard'], T0 + 1_000))._unsafeUnwrap();
        // A mark within the window before the build's start may stand for a write the build missed.
        (await ports.snapshots.save('global_leaderboard', ['raced'], T0 + 1_000 + STALE_MARK_WINDOW_MS))._unsafeUnwrap();
        expect((await ports.snapshots.load('global_leaderboard'))._unsafeUnwrap()).toEqual({
          payload: ['raced'],
          generatedAt: T0 + 1_000 + STALE_MARK_WINDOW_MS,
          staleSince: T0 + 1_000,
        });
        (await ports.snapshots.save('global_leaderboard', ['fresh'], T0 + 1_001 + STALE_MARK_WINDOW_MS))._unsafeUnwrap();
        expect((await ports.snapshots.load('global_leaderboard'))._unsafeUnwrap()).toEqual({
          payload: ['fresh'],
          generatedAt: T0 + 1_001 + STALE_MARK_WINDOW_MS,
          staleSince: null,
        });
      });

      it('reports the age of every stored snapshot in kind order', async () => {
        expect((await ports.snapshots.ages(T0))._unsafeUnwrap()).toEqual([]);
        (await ports.snapshots.save('system_metrics', {}, T0 - 1_500))._unsafeUnwrap();
        (await ports.snapshots.save('global_leaderboard', [], T0 - 3_600_000))._unsafeUnwrap();
        expect((await ports.snapshots.ages(T0))._unsafeUnwrap()).toEqual([
          { kind: 'global_leaderboard', ageSeconds: 3600 },
          { kind: 'system_metrics', ageSeconds: 1.5 },
        ]);
        // A snapshot built after `now` (another process's clock) is not negatively old.
        expect((await ports.snapshots.ages(T0 - 2_000))._unsafeUnwrap()).toContainEqual({ kind: 'system_metrics', ageSeconds: 0 });
      });
    });

    describe('notifications and due markets', () => {
      beforeEach(async () => {
        await insertUser('alice');
        await insertUser('bob');
      });

      const resolutionDue = (market: MarketRecord, at: number) =>
        ({ kind: 'resolution_due', recipient: market.stewardUsername, marketId: market.id, createdAt: at }) as const;

      it('records each (kind, recipient, market) once and counts only the new ones', async () => {
        const market = await insertMarket(newMarket('alice'));
        const resolved = (recipient: string) => ({ kind: 'market_resolved', recipient, marketId: market.id, createdAt: T0 }) as const;
        expect((await ports.notifications.record([]))._unsafeUnwrap()).toBe(0);
        expect((await ports.notifications.record([resolved('alice'), resolved('bob')]))._unsafeUnwrap()).toBe(2);
        expect((await ports.notifications.record([resolved('bob'), resolutionDue(market, T0)]))._unsafeUnwrap()).toBe(1);
        expect((await ports.notifications.record([resolved('alice'), resolutionDue(market, T0 + 1)]))._unsafeUnwrap()).toBe(0);
      });

      it('refuses a notification for a user or market that does not exist and records none of the batch', async () => {
        const market = await insertMarket(newMarket('alice'));
        const ghost = { kind: 'market_resolved', recipient: 'ghost', marketId: market.id, createdAt: T0 } as const;
        const result = await ports.notifications.record([resolutionDue(market, T0), ghost]);
        expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'INFRASTRUCTURE_ERROR', kind: 'UNEXPECTED' });
        expect((await ports.notifications.record([resolutionDue(market, T0)]))._unsafeUnwrap()).toBe(1);
      });

      it('lists published markets past their resolution time without a resolution_due notice, oldest first', async () => {
        const late = await insertMarket(newMarket('alice', { resolutionDateTime: T0 - 1_000 }));
        const later = await insertMarket(newMarket('bob', { resolutionDateTime: T0 }));
        const earliest = await insertMarket(newMarket('bob', { resolutionDateTime: T0 - 2_000 }));
        const tie = await insertMarket(newMarket('alice', { resolutionDateTime: T0 - 2_000 }));
        await insertMarket(newMarket('alice', { resolutionDateTime: T0 + 1 }));
        await insertMarket(newMarket('alice', { resolutionDateTime: T0 - 5_000, lifecycleStatus: 'proposed' }));
        await insertMarket(newMarket('alice', { resolutionDateTime: T0 - 5_000, lifecycleStatus: 'closed' }));
        const due = (await ports.dueMarkets.listDue(T0, 10))._unsafeUnwrap();
        expect(due).toEqual(
          [earliest, tie, late, later].map((market) => ({
            id: market.id,
            stewardUsername: market.stewardUsername,
            resolutionDateTime: market.resolutionDateTime,
          })),
        );
        expect((await ports.dueMarkets.listDue(T0, 2))._unsafeUnwrap().map((market) => market.id)).toEqual([earliest.id, tie.id]);
      });

      it('leaves out a market whose resolution_due notice exists, whoever it went to', async () => {
        const market = await insertMarket(newMarket('alice', { resolutionDateTime: T0 - 1_000 }));
        (await ports.notifications.record([{ kind: 'market_resolved', recipient: 'bob', marketId: market.id, createdAt: T0 }]))._unsafeUnwrap();
        expect((await ports.dueMarkets.listDue(T0, 10))._unsafeUnwrap().map((due) => due.id)).toEqual([market.id]);
        (await ports.notifications.record([resolutionDue(market, T0)]))._unsafeUnwrap();
        (await ports.markets.update(market.id, { stewardUsername: 'bob', updatedAt: T0 }))._unsafeUnwrap();
        expect((await ports.dueMarkets.listDue(T0, 10))._unsafeUnwrap()).toEqual([]);
      });
    });

    describeSiteSettingsContract(() => ports);
    describeStewardshipAuditContract(() => ports);
    describeMarketTagsContract(() => ports, (creator) => insertMarket(newMarket(creator)), insertUser);
    describeSiteContentContract(() => ports, (creator) => insertMarket(newMarket(creator)), insertUser);

    describeDescriptionAmendmentsContract({
      ports: () => ports,
      seed: async () => {
        await insertUser('steward', { role: 'MODERATOR', moderatorStatus: 'active' });
        const rain = await insertMarket(newMarket('steward', { questionTitle: 'Rain in Paris?' }));
        const snow = await insertMarket(newMarket('steward', { questionTitle: 'Snow in Oslo?' }));
        return [rain, snow] as const;
      },
    });

    describeMarketGroupsContract({
      ports: () => ports,
      seed: async () => {
        await insertUser('steward');
        await insertUser('other');
        const markets = [];
        for (const title of ['Cup - Reds', 'Cup - Blues', 'Cup - Greens']) {
          markets.push(await insertMarket(newMarket('steward', { questionTitle: title })));
        }
        const [a, b, c] = markets;
        if (a === undefined || b === undefined || c === undefined) throw new Error('three markets expected');
        return [a, b, c] as const;
      },
    });

    describe('audit log', () => {
      // Audit rows cannot be deleted, so on the database targets they outlive each test: every test names its own actor.
      const actorOf = () => `actor-${randomUUID()}`;
      const entry = (actor: string, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
        at: T0,
        actor,
        action: 'placeBet',
        target: '7',
        requestId: 'req-1',
        outcome: 'ok',
        inputs: { outcome: 'YES', amount: 7, note: null, flag: true },
        ...overrides,
      });

      it('appends and lists newest first, filtered by actor, action and target, paged', async () => {
        const actor = actorOf();
        for (const [action, target] of [['placeBet', '1'], ['sell', '1'], ['placeBet', '2']] as const) {
          (await ports.audit.append(entry(actor, { action, target })))._unsafeUnwrap();
        }
        const all = (await ports.audit.list({ actor, limit: 10, offset: 0 }))._unsafeUnwrap();
        expect(all.map((row) => [row.action, row.target])).toEqual([['placeBet', '2'], ['sell', '1'], ['placeBet', '1']]);
        expect(all[0]).toEqual({ ...entry(actor, { target: '2' }), id: all[0]?.id });
        expect((await ports.audit.list({ actor, action: 'placeBet', limit: 10, offset: 0 }))._unsafeUnwrap().map((row) => row.target)).toEqual(['2', '1']);
        expect((await ports.audit.list({ actor, target: '1', limit: 10, offset: 0 }))._unsafeUnwrap().map((row) => row.action)).toEqual(['sell', 'placeBet']);
        expect((await ports.audit.list({ actor, limit: 1, offset: 1 }))._unsafeUnwrap().map((row) => row.action)).toEqual(['sell']);
      });

      it('stores the records of a committed write with it and none of a refused one', async () => {
        const actor = actorOf();
        const committed = await ports.unitOfWork.run(
          (tx) => tx.users.insert(newUser('alice', T0)),
          (user) => ({ audit: entry(actor, { target: user.username }) }),
        );
        expect(committed.isOk()).toBe(true);
        const refused = await ports.unitOfWork.run(
          (tx) => tx.users.insert(newUser('bob', T0)).andThen(() => errAsync({ code: 'STOP' as const })),
          () => ({ audit: entry(actor, { target: 'bob' }) }),
        );
        expect(refused._unsafeUnwrapErr()).toEqual({ code: 'STOP' });
        expect((await ports.audit.list({ actor, limit: 10, offset: 0 }))._unsafeUnwrap().map((row) => row.target)).toEqual(['alice']);
      });

      it('rolls the write back when its idempotency claim is not held', async () => {
        const actor = actorOf();
        const response = { status: 201, body: '{}' };
        const result = await ports.unitOfWork.run(
          (tx) => tx.users.insert(newUser('alice', T0)),
          () => ({ audit: entry(actor), idempotency: { username: 'alice', key: 'k', owner: 'nobody', response } }),
        );
        expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'INFRASTRUCTURE_ERROR' });
        expect((await ports.users.findByUsername('alice'))._unsafeUnwrap()).toBeNull();
        expect((await ports.audit.list({ actor, limit: 10, offset: 0 }))._unsafeUnwrap()).toEqual([]);
      });

      it('stores a trade\'s records, computed from the stored row, in the trade\'s transaction', async () => {
        const actor = actorOf();
        await insertUser('alice');
        const market = await insertMarket(newMarket('alice'));
        const claim = { username: 'alice', key: 'bet-1', fingerprint: 'f', owner: 'o1', now: T0, leaseUntil: T0 + 1000, expiresAt: T0 + DAY_MS };
        expect((await ports.idempotency.claim(claim))._unsafeUnwrap()).toEqual({ state: 'claimed' });
        const trade: TradeAppend = {
          row: { marketId: market.id, username: 'alice', outcome: 'YES', amount: 7, shares: null, dust: null, placedAt: T0 + 5 },
          entries: betPostings(market.id, 'alice', { amount: 7, initialFee: 1, transactionFee: 0 }),
          totals: { yes: 7, no: 0, volume: 7, dust: 0, rowCount: 1, traderCount: 1, lastPlacedAt: T0 + 5 },
          at: T0 + 5,
        };
        const bet = await ports.unitOfWork.trade(market.id, 'alice', (_locked, tx) =>
          tx.appendTrade(trade, (stored) => ({
            audit: entry(actor, { target: String(stored.marketId), inputs: { betId: stored.id } }),
            idempotency: { username: 'alice', key: 'bet-1', owner: 'o1', response: { status: 201, body: `{"id":${String(stored.id)}}` } },
          })),
        );
        const { id } = bet._unsafeUnwrap();
        expect((await ports.audit.list({ actor, limit: 10, offset: 0 }))._unsafeUnwrap().map((row) => row.inputs)).toEqual([{ betId: id }]);
        expect((await ports.idempotency.claim({ ...claim, owner: 'o2' }))._unsafeUnwrap()).toEqual({
          state: 'completed',
          fingerprint: 'f',
          response: { status: 201, body: `{"id":${String(id)}}` },
        });
      });
    });

    describe('idempotency records', () => {
      const claim = (overrides: Partial<IdempotencyClaim> = {}): IdempotencyClaim => ({
        username: 'alice',
        key: 'key-1',
        fingerprint: 'fp-1',
        owner: 'owner-1',
        now: T0,
        leaseUntil: T0 + 60_000,
        expiresAt: T0 + DAY_MS,
        ...overrides,
      });
      const response = { status: 422, body: '{"ok":false,"reason":"INSUFFICIENT_BALANCE"}' };

      it('gives a free key to exactly one claimant and reports it running to the others', async () => {
        const outcomes = await Promise.all(['a', 'b', 'c'].map((owner) => ports.idempotency.claim(claim({ owner }))));
        const states = outcomes.map((outcome) => outcome._unsafeUnwrap().state).sort();
        expect(states).toEqual(['claimed', 'running', 'running']);
        expect((await ports.idempotency.claim(claim({ fingerprint: 'fp-2' })))._unsafeUnwrap()).toEqual({ state: 'running', fingerprint: 'fp-1' });
        // Keys are per user.
        expect((await ports.idempotency.claim(claim({ username: 'bob' })))._unsafeUnwrap()).toEqual({ state: 'claimed' });
      });

      it('keeps the answer its owner stores, ignores anyone else\'s and replays it', async () => {
        (await ports.idempotency.claim(claim()))._unsafeUnwrap();
        (await ports.idempotency.complete('alice', 'key-1', 'intruder', { status: 200, body: '{}' }))._unsafeUnwrap();
        expect((await ports.idempotency.claim(claim({ owner: 'o2' })))._unsafeUnwrap()).toEqual({ state: 'running', fingerprint: 'fp-1' });
        (await ports.idempotency.complete('alice', 'key-1', 'owner-1', response))._unsafeUnwrap();
        (await ports.idempotency.complete('alice', 'key-1', 'owner-1', { status: 200, body: '{}' }))._unsafeUnwrap();
        const replay = { state: 'completed', fingerprint: 'fp-1', response };
        expect((await ports.idempotency.claim(claim({ owner: 'o2', now: T0 + DAY_MS - 1 })))._unsafeUnwrap()).toEqual(replay);
        // A completed record is never taken over before it expires, not even once its lease has ended.
        (await ports.idempotency.release('alice', 'key-1', 'owner-1'))._unsafeUnwrap();
        expect((await ports.idempotency.claim(claim({ owner: 'o3', now: T0 + 120_000 })))._unsafeUnwrap()).toEqual(replay);
      });

      it('frees a released claim, and lets a claim whose lease ended be taken over by the same request only', async () => {
        (await ports.idempotency.claim(claim()))._unsafeUnwrap();
        (await ports.idempotency.release('alice', 'key-1', 'someone-else'))._unsafeUnwrap();
        expect((await ports.idempotency.claim(claim({ owner: 'o2' })))._unsafeUnwrap().state).toBe('running');
        (await ports.idempotency.release('alice', 'key-1', 'owner-1'))._unsafeUnwrap();
        expect((await ports.idempotency.claim(claim({ owner: 'o2' })))._unsafeUnwrap()).toEqual({ state: 'claimed' });

        const late = T0 + 60_000;
        expect((await ports.idempotency.claim(claim({ owner: 'o3', fingerprint: 'fp-2', now: late })))._unsafeUnwrap()).toEqual({
          state: 'running',
          fingerprint: 'fp-1',
        });
        expect((await ports.idempotency.claim(claim({ owner: 'o3', now: late, leaseUntil: late + 60_000 })))._unsafeUnwrap()).toEqual({ state: 'claimed' });
        // The first owner lost its claim: its answer is not stored.
        (await ports.idempotency.complete('alice', 'key-1', 'o2', response))._unsafeUnwrap();
        expect((await ports.idempotency.claim(claim({ owner: 'o4', now: late })))._unsafeUnwrap().state).toBe('running');
      });

      it('removes expired records, after which the key is free again', async () => {
        (await ports.idempotency.claim(claim()))._unsafeUnwrap();
        (await ports.idempotency.complete('alice', 'key-1', 'owner-1', response))._unsafeUnwrap();
        (await ports.idempotency.claim(claim({ key: 'key-2', expiresAt: T0 + 2 * DAY_MS })))._unsafeUnwrap();
        expect((await ports.idempotency.deleteExpired(T0 + DAY_MS - 1))._unsafeUnwrap()).toBe(0);
        expect((await ports.idempotency.deleteExpired(T0 + DAY_MS))._unsafeUnwrap()).toBe(1);
        expect((await ports.idempotency.claim(claim({ owner: 'o2', fingerprint: 'fp-9', now: T0 + DAY_MS })))._unsafeUnwrap()).toEqual({ state: 'claimed' });
        // Expired but not yet removed: the key is free all the same.
        const expired = T0 + 2 * DAY_MS;
        expect((await ports.idempotency.claim(claim({ key: 'key-2', owner: 'o3', now: expired, expiresAt: expired + DAY_MS })))._unsafeUnwrap()).toEqual({
          state: 'claimed',
        });
      });
    });

    describe('money use cases on these ports', () => {
      const clock = new ManualClock(T0, 1);
      const setup = async (unitOfWork: UnitOfWork = ports.unitOfWork) => {
        const useCases = moneyUseCases({ ...ports, unitOfWork }, clock);
        for (const name of ['alice', 'bob', 'carol', 'dave']) await seedUser(ports, name, 100, clock.now());
        const market = await seedMarket(useCases, 'dave', clock.now());
        return { useCases, market };
      };

      it('the worked example of docs/market-model.md#worked-example (three buys, a sale, resolution NO) keeps the books balanced', async () => {
        const { useCases, market } = await setup();
        for (const [username, outcome, amount] of [['alice', 'NO', 10], ['bob', 'NO', 30], ['carol', 'YES', 10]] as const) {
          (await useCases.placeBet({ username, marketId: market.id, outcome, amount }))._unsafeUnwrap();
        }
        const sale = (await useCases.sell({ username: 'alice', marketId: market.id, outcome: 'NO', amount: 5 }))._unsafeUnwrap();
        expect(sale.bet).toMatchObject({ amount: -4, shares: 2, dust: 1 });
        (await useCases.placeBet({ username: 'carol', marketId: market.id, outcome: 'YES', amount: 20 }))._unsafeUnwrap();
        (await useCases.resolveMarket({ actor: { kind: 'user', username: 'dave', role: 'REGULAR' }, marketId: market.id, resolution: 'NO' }))._unsafeUnwrap();

        const balances = (await ports.ledger.userBalances())._unsafeUnwrap();
        const house = (await ports.ledger.balanceOf(HOUSE))._unsafeUnwrap();
        const minted = -(await ports.ledger.balanceOf(MINT))._unsafeUnwrap();
        expect(minted).toBe(400);
        expect(balances.reduce((sum, user) => sum + user.balance, 0) + house).toBe(minted);
        expect((await ports.ledger.balanceOf(poolAccount(market.id)))._unsafeUnwrap()).toBe(0);
        const stored = (await ports.markets.findById(market.id))._unsafeUnwrap();
        expect(stored).toMatchObject({ lifecycleStatus: 'resolved', resolutionResult: 'NO' });
        expect(stored?.totals).toMatchObject({ yes: 30, no: 36, volume: 66, dust: 1, rowCount: 5 });
      });

      it('ERR-5: an append that fails as a whole leaves balance, rows and totals unchanged', async () => {
        const faulty = failingAppends(ports.unitOfWork);
        const { useCases, market } = await setup(faulty);
        const before = (await ports.users.findByUsername('bob'))._unsafeUnwrap();
        const result = await useCases.placeBet({ username: 'bob', marketId: market.id, outcome: 'YES', amount: 20 });
        expect(result._unsafeUnwrapErr()).toMatchObject({ code: 'INFRASTRUCTURE_ERROR' });
        expect((await ports.users.findByUsername('bob'))._unsafeUnwrap()).toEqual(before);
        expect((await ports.bets.listByMarket(market.id))._unsafeUnwrap()).toEqual([]);
        expect((await ports.ledger.balanceOf(poolAccount(market.id)))._unsafeUnwrap()).toBe(0);
        expect((await ports.markets.findById(market.id))._unsafeUnwrap()).toEqual(market);
      });
    });
  });
}
