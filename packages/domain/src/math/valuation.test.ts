import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buy, DEFAULT_SEEDS, errorCode } from '../../test/rows.ts';
import type { Holding, Resolution, ValueEntry } from './types.ts';
import { adjustValues, positionValues, valuePositions } from './valuation.ts';

/** docs/market-model.md step by step, as written: the reference the level-based implementation must reproduce. */
function naiveAdjust(values: readonly ValueEntry[], target: number): Map<string, number> {
  const holders = values
    .filter((entry) => entry.value > 0)
    .sort(
      (a, b) =>
        b.value - a.value ||
        a.earliestPlacedAt - b.earliestPlacedAt ||
        (a.username < b.username ? -1 : a.username > b.username ? 1 : 0),
    )
    .map((entry) => ({ ...entry }));
  if (holders.length === 0) return new Map(values.map((entry) => [entry.username, entry.value]));
  let delta = target - holders.reduce((sum, entry) => sum + entry.value, 0);
  for (let step = 0; delta > 0; step += 1, delta -= 1) holders[step % holders.length]!.value += 1;
  for (let step = 0; delta < 0 && holders.some((entry) => entry.value > 0); step += 1) {
    const holder = holders[step % holders.length]!;
    if (holder.value === 0) continue;
    holder.value -= 1;
    delta += 1;
  }
  const result = new Map(values.map((entry) => [entry.username, 0]));
  for (const holder of holders) result.set(holder.username, holder.value);
  return result;
}

describe('adjustValues', () => {
  it('hands out a positive delta round-robin by value, first bet, then username', () => {
    const values = [
      { username: 'carol', value: 1, earliestPlacedAt: 3 },
      { username: 'alice', value: 3, earliestPlacedAt: 1 },
      { username: 'bob', value: 32, earliestPlacedAt: 2 },
      { username: 'dave', value: 3, earliestPlacedAt: 1 },
    ];
    expect(adjustValues(values, 45)).toEqual([
      { username: 'alice', value: 5 },
      { username: 'bob', value: 34 },
      { username: 'carol', value: 2 },
      { username: 'dave', value: 4 },
    ]);
  });

  it('removes a negative delta skipping holders at 0 and stops when all are at 0 (policy 8)', () => {
    const values = [
      { username: 'a', value: 1, earliestPlacedAt: 1 },
      { username: 'b', value: 5, earliestPlacedAt: 1 },
      { username: 'c', value: 0, earliestPlacedAt: 1 },
    ];
    expect(adjustValues(values, 2)).toEqual([
      { username: 'a', value: 0 },
      { username: 'b', value: 2 },
      { username: 'c', value: 0 },
    ]);
    expect(adjustValues(values, -100).map((entry) => entry.value)).toEqual([0, 0, 0]);
  });

  it('returns every value unchanged when nobody holds a positive value', () => {
    const values = [
      { username: 'b', value: -2, earliestPlacedAt: 1 },
      { username: 'a', value: 0, earliestPlacedAt: 1 },
    ];
    expect(adjustValues(values, 10)).toEqual([
      { username: 'a', value: 0 },
      { username: 'b', value: -2 },
    ]);
  });

  it('zeroes non-holders once someone holds a value', () => {
    const values = [
      { username: 'a', value: -3, earliestPlacedAt: 1 },
      { username: 'b', value: 4, earliestPlacedAt: 1 },
    ];
    expect(adjustValues(values, 4)).toEqual([
      { username: 'a', value: 0 },
      { username: 'b', value: 4 },
    ]);
  });

  it('agrees with the step-by-step rule of docs/market-model.md', () => {
    const entries = fc.uniqueArray(
      fc.record({
        username: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'B', 'aa'),
        value: fc.integer({ min: -3, max: 40 }),
        earliestPlacedAt: fc.integer({ min: 0, max: 3 }),
      }),
      { selector: (entry) => entry.username, maxLength: 7 },
    );
    fc.assert(
      fc.property(entries, fc.integer({ min: -50, max: 300 }), (values, target) => {
        const expected = naiveAdjust(values, target);
        for (const { username, value } of adjustValues(values, target)) expect(value).toBe(expected.get(username));
      }),
      { numRuns: 500 },
    );
  });
});

describe('positionValues', () => {
  const holdings: Holding[] = [
    { username: 'yes', yesShares: 30, noShares: 0, earliestPlacedAt: 2 },
    { username: 'no', yesShares: 0, noShares: 10, earliestPlacedAt: 1 },
    { username: 'flat', yesShares: 0, noShares: 0, earliestPlacedAt: 3 },
  ];

  it.each<[Resolution | null, number[]]>([
    [null, [0, 17, 23]],
    ['YES', [0, 0, 66]],
    ['NO', [0, 66, 0]],
    ['N/A', [0, 0, 0]],
  ])('values the positions of a market resolved %s, sorted by username', (resolution, values) => {
    const result = positionValues(holdings, 0.4, 66, resolution);
    expect(result.map((entry) => entry.username)).toEqual(['flat', 'no', 'yes']);
    expect(result.map((entry) => entry.value)).toEqual(values);
  });
});

describe('valuePositions', () => {
  const rows = [buy(1, 'alice', 'NO', 10), buy(2, 'bob', 'NO', 30), buy(3, 'carol', 'YES', 10)];

  it('reports the docs/market-model.md#worked-example figures, with totalSpentInPlay only while unresolved', () => {
    const position = (username: string, yes: number, no: number, value: number, spent: number, at: number) => ({
      username,
      yesShares: yes,
      noShares: no,
      value,
      totalSpent: spent,
      totalSpentInPlay: spent,
      earliestPlacedAt: at,
    });
    expect(valuePositions(rows, DEFAULT_SEEDS, null)).toEqual([
      position('alice', 0, 4, 8, 10, 1000),
      position('bob', 0, 42, 37, 30, 2000),
      position('carol', 4, 0, 5, 10, 3000),
    ]);
    expect(valuePositions(rows, DEFAULT_SEEDS, 'YES').map((position) => position.totalSpentInPlay)).toEqual([0, 0, 0]);
  });

  it('rejects a resolution outside its type', () => {
    expect(errorCode(() => valuePositions(rows, DEFAULT_SEEDS, 'MAYBE' as Resolution))).toBe('INVALID_RESOLUTION');
  });
});
