import { describe, expect, it } from 'vitest';
import { buy, DEFAULT_SEEDS, errorCode, sale, UNIT_SEEDS } from '../../test/rows.ts';
import { checkAppend, marketDust, marketVolume, orderRows, validateHistory } from './history.ts';
import type { BetRow, Seeds } from './types.ts';

describe('orderRows', () => {
  it('sorts a copy by placedAt, then id, without touching the input', () => {
    const rows = [buy(3, 'c', 'YES', 5, 2000), buy(1, 'a', 'NO', 7, 2000), buy(2, 'b', 'YES', 9, 1000)];
    const snapshot = structuredClone(rows);
    expect(orderRows(rows).map((row) => row.id)).toEqual([2, 1, 3]);
    expect(rows).toEqual(snapshot);
  });

  it('returns a new array even when the input is already in order', () => {
    const rows = [buy(1, 'a', 'YES', 1), buy(2, 'b', 'NO', 1)];
    const ordered = orderRows(rows);
    expect(ordered).toEqual(rows);
    expect(ordered).not.toBe(rows);
  });
});

describe('marketVolume and marketDust', () => {
  it('sums signed credits, and the dust of sale rows only (absent dust counts 0)', () => {
    const rows = [buy(1, 'a', 'YES', 50), sale(2, 'a', 'YES', 20, 10, 2), sale(3, 'a', 'YES', 5), buy(4, 'b', 'NO', 3)];
    expect(marketVolume(rows)).toBe(28);
    expect(marketDust(rows)).toBe(2);
  });
});

describe('validateHistory', () => {
  const valid = [buy(1, 'a', 'YES', 10), buy(2, 'b', 'NO', 20), sale(3, 'a', 'YES', 4, 2, 0)];

  it('accepts a valid history, buy rows with explicit nulls included', () => {
    expect(validateHistory(valid, DEFAULT_SEEDS)).toBeUndefined();
    expect(validateHistory([{ ...buy(1, 'a', 'YES', 1), shares: null, dust: null }], DEFAULT_SEEDS)).toBeUndefined();
  });

  it.each<[string, Partial<Seeds>]>([
    ['P0 below 0', { initialProbability: -0.1 }],
    ['P0 above 1', { initialProbability: 1.1 }],
    ['P0 NaN', { initialProbability: Number.NaN }],
    ['I of 0', { initialSubsidization: 0 }],
    ['fractional I', { initialSubsidization: 1.5 }],
    ['negative Y0', { initialYes: -1 }],
    ['fractional N0', { initialNo: 0.5 }],
  ])('rejects seeds with %s', (_, change) => {
    expect(errorCode(() => validateHistory([], { ...DEFAULT_SEEDS, ...change }))).toBe('INVALID_SEEDS');
  });

  it.each<[string, Record<string, unknown>]>([
    ['a fractional id', { id: 1.5 }],
    ['an empty username', { username: '' }],
    ['an unknown outcome', { outcome: 'MAYBE' }],
    ['a zero amount', { amount: 0 }],
    ['a fractional amount', { amount: 2.5 }],
    ['a missing placedAt', { placedAt: undefined }],
    ['a buy row with shares', { shares: 3 }],
    ['a buy row with dust', { dust: 0 }],
    ['a sale row without shares', { amount: -1, shares: null }],
    ['a sale row with zero shares', { amount: -1, shares: 0 }],
    ['negative dust', { amount: -2, shares: 2, dust: -1 }],
    ['dust above the sale value', { amount: -2, shares: 2, dust: 3 }],
    ['fractional dust', { amount: -2, shares: 2, dust: 0.5 }],
  ])('rejects a row with %s', (_, change) => {
    const row = { ...buy(9, 'z', 'YES', 1, 9999), ...change } as BetRow;
    expect(errorCode(() => validateHistory([buy(1, 'a', 'YES', 10), row], DEFAULT_SEEDS))).toBe('INVALID_HISTORY');
  });

  it('rejects a row that is not an object', () => {
    expect(errorCode(() => validateHistory([null as unknown as BetRow], DEFAULT_SEEDS))).toBe('INVALID_HISTORY');
  });

  it('rejects duplicate ids, even when they are not neighbours in canonical order', () => {
    const rows = [buy(5, 'a', 'YES', 1, 1000), buy(6, 'b', 'YES', 1, 2000), buy(5, 'c', 'NO', 1, 3000)];
    expect(errorCode(() => validateHistory(rows, DEFAULT_SEEDS))).toBe('INVALID_HISTORY');
  });

  it('accepts unique ids that do not follow placedAt', () => {
    expect(validateHistory([buy(2, 'a', 'YES', 1, 1000), buy(1, 'b', 'NO', 1, 2000)], DEFAULT_SEEDS)).toBeUndefined();
  });

  it('replays in canonical order, not in the order given', () => {
    const rows = [sale(2, 'a', 'YES', 5), buy(1, 'a', 'YES', 10)];
    expect(validateHistory(rows, DEFAULT_SEEDS)).toBeUndefined();
    const late = [buy(1, 'a', 'YES', 10, 5000), sale(2, 'a', 'YES', 5, 5, null, 1000)];
    expect(errorCode(() => validateHistory(late, DEFAULT_SEEDS))).toBe('INVALID_HISTORY');
  });

  it('rejects a probability above 1 and one below 0', () => {
    const above = [buy(1, 'a', 'YES', 100), sale(2, 'b', 'NO', 20)];
    const below = [buy(1, 'a', 'NO', 30), buy(2, 'c', 'YES', 1), sale(3, 'a', 'YES', 2)];
    expect(errorCode(() => validateHistory(above, DEFAULT_SEEDS))).toBe('INVALID_HISTORY');
    expect(errorCode(() => validateHistory(below, UNIT_SEEDS))).toBe('INVALID_HISTORY');
  });
});

describe('checkAppend', () => {
  const rows = [buy(1, 'a', 'YES', 10), buy(2, 'b', 'NO', 10)];

  it('accepts a candidate that keeps the market valid', () => {
    expect(checkAppend(rows, DEFAULT_SEEDS, sale(3, 'a', 'YES', 10))).toBeUndefined();
  });

  it('rejects a candidate that would take the pool below 0', () => {
    expect(errorCode(() => checkAppend(rows, DEFAULT_SEEDS, sale(3, 'a', 'YES', 21)))).toBe('POOL_NEGATIVE');
  });

  it('rejects a candidate that would push p above 1', () => {
    expect(errorCode(() => checkAppend(rows, DEFAULT_SEEDS, sale(3, 'b', 'NO', 20)))).toBe('PROBABILITY_OUT_OF_RANGE');
  });

  it('rejects a malformed candidate or one whose id is taken', () => {
    expect(errorCode(() => checkAppend(rows, DEFAULT_SEEDS, buy(3, 'a', 'YES', 0)))).toBe('INVALID_HISTORY');
    expect(errorCode(() => checkAppend(rows, DEFAULT_SEEDS, buy(2, 'a', 'YES', 1, 9000)))).toBe('INVALID_HISTORY');
  });

  it('validates the existing history first', () => {
    const broken = [buy(1, 'a', 'YES', 1), sale(2, 'a', 'YES', 5)];
    expect(errorCode(() => checkAppend(broken, DEFAULT_SEEDS, buy(3, 'a', 'YES', 1)))).toBe('INVALID_HISTORY');
  });
});
