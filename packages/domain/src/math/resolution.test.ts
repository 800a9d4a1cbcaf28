import { describe, expect, it } from 'vitest';
import { buy, DEFAULT_SEEDS, errorCode, sale } from '../../test/rows.ts';
import { resolvePayouts, workIncome } from './resolution.ts';
import type { Resolution } from './types.ts';

describe('workIncome', () => {
  it('counts distinct buyers, not sellers', () => {
    const rows = [buy(1, 'a', 'YES', 5), buy(2, 'a', 'NO', 5), buy(3, 'b', 'YES', 5), sale(4, 'b', 'YES', 1)];
    expect(workIncome(rows, 2)).toBe(4);
    expect(workIncome([], 2)).toBe(0);
  });
});

describe('resolvePayouts', () => {
  // docs/market-model.md#worked-example rows 1–5.
  const rows = [
    buy(1, 'alice', 'NO', 10),
    buy(2, 'bob', 'NO', 30),
    buy(3, 'carol', 'YES', 10),
    sale(4, 'alice', 'NO', 4, 2, 1),
    buy(5, 'carol', 'YES', 20),
  ];
  const fee = { initialBetFee: 1 };

  it('pays the winners exactly V and the steward the first-bet fees', () => {
    expect(resolvePayouts(rows, DEFAULT_SEEDS, 'NO', fee, 'dave')).toEqual({
      resolution: 'NO',
      volume: 66,
      credits: [
        { username: 'alice', amount: 19, kind: 'WIN' },
        { username: 'bob', amount: 47, kind: 'WIN' },
      ],
      poolToHouse: 0,
      workProfit: { username: 'dave', amount: 3 },
    });
  });

  it('refunds net credits on N/A, omitting users whose net is 0, and pays no work profit', () => {
    const netZero = [...rows, buy(6, 'erin', 'YES', 5), sale(7, 'erin', 'YES', 5, 5, 0)];
    expect(resolvePayouts(netZero, DEFAULT_SEEDS, 'N/A', fee, 'dave')).toEqual({
      resolution: 'N/A',
      volume: 66,
      credits: [
        { username: 'alice', amount: 6, kind: 'REFUND' },
        { username: 'bob', amount: 30, kind: 'REFUND' },
        { username: 'carol', amount: 30, kind: 'REFUND' },
      ],
      poolToHouse: 0,
      workProfit: null,
    });
  });

  it('sends V to the house when nobody holds the winning side (policy 4)', () => {
    const oneSided = [buy(1, 'a', 'NO', 10), buy(2, 'b', 'NO', 20)];
    const settlement = resolvePayouts(oneSided, DEFAULT_SEEDS, 'YES', { initialBetFee: 0 }, 'dave');
    expect(settlement).toMatchObject({ credits: [], poolToHouse: 30, workProfit: null });
  });

  it('pays no work profit for a market without participants', () => {
    expect(resolvePayouts([], DEFAULT_SEEDS, 'YES', fee, 'dave')).toEqual({
      resolution: 'YES',
      volume: 0,
      credits: [],
      poolToHouse: 0,
      workProfit: null,
    });
  });

  it.each([null, 'MAYBE'])('rejects the resolution %s', (resolution) => {
    expect(errorCode(() => resolvePayouts(rows, DEFAULT_SEEDS, resolution as Resolution, fee, 'dave'))).toBe(
      'INVALID_RESOLUTION',
    );
  });
});
