import { describe, expect, it } from 'vitest';
import { buy, DEFAULT_SEEDS, errorCode, sale } from '../../test/rows.ts';
import { currentProbability, probabilitySeries, projectProbability } from './wpam.ts';

describe('WPAM', () => {
  const rows = [
    buy(1, 'one', 'NO', 20),
    buy(2, 'two', 'YES', 10),
    buy(3, 'three', 'YES', 10),
    sale(4, 'one', 'NO', 10),
  ];

  it('follows the docs/market-model.md#wpam-probability examples, whatever order the rows come in', () => {
    const expected = [0.5, 0.16666666666666666, 0.375, 0.5, 0.625];
    expect(probabilitySeries(rows, DEFAULT_SEEDS)).toEqual(expected);
    expect(probabilitySeries(rows.slice().reverse(), DEFAULT_SEEDS)).toEqual(expected);
    expect(currentProbability(rows, DEFAULT_SEEDS)).toBe(0.625);
  });

  it('starts from P0 even when the seeds carry initial YES and NO', () => {
    expect(probabilitySeries([], { ...DEFAULT_SEEDS, initialProbability: 0.3, initialYes: 5 })).toEqual([0.3]);
  });

  it('projects a hypothetical buy on either side', () => {
    expect(projectProbability(rows, DEFAULT_SEEDS, { outcome: 'NO', amount: 10 })).toBe(25 / 50);
    expect(projectProbability(rows, DEFAULT_SEEDS, { outcome: 'YES', amount: 10 })).toBe(35 / 50);
  });

  it('checks the history, then the outcome, then the amount', () => {
    const broken = [sale(1, 'a', 'YES', 1)];
    const bad = { outcome: 'MAYBE' as 'YES', amount: 0 };
    expect(errorCode(() => projectProbability(broken, DEFAULT_SEEDS, bad))).toBe('INVALID_HISTORY');
    expect(errorCode(() => projectProbability(rows, DEFAULT_SEEDS, bad))).toBe('INVALID_OUTCOME');
    expect(errorCode(() => projectProbability(rows, DEFAULT_SEEDS, { outcome: 'YES', amount: 1.5 }))).toBe(
      'INVALID_AMOUNT',
    );
  });
});
