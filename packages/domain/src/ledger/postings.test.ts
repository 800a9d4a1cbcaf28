import { describe, expect, it } from 'vitest';
import { buy, DEFAULT_SEEDS, errorCode } from '../../test/rows.ts';
import { buyCost, planSale, resolvePayouts } from '../math/index.ts';
import type { Resolution, Settlement } from '../math/types.ts';
import { ENTRY_KINDS, netChanges, parseAccount, type AccountRef, type EntryKind, type LedgerEntry } from './ledger.ts';
import {
  addAnswerFeePostings,
  adminGrantPostings,
  betPostings,
  initialBalancePostings,
  marketCreationPostings,
  proposalRefundPostings,
  resolutionPostings,
  salePostings,
} from './postings.ts';

// The from → to account types of docs/market-model.md#ledger for a positive amount.
const SPEC_ROUTES: Record<EntryKind, readonly [AccountRef['type'], AccountRef['type']]> = {
  INITIAL_BALANCE: ['mint', 'user'],
  ADMIN_GRANT: ['mint', 'user'],
  MARKET_CREATION: ['user', 'house'],
  PROPOSAL_REFUND: ['house', 'user'],
  ADD_ANSWER_FEE: ['user', 'house'],
  BUY: ['user', 'pool'],
  INITIAL_BET_FEE: ['user', 'house'],
  BUY_FEE: ['user', 'house'],
  SALE: ['pool', 'user'],
  SALE_DUST: ['pool', 'house'],
  SELL_FEE: ['pool', 'house'],
  WIN: ['pool', 'user'],
  REFUND: ['pool', 'user'],
  POOL_REMAINDER: ['pool', 'house'],
  WORK_PROFIT: ['house', 'user'],
};

// alice NO 10, bob NO 30, carol YES 10: selling 5 credits of alice's NO with a sell fee of 1 withholds 1 dust + 1 fee.
const ROWS = [buy(1, 'alice', 'NO', 10), buy(2, 'bob', 'NO', 30), buy(3, 'carol', 'YES', 10)];
const SALE_PLAN = planSale(ROWS, DEFAULT_SEEDS, 'alice', 'NO', 5, { maxDustPerSale: 2, sellSharesFee: 1 });
const settle = (rows: typeof ROWS, resolution: Resolution): Settlement =>
  resolvePayouts(rows, DEFAULT_SEEDS, resolution, { initialBetFee: 1 }, 'carol');
const SETTLEMENT = settle(ROWS, 'NO');

/** Calls of every recipe, with real figures from the math where there are some, that post every kind between them. */
const EVERY_RECIPE: Record<string, () => LedgerEntry[]> = {
  initialBalancePostings: () => initialBalancePostings('alice', 100),
  adminGrantPostings: () => adminGrantPostings('alice', 50),
  marketCreationPostings: () => marketCreationPostings('alice', 10),
  proposalRefundPostings: () => proposalRefundPostings('alice', 10),
  addAnswerFeePostings: () => addAnswerFeePostings('alice', 2),
  betPostings: () => betPostings(7, 'alice', buyCost(false, 20, { initialBetFee: 1, buySharesFee: 2 })),
  salePostings: () => salePostings(7, 'alice', SALE_PLAN),
  'resolutionPostings of a NO market': () => resolutionPostings(7, SETTLEMENT),
  'resolutionPostings of an N/A market': () => resolutionPostings(7, settle(ROWS, 'N/A')),
  'resolutionPostings of a market without winners': () => resolutionPostings(7, settle(ROWS.slice(0, 2), 'YES')),
};

function route(entry: LedgerEntry): [AccountRef['type'], AccountRef['type']] {
  return [parseAccount(entry.from).type, parseAccount(entry.to).type];
}

describe('posting recipes', () => {
  it.each(Object.entries(EVERY_RECIPE))('%s moves money only along the routes of docs/market-model.md#ledger and nets to zero', (_, post) => {
    const entries = post();
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(route(entry)).toEqual(SPEC_ROUTES[entry.kind]);
      expect(entry.amount).toBeGreaterThan(0);
    }
    const net = [...netChanges(entries).values()].reduce((sum, change) => sum + change, 0);
    expect(net).toBe(0);
  });

  it('cover every entry kind of the ledger', () => {
    const posted = new Set(Object.values(EVERY_RECIPE).flatMap((post) => post().map((entry) => entry.kind)));
    expect([...posted].sort()).toEqual([...ENTRY_KINDS].sort());
  });

  it.each<[string, () => LedgerEntry[]]>([
    ['initialBalancePostings', () => initialBalancePostings('alice', 0)],
    ['adminGrantPostings', () => adminGrantPostings('alice', 0)],
    ['marketCreationPostings', () => marketCreationPostings('alice', 0)],
    ['proposalRefundPostings', () => proposalRefundPostings('alice', 0)],
    ['addAnswerFeePostings', () => addAnswerFeePostings('alice', 0)],
    ['betPostings', () => betPostings(7, 'alice', { amount: 0, initialFee: 0, transactionFee: 0 })],
    [
      'salePostings',
      () => salePostings(7, 'alice', { ...SALE_PLAN, row: { ...SALE_PLAN.row, dust: 0 }, toUser: 0, toHouse: 0 }),
    ],
    [
      'resolutionPostings',
      () => resolutionPostings(7, { ...SETTLEMENT, credits: [], poolToHouse: 0, workProfit: null }),
    ],
  ])('%s posts nothing for zero amounts', (_, post) => {
    expect(post()).toEqual([]);
  });

  it.each<[string, () => LedgerEntry[], string]>([
    ['a fractional initial balance', () => initialBalancePostings('alice', 0.5), 'INVALID_AMOUNT'],
    ['a non-finite grant', () => adminGrantPostings('alice', Number.NaN), 'NON_FINITE_NUMBER'],
    ['an unsafe creation cost', () => marketCreationPostings('alice', 2 ** 53), 'INVALID_AMOUNT'],
    ['an infinite proposal refund', () => proposalRefundPostings('alice', Infinity), 'NON_FINITE_NUMBER'],
    ['a fractional answer fee', () => addAnswerFeePostings('alice', 1.5), 'INVALID_AMOUNT'],
    [
      'a fractional buy fee',
      () => betPostings(7, 'alice', { amount: 10, initialFee: 0, transactionFee: 0.5 }),
      'INVALID_AMOUNT',
    ],
    [
      'non-finite sale proceeds',
      () => salePostings(7, 'alice', { ...SALE_PLAN, toUser: Number.NaN }),
      'NON_FINITE_NUMBER',
    ],
    [
      'a fractional payout',
      () => resolutionPostings(7, { ...SETTLEMENT, credits: [{ username: 'bob', amount: 2.5, kind: 'WIN' }] }),
      'INVALID_AMOUNT',
    ],
  ])('refuse %s as transfer does', (_, post, code) => {
    expect(errorCode(post)).toBe(code);
  });
});

describe('adminGrantPostings', () => {
  it('mints a grant to the user and takes a negative adjustment back to the mint', () => {
    expect(adminGrantPostings('bob', 30)).toEqual([{ kind: 'ADMIN_GRANT', from: 'mint', to: 'user:bob', amount: 30 }]);
    expect(adminGrantPostings('bob', -30)).toEqual([{ kind: 'ADMIN_GRANT', from: 'user:bob', to: 'mint', amount: 30 }]);
  });
});

describe('betPostings', () => {
  it('charges the amount to the pool and both fees to the house', () => {
    expect(betPostings(7, 'alice', { amount: 20, initialFee: 1, transactionFee: 2 })).toEqual([
      { kind: 'BUY', from: 'user:alice', to: 'pool:7', amount: 20 },
      { kind: 'INITIAL_BET_FEE', from: 'user:alice', to: 'house', amount: 1 },
      { kind: 'BUY_FEE', from: 'user:alice', to: 'house', amount: 2 },
    ]);
  });
});

describe('salePostings', () => {
  it('pays the net proceeds to the seller and the withheld part to the house, dust first', () => {
    expect(SALE_PLAN).toMatchObject({ toUser: 2, toHouse: 2, row: { amount: -4, dust: 1 } });
    expect(salePostings(7, 'alice', SALE_PLAN)).toEqual([
      { kind: 'SALE', from: 'pool:7', to: 'user:alice', amount: 2 },
      { kind: 'SALE_DUST', from: 'pool:7', to: 'house', amount: 1 },
      { kind: 'SELL_FEE', from: 'pool:7', to: 'house', amount: 1 },
    ]);
  });
});

describe('resolutionPostings', () => {
  it('empties the pool: payouts, then the remainder, then the steward’s work profit from the house', () => {
    const settlement: Settlement = {
      resolution: 'NO',
      volume: 50,
      credits: [
        { username: 'alice', amount: 12, kind: 'WIN' },
        { username: 'bob', amount: 37, kind: 'WIN' },
      ],
      poolToHouse: 1,
      workProfit: { username: 'carol', amount: 3 },
    };
    const entries = resolutionPostings(4, settlement);
    expect(entries).toEqual([
      { kind: 'WIN', from: 'pool:4', to: 'user:alice', amount: 12 },
      { kind: 'WIN', from: 'pool:4', to: 'user:bob', amount: 37 },
      { kind: 'POOL_REMAINDER', from: 'pool:4', to: 'house', amount: 1 },
      { kind: 'WORK_PROFIT', from: 'house', to: 'user:carol', amount: 3 },
    ]);
    expect(netChanges(entries).get('pool:4')).toBe(-settlement.volume);
  });

  it('debits a negative N/A refund from the user into the pool', () => {
    const settlement: Settlement = {
      resolution: 'N/A',
      volume: 6,
      credits: [
        { username: 'alice', amount: -4, kind: 'REFUND' },
        { username: 'bob', amount: 10, kind: 'REFUND' },
      ],
      poolToHouse: 0,
      workProfit: null,
    };
    expect(resolutionPostings(4, settlement)).toEqual([
      { kind: 'REFUND', from: 'user:alice', to: 'pool:4', amount: 4 },
      { kind: 'REFUND', from: 'pool:4', to: 'user:bob', amount: 10 },
    ]);
  });
});
