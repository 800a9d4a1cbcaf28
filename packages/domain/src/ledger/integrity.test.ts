import { describe, expect, it } from 'vitest';
import { buyCost, checkAppend, planSale, resolvePayouts } from '../math/index.ts';
import type { Outcome, Seeds } from '../math/index.ts';
import {
  checkIntegrity,
  journalBalances,
  journalLines,
  type BooksSnapshot,
  type IntegrityMarket,
  type IntegrityViolation,
  type JournalLine,
  type StoredBet,
} from './integrity.ts';
import { HOUSE, poolAccount, transfer, userAccount, type AccountKey, type LedgerEntry } from './ledger.ts';
import {
  adminGrantPostings,
  betPostings,
  initialBalancePostings,
  marketCreationPostings,
  proposalRefundPostings,
  resolutionPostings,
  salePostings,
} from './postings.ts';

const SEEDS: Seeds = { initialProbability: 0.5, initialSubsidization: 10, initialYes: 0, initialNo: 0 };
const FEES = { initialBetFee: 1, buySharesFee: 0 };
const SALE_CONFIG = { maxDustPerSale: 1, sellSharesFee: 0 };
const USERS = ['alice', 'bob', 'carol', 'dave'];

/**
 * Consistent books built with the domain functions: an open market 1 (the worked example of docs/market-model.md#worked-example without its
 * resolution), market 2 resolved NO, an open market 3 without bets, and a negative admin grant that pushes bob below
 * the debt limit (forced).
 */
function healthyBooks(): BooksSnapshot {
  const journal: JournalLine[] = [];
  const bets: StoredBet[] = [];
  let txId = 0;
  const post = (...entries: LedgerEntry[][]): void => {
    txId += 1;
    journal.push(...journalLines(txId, entries.flat()));
  };
  const rowsOf = (marketId: number) => bets.filter((bet) => bet.marketId === marketId);
  const buy = (marketId: number, username: string, outcome: Outcome, amount: number): void => {
    const rows = rowsOf(marketId);
    const cost = buyCost(rows.some((row) => row.username === username), amount, FEES);
    const row = { id: bets.length + 1, marketId, username, outcome, amount, placedAt: 3000 + bets.length };
    checkAppend(rows, SEEDS, row);
    bets.push(row);
    post(betPostings(marketId, username, cost));
  };
  const sell = (marketId: number, username: string, outcome: Outcome, credits: number): void => {
    const plan = planSale(rowsOf(marketId), SEEDS, username, outcome, credits, SALE_CONFIG);
    bets.push({ id: bets.length + 1, marketId, ...plan.row, placedAt: 3000 + bets.length });
    post(salePostings(marketId, username, plan));
  };

  for (const username of USERS) post(initialBalancePostings(username, 100));
  post(marketCreationPostings('dave', 10));
  post(marketCreationPostings('carol', 10));
  buy(1, 'alice', 'NO', 10);
  buy(1, 'bob', 'NO', 30);
  buy(1, 'carol', 'YES', 10);
  sell(1, 'alice', 'NO', 5);
  buy(1, 'carol', 'YES', 20);
  buy(2, 'alice', 'YES', 40);
  buy(2, 'bob', 'NO', 25);
  buy(2, 'dave', 'YES', 10);
  const settlement = resolvePayouts(rowsOf(2), SEEDS, 'NO', FEES, 'carol');
  post(resolutionPostings(2, settlement));
  post(adminGrantPostings('bob', -700));

  const balances = journalBalances(journal);
  const markets: IntegrityMarket[] = [
    { id: 1, resolved: false, seeds: SEEDS, createdAt: 1000, resolvedAt: null },
    { id: 2, resolved: true, seeds: SEEDS, createdAt: 2000, resolvedAt: 9000 },
    { id: 3, resolved: false, seeds: SEEDS, createdAt: 2500, resolvedAt: null },
  ];
  return {
    users: USERS,
    markets,
    bets,
    journal,
    storedBalances: new Map(USERS.map((username) => [userAccount(username), balances.get(userAccount(username)) ?? 0])),
    maximumDebtAllowed: 500,
  };
}

function kinds(violations: readonly IntegrityViolation[]): string[] {
  return [...new Set(violations.map((violation) => violation.kind))];
}

function withJournal(books: BooksSnapshot, lines: JournalLine[]): BooksSnapshot {
  return { ...books, journal: [...books.journal, ...lines] };
}

function withStored(books: BooksSnapshot, account: AccountKey, delta: number): BooksSnapshot {
  const stored = new Map(books.storedBalances);
  stored.set(account, (stored.get(account) ?? 0) + delta);
  return { ...books, storedBalances: stored };
}

describe('journalLines and journalBalances', () => {
  it('turns a from → to entry into a debit line and a credit line of the same transaction', () => {
    const lines = journalLines('t1', transfer('BUY', userAccount('a'), poolAccount(3), 7));
    expect(lines).toEqual([
      { txId: 't1', account: 'user:a', kind: 'BUY', amount: -7 },
      { txId: 't1', account: 'pool:3', kind: 'BUY', amount: 7 },
    ]);
    expect(journalBalances(lines)).toEqual(new Map([['user:a', -7], ['pool:3', 7]]));
  });
});

describe('checkIntegrity', () => {
  it('finds nothing wrong in consistent books, forced debits below the debt limit included', () => {
    const books = healthyBooks();
    expect(books.storedBalances.get(userAccount('bob'))).toBeLessThan(-500);
    expect(checkIntegrity(books)).toEqual([]);
  });

  it('reports a transaction whose lines do not sum to zero', () => {
    const books = healthyBooks();
    const creation = books.journal.findIndex((line) => line.kind === 'MARKET_CREATION' && line.account === HOUSE);
    const journal = books.journal.map((line, i) => (i === creation ? { ...line, amount: line.amount + 2 } : line));
    const txId = books.journal[creation]!.txId;
    expect(checkIntegrity({ ...books, journal })).toEqual([{ kind: 'BOOKS_UNBALANCED', txId, sum: 2 }]);
  });

  it('reports credits issued outside the mint', () => {
    const books = withStored(
      withJournal(healthyBooks(), journalLines('grant', transfer('ADMIN_GRANT', HOUSE, userAccount('alice'), 5))),
      userAccount('alice'),
      5,
    );
    expect(checkIntegrity(books)).toEqual([{ kind: 'MINT_MISMATCH', issued: -295, mintBalance: 300 }]);
  });

  it('reports an open pool that differs from the volume of its rows', () => {
    const books = healthyBooks();
    const bets = books.bets.map((bet) => (bet.id === 1 ? { ...bet, amount: 11 } : bet));
    expect(checkIntegrity({ ...books, bets })).toEqual([
      { kind: 'OPEN_POOL_MISMATCH', marketId: 1, pool: 66, volume: 67 },
    ]);
  });

  it('reports a negative pool, open or resolved, instead of a mismatch', () => {
    const drain = (marketId: number, amount: number) =>
      journalLines(`drain-${marketId}`, transfer('SALE_DUST', poolAccount(marketId), HOUSE, amount));
    const books = withJournal(healthyBooks(), [...drain(1, 70), ...drain(2, 1)]);
    expect(checkIntegrity(books)).toEqual([
      { kind: 'NEGATIVE_POOL', marketId: 1, pool: -4 },
      { kind: 'NEGATIVE_POOL', marketId: 2, pool: -1 },
    ]);
  });

  it('reports a resolved pool that still holds credits', () => {
    const lines = journalLines('late', transfer('POOL_REMAINDER', HOUSE, poolAccount(2), 3));
    expect(checkIntegrity(withJournal(healthyBooks(), lines))).toEqual([
      { kind: 'RESOLVED_POOL_NOT_EMPTY', marketId: 2, pool: 3 },
    ]);
  });

  it('reports a stored balance that differs from the replayed journal', () => {
    const books = withStored(healthyBooks(), userAccount('carol'), -1);
    const replayed = healthyBooks().storedBalances.get(userAccount('carol'))!;
    expect(checkIntegrity(books)).toEqual([
      { kind: 'STORED_BALANCE_MISMATCH', account: 'user:carol', stored: replayed - 1, replayed },
    ]);
  });

  it('compares a stored balance of an account the journal never touched against 0', () => {
    expect(checkIntegrity(withStored(healthyBooks(), poolAccount(3), 5))).toEqual([
      { kind: 'STORED_BALANCE_MISMATCH', account: 'pool:3', stored: 5, replayed: 0 },
    ]);
  });

  it('finds nothing wrong in empty books', () => {
    const empty = { users: [], markets: [], bets: [], journal: [], storedBalances: new Map(), maximumDebtAllowed: 0 };
    expect(checkIntegrity(empty)).toEqual([]);
  });

  it('lets programming errors through instead of reporting them as invalid histories', () => {
    const books = healthyBooks();
    const trap = {
      ...books.bets[0]!,
      get outcome(): 'YES' {
        throw new TypeError('boom');
      },
    };
    expect(() => checkIntegrity({ ...books, bets: [trap] })).toThrow(TypeError);
  });

  it('reports an invalid history and skips the volume comparison it would make meaningless', () => {
    const books = healthyBooks();
    const bets = books.bets.map((bet) => (bet.id === 2 ? { ...bet, amount: -30, shares: 30 } : bet));
    const violations = checkIntegrity({ ...books, bets });
    expect(kinds(violations)).toEqual(['INVALID_HISTORY']);
    expect(violations[0]).toMatchObject({ marketId: 1, code: 'INVALID_HISTORY' });
  });

  it('reports invalid recorded seeds as an invalid history', () => {
    const books = healthyBooks();
    const markets = books.markets.map((market) =>
      market.id === 2 ? { ...market, seeds: { ...SEEDS, initialSubsidization: 0 } } : market,
    );
    expect(checkIntegrity({ ...books, markets })).toEqual([
      expect.objectContaining({ kind: 'INVALID_HISTORY', marketId: 2, code: 'INVALID_SEEDS' }),
    ]);
  });

  it('reports bet rows of unknown markets or users and journal lines of unknown accounts', () => {
    const books = healthyBooks();
    const stray = { id: 99, marketId: 7, username: 'alice', outcome: 'YES' as const, amount: 5, placedAt: 1 };
    const bets = [...books.bets.map((bet) => (bet.id === 3 ? { ...bet, username: 'mallory' } : bet)), stray];
    const lines = journalLines('ghost', proposalRefundPostings('ghost', 4));
    expect(checkIntegrity(withJournal({ ...books, bets }, lines))).toEqual([
      { kind: 'ORPHAN_ROW', source: 'bet', betId: 3, marketId: 1, username: 'mallory' },
      { kind: 'ORPHAN_ROW', source: 'bet', betId: 99, marketId: 7, username: 'alice' },
      { kind: 'ORPHAN_ROW', source: 'journal', txId: 'ghost', account: 'user:ghost' },
    ]);
  });

  it('reports a market resolved before it was created', () => {
    const books = healthyBooks();
    const markets = books.markets.map((market) => (market.id === 2 ? { ...market, resolvedAt: 1999 } : market));
    expect(checkIntegrity({ ...books, markets })).toEqual([
      { kind: 'RESOLVED_BEFORE_CREATED', marketId: 2, createdAt: 2000, resolvedAt: 1999 },
    ]);
  });

  it('reports each voluntary debit that left a balance below the limit, once per transaction', () => {
    const books = healthyBooks();
    // bob is at −581 after the forced grant; a buy and its fee, two debit lines, break the limit once.
    const bob = userAccount('bob');
    const buy = journalLines('bob-buy', betPostings(1, 'bob', { amount: 1, initialFee: 0, transactionFee: 1 }));
    const bobBet = { id: 50, marketId: 1, username: 'bob', outcome: 'NO' as const, amount: 1, placedAt: 9999 };
    const bets = [...books.bets, bobBet];
    const violations = checkIntegrity(withStored(withJournal({ ...books, bets }, buy), bob, -2));
    expect(violations).toEqual([{ kind: 'DEBT_LIMIT_EXCEEDED', username: 'bob', txId: 'bob-buy', balance: -583 }]);
  });

  it('never flags forced debits, even when no debt is allowed at all', () => {
    expect(checkIntegrity({ ...healthyBooks(), maximumDebtAllowed: 0 })).toEqual([]);
  });
});
