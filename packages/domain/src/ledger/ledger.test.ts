import { describe, expect, it } from 'vitest';
import { errorCode } from '../../test/rows.ts';
import {
  applyEntries,
  HOUSE,
  MINT,
  netChanges,
  parseAccount,
  poolAccount,
  splitHouseIncome,
  transfer,
  userAccount,
  type AccountKey,
} from './ledger.ts';

describe('transfer', () => {
  it('moves a positive amount from → to, a negative one the other way, and nothing for 0', () => {
    expect(transfer('WIN', poolAccount(1), userAccount('a'), 5)).toEqual([
      { kind: 'WIN', from: 'pool:1', to: 'user:a', amount: 5 },
    ]);
    expect(transfer('REFUND', poolAccount(1), userAccount('a'), -3)).toEqual([
      { kind: 'REFUND', from: 'user:a', to: 'pool:1', amount: 3 },
    ]);
    expect(transfer('BUY_FEE', userAccount('a'), HOUSE, 0)).toEqual([]);
  });

  it.each<[string, number, AccountKey, string]>([
    ['NaN', Number.NaN, HOUSE, 'NON_FINITE_NUMBER'],
    ['Infinity', Infinity, HOUSE, 'NON_FINITE_NUMBER'],
    ['a fraction', 0.5, HOUSE, 'INVALID_AMOUNT'],
    ['an unsafe integer', 2 ** 53, HOUSE, 'INVALID_AMOUNT'],
    ['a move to the same account', 1, MINT, 'INVALID_AMOUNT'],
  ])('refuses %s', (_, amount, to, code) => {
    expect(errorCode(() => transfer('ADMIN_GRANT', MINT, to, amount))).toBe(code);
  });
});

describe('applyEntries and netChanges', () => {
  it('applies entries to a copy and nets each transaction to zero', () => {
    const entries = [
      ...transfer('BUY', userAccount('a'), poolAccount(2), 10),
      ...transfer('INITIAL_BET_FEE', userAccount('a'), HOUSE, 1),
    ];
    const before = new Map<AccountKey, number>([[userAccount('a'), 50]]);
    const after = applyEntries(before, entries);
    expect(before.get(userAccount('a'))).toBe(50);
    expect(after).toEqual(new Map([['user:a', 39], ['pool:2', 10], ['house', 1]]));
    const changes = netChanges(entries);
    expect([...changes.values()].reduce((sum, change) => sum + change, 0)).toBe(0);
  });
});

describe('parseAccount', () => {
  it.each<[AccountKey, object]>([
    ['house', { type: 'house' }],
    ['mint', { type: 'mint' }],
    ['user:pool:7', { type: 'user', username: 'pool:7' }],
    ['pool:7', { type: 'pool', marketId: 7 }],
  ])('reads %s', (key, expected) => {
    expect(parseAccount(key)).toEqual(expected);
  });
});

describe('splitHouseIncome', () => {
  it('splits the house balance by origin, refunds and work profit included', () => {
    const user = userAccount('a');
    const entries = [
      ...transfer('MARKET_CREATION', user, HOUSE, 10),
      ...transfer('PROPOSAL_REFUND', HOUSE, user, 4),
      ...transfer('INITIAL_BET_FEE', user, HOUSE, 3),
      ...transfer('WORK_PROFIT', HOUSE, user, 2),
      ...transfer('SALE_DUST', poolAccount(1), HOUSE, 1),
      ...transfer('POOL_REMAINDER', poolAccount(1), HOUSE, 5),
      ...transfer('BUY', user, poolAccount(1), 50),
    ];
    expect(splitHouseIncome(entries)).toEqual({ creationFees: 6, participationFees: 1, otherIncome: 6 });
  });
});
