import { describe, expect, it } from 'vitest';
import { DEFAULT_SEEDS, errorCode } from '../../test/rows.ts';
import { simulateMarket } from './simulation.ts';
import type { SimulationInput, SimulationStep } from './types.ts';

const CONFIG = {
  initialBetFee: 1,
  buySharesFee: 0,
  sellSharesFee: 0,
  maxDustPerSale: 1,
  maximumDebtAllowed: 500,
  createMarketCost: 10,
  initialAccountBalance: 0,
};

function input(steps: SimulationStep[], change: Partial<SimulationInput> = {}): SimulationInput {
  return { seeds: DEFAULT_SEEDS, config: CONFIG, users: ['zoe', 'amy', 'bo'], creator: 'bo', steps, ...change };
}

describe('simulateMarket', () => {
  it('records each rejection with its code and changes nothing for it', () => {
    const result = simulateMarket(
      input([
        { kind: 'buy', username: 'amy', outcome: 'MAYBE' as 'YES', amount: 5 },
        { kind: 'buy', username: 'amy', outcome: 'YES', amount: 0 },
        { kind: 'buy', username: 'eve', outcome: 'YES', amount: 5 },
        { kind: 'buy', username: 'amy', outcome: 'YES', amount: 600 },
        { kind: 'sell', username: 'amy', outcome: 'YES', credits: 1.5 },
        { kind: 'sell', username: 'eve', outcome: 'YES', credits: 5 },
        { kind: 'sell', username: 'amy', outcome: 'YES', credits: 5 },
        { kind: 'resolve', resolution: 'maybe' as 'YES' },
        { kind: 'buy', username: 'amy', outcome: 'YES', amount: 5 },
        { kind: 'resolve', resolution: 'YES' },
        { kind: 'sell', username: 'amy', outcome: 'YES', credits: 5 },
        { kind: 'buy', username: 'zoe', outcome: 'NO', amount: 5 },
      ]),
    );
    expect(result.steps.map((step) => (step.ok ? 'ok' : step.error))).toEqual([
      'INVALID_OUTCOME',
      'INVALID_AMOUNT',
      'UNKNOWN_USER',
      'INSUFFICIENT_BALANCE',
      'INVALID_AMOUNT',
      'UNKNOWN_USER',
      'NO_POSITION',
      'INVALID_RESOLUTION',
      'ok',
      'ok',
      'MARKET_CLOSED',
      'MARKET_CLOSED',
    ]);
    expect(result.rows).toEqual([{ id: 1, username: 'amy', outcome: 'YES', amount: 5, placedAt: 9 }]);
    expect(result.balances).toEqual({ amy: -1, bo: -9, zoe: 0 });
    expect(Object.keys(result.balances)).toEqual(['amy', 'bo', 'zoe']);
    expect(result).toMatchObject({ resolution: 'YES', pool: 0, house: 10, mint: 0 });
    expect(result.houseIncome).toEqual({ creationFees: 10, participationFees: 0, otherIncome: 0 });
    expect(result.invariants).toEqual({ sumOfAllAccounts: 0, poolMinusOpenVolume: 0 });
  });

  it('keeps the pool equal to V while the market is open and mints once per user', () => {
    const result = simulateMarket(
      input([{ kind: 'buy', username: 'amy', outcome: 'NO', amount: 7 }], {
        users: ['amy', 'bo', 'amy'],
        config: { ...CONFIG, initialAccountBalance: 20 },
      }),
    );
    expect(result).toMatchObject({ pool: 7, mint: -40, resolution: null, balances: { amy: 12, bo: 10 } });
    expect(result.invariants).toEqual({ sumOfAllAccounts: 0, poolMinusOpenVolume: 0 });
  });

  it.each<[string, Partial<SimulationInput>, string]>([
    ['invalid seeds', { seeds: { ...DEFAULT_SEEDS, initialSubsidization: 0 } }, 'INVALID_SEEDS'],
    ['a creator who is not a user', { creator: 'eve' }, 'UNKNOWN_USER'],
    ['a creator who cannot pay', { config: { ...CONFIG, maximumDebtAllowed: 5 } }, 'INSUFFICIENT_BALANCE'],
  ])('throws for %s', (_, change, code) => {
    expect(errorCode(() => simulateMarket(input([], change)))).toBe(code);
  });

  it('throws INVALID_STEP for a step of unknown kind', () => {
    const steps = [{ kind: 'split' } as unknown as SimulationStep];
    expect(errorCode(() => simulateMarket(input(steps)))).toBe('INVALID_STEP');
  });

  it('lets programming errors through instead of recording them as rejections', () => {
    const step = {
      kind: 'buy',
      get username(): string {
        throw new TypeError('boom');
      },
    } as unknown as SimulationStep;
    expect(() => simulateMarket(input([step]))).toThrow(TypeError);
  });
});
