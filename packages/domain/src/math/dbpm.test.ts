import { describe, expect, it } from 'vitest';
import { buy, DEFAULT_SEEDS, sale, UNIT_SEEDS } from '../../test/rows.ts';
import {
  aggregatePositions,
  correctExcess,
  coursePayouts,
  finalPayouts,
  netPositions,
  normalizationFactors,
  poolSplit,
  scaledPayouts,
} from './dbpm.ts';
import { orderRows } from './history.ts';
import { probabilitySeries } from './wpam.ts';

describe('poolSplit', () => {
  it('returns empty pools without probabilities', () => {
    expect(poolSplit([], [])).toEqual({ yes: 0, no: 0 });
  });

  it('gives a single credit (V = 1) to the side with more signed credits, whatever R says', () => {
    const yesWins = [buy(1, 'a', 'YES', 1), buy(2, 'b', 'NO', 1), sale(3, 'b', 'NO', 1)];
    const noWins = [buy(1, 'a', 'YES', 1), sale(2, 'a', 'YES', 1), buy(3, 'b', 'NO', 1)];
    expect(poolSplit(yesWins, [0.5, 0.6, 0.5, 0.01])).toEqual({ yes: 1, no: 0 });
    expect(poolSplit(noWins, [0.5, 0.6, 0.5, 0.99])).toEqual({ yes: 0, no: 1 });
  });

  it('rounds each side on its own, half away from zero', () => {
    expect(poolSplit([buy(1, 'a', 'YES', 50)], [0.5, 0.25])).toEqual({ yes: 13, no: 38 });
  });
});

describe('normalizationFactors and scaledPayouts', () => {
  it('gives factor 0 to a side whose course payouts do not sum above 0', () => {
    const rows = [buy(1, 'a', 'YES', 10), sale(2, 'a', 'YES', 5)];
    expect(normalizationFactors(rows, [0, -1.5], { yes: 3, no: 2 })).toEqual({ yes: 0, no: 0 });
  });

  it('scales YES and NO rows by their own factor and rounds', () => {
    const rows = [buy(1, 'a', 'YES', 10), buy(2, 'b', 'NO', 10)];
    expect(scaledPayouts(rows, [1.25, -0.5], { yes: 2, no: 5 })).toEqual([3, -3]);
  });
});

describe('correctExcess', () => {
  it('returns an empty list for no payouts', () => {
    expect(correctExcess([], 10)).toEqual([]);
  });

  it('takes an excess evenly, the remainder from the newest rows', () => {
    expect(correctExcess([10, 10, 10], 25)).toEqual([9, 8, 8]);
  });

  it('adds a shortfall evenly, the remainder to the oldest rows, sale and zero rows included', () => {
    expect(correctExcess([10, 0], 1010)).toEqual([510, 500]);
    expect(correctExcess([-2, 0, 3], 6)).toEqual([0, 2, 4]);
  });

  it('does not mutate its input', () => {
    const payouts = [5, 5];
    correctExcess(payouts, 4);
    expect(payouts).toEqual([5, 5]);
  });
});

describe('aggregatePositions', () => {
  it('clamps negative side totals, nets the sides and lists every bettor by code-unit order', () => {
    const rows = [buy(1, 'bob', 'YES', 1), buy(2, 'Zed', 'NO', 1), sale(3, 'bob', 'NO', 1), buy(4, 'amy', 'NO', 1)];
    expect(aggregatePositions(rows, [7, 4, -3, 4])).toEqual([
      { username: 'Zed', yesShares: 0, noShares: 4 },
      { username: 'amy', yesShares: 0, noShares: 4 },
      { username: 'bob', yesShares: 7, noShares: 0 },
    ]);
    expect(aggregatePositions(rows.slice(0, 1), [0])).toEqual([{ username: 'bob', yesShares: 0, noShares: 0 }]);
  });
});

describe('finalPayouts and netPositions', () => {
  const rows = [buy(3, 'carol', 'YES', 10), buy(1, 'alice', 'NO', 10), buy(2, 'bob', 'NO', 30)];

  it('follows the docs/market-model.md#worked-example worked example, aligned with orderRows', () => {
    expect(finalPayouts(rows, DEFAULT_SEEDS)).toEqual([4, 42, 4]);
    expect(orderRows(rows).map((row) => row.username)).toEqual(['alice', 'bob', 'carol']);
    expect(netPositions(rows, DEFAULT_SEEDS)).toEqual([
      { username: 'alice', yesShares: 0, noShares: 4 },
      { username: 'bob', yesShares: 0, noShares: 42 },
      { username: 'carol', yesShares: 4, noShares: 0 },
    ]);
  });

  it('matches the step functions composed by hand', () => {
    const ordered = orderRows(rows);
    const probabilities = probabilitySeries(rows, UNIT_SEEDS);
    const course = coursePayouts(ordered, probabilities);
    const factors = normalizationFactors(ordered, course, poolSplit(ordered, probabilities));
    expect(finalPayouts(rows, UNIT_SEEDS)).toEqual(correctExcess(scaledPayouts(ordered, course, factors), 50));
  });
});
