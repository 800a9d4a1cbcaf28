import { describe, expect, it } from 'vitest';
import { buy, DEFAULT_SEEDS, errorCode, sale, UNIT_SEEDS } from '../../test/rows.ts';
import { globalLeaderboard, marketLeaderboard, positionType } from './leaderboards.ts';
import type { Resolution } from './types.ts';

describe('positionType', () => {
  it.each([
    [3, 0, 'YES'],
    [0, 3, 'NO'],
    [3, 3, 'NEUTRAL'],
    [0, 0, 'NONE'],
  ])('calls yes %d / no %d %s', (yes, no, expected) => {
    expect(positionType(yes, no)).toBe(expected);
  });
});

describe('marketLeaderboard', () => {
  const rows = [buy(1, 'alice', 'NO', 10), buy(2, 'bob', 'NO', 30), buy(3, 'carol', 'YES', 10)];

  it('ranks holders by profit, skipping users without shares', () => {
    const withFlat = [...rows, buy(4, 'dave', 'YES', 1)];
    const board = marketLeaderboard(withFlat, DEFAULT_SEEDS, 'NO');
    expect(board.map(({ username, profit, position, rank }) => ({ username, profit, position, rank }))).toEqual([
      { username: 'bob', profit: 14, position: 'NO', rank: 1 },
      { username: 'alice', profit: -3, position: 'NO', rank: 2 },
      { username: 'carol', profit: -10, position: 'YES', rank: 3 },
    ]);
  });

  it('breaks profit ties by first bet, then username', () => {
    const twins = [buy(1, 'b', 'YES', 10, 1000), buy(2, 'a', 'YES', 10, 1000), buy(3, 'c', 'YES', 10, 500)];
    const board = marketLeaderboard(twins, DEFAULT_SEEDS, 'N/A');
    expect(board.map((row) => row.username)).toEqual(['c', 'a', 'b']);
  });

  it('rejects a resolution outside its type', () => {
    expect(errorCode(() => marketLeaderboard(rows, DEFAULT_SEEDS, 'X' as Resolution))).toBe('INVALID_RESOLUTION');
  });
});

describe('globalLeaderboard', () => {
  it('accumulates every position of every market, each with its own seeds', () => {
    const resolved = [buy(1, 'a', 'YES', 10, 50), buy(2, 'b', 'NO', 10, 60)];
    const open = [buy(1, 'b', 'YES', 5, 10), buy(2, 'a', 'NO', 5, 20), sale(3, 'a', 'NO', 5)];
    // a: 20 − 10 in the resolved market plus 2 − 0 in the open one; b: 0 − 10 plus 3 − 5.
    const board = globalLeaderboard([
      { rows: resolved, resolution: 'YES', seeds: UNIT_SEEDS },
      { rows: open, resolution: null, seeds: DEFAULT_SEEDS },
      { rows: [], resolution: 'N/A', seeds: DEFAULT_SEEDS },
    ]);
    expect(board).toEqual([
      {
        username: 'a',
        totalProfit: 12,
        totalCurrentValue: 22,
        totalSpent: 10,
        activeMarkets: 1,
        resolvedMarkets: 1,
        earliestPlacedAt: 20,
        rank: 1,
      },
      {
        username: 'b',
        totalProfit: -12,
        totalCurrentValue: 3,
        totalSpent: 15,
        activeMarkets: 1,
        resolvedMarkets: 1,
        earliestPlacedAt: 10,
        rank: 2,
      },
    ]);
  });

  it('validates every market it receives', () => {
    const markets = [{ rows: [], resolution: null, seeds: { ...DEFAULT_SEEDS, initialProbability: 2 } }];
    expect(errorCode(() => globalLeaderboard(markets))).toBe('INVALID_SEEDS');
  });
});
