import { describe, expect, it } from 'vitest';
import { errorCode } from '../../test/rows.ts';
import { roundHalfAwayFromZero } from './rounding.ts';

describe('roundHalfAwayFromZero', () => {
  it.each([
    [2.5, 3],
    [-2.5, -3],
    [0.5, 1],
    [-0.5, -1],
    [1.4999999999999998, 1],
    [-7.6, -8],
    [2 ** 53, 2 ** 53],
  ])('rounds %d to %d', (x, expected) => {
    expect(roundHalfAwayFromZero(x)).toBe(expected);
  });

  it('differs from Math.round on negative halves', () => {
    expect(Math.round(-2.5)).toBe(-2);
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
  });

  it('never returns -0', () => {
    expect(Object.is(roundHalfAwayFromZero(-0.4), 0)).toBe(true);
    expect(Object.is(roundHalfAwayFromZero(-0), 0)).toBe(true);
  });

  it.each([Number.NaN, Infinity, -Infinity])('refuses %d', (x) => {
    expect(errorCode(() => roundHalfAwayFromZero(x))).toBe('NON_FINITE_NUMBER');
  });
});
