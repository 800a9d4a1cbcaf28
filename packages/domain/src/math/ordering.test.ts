import { describe, expect, it } from 'vitest';
import { byUsername, compareCodeUnits } from './ordering.ts';

describe('compareCodeUnits', () => {
  it('orders by UTF-16 code units, not by locale', () => {
    expect(['b', 'a', 'B', 'é', 'e'].sort(compareCodeUnits)).toEqual(['B', 'a', 'b', 'e', 'é']);
    expect(compareCodeUnits('same', 'same')).toBe(0);
    expect([{ username: 'z' }, { username: 'Z' }].sort(byUsername)).toEqual([{ username: 'Z' }, { username: 'z' }]);
  });
});
