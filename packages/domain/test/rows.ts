// Row and seed builders shared by the domain tests.
import type { BetRow, Outcome, Seeds } from '../src/math/index.ts';

export const DEFAULT_SEEDS: Seeds = { initialProbability: 0.5, initialSubsidization: 10, initialYes: 0, initialNo: 0 };
export const UNIT_SEEDS: Seeds = { ...DEFAULT_SEEDS, initialSubsidization: 1 };

/** A buy row; placedAt defaults to id × 1000 so ids and times agree. */
export function buy(id: number, username: string, outcome: Outcome, amount: number, placedAt = id * 1000): BetRow {
  return { id, username, outcome, amount, placedAt };
}

/** A sale row of `credits` credits and `shares` shares (a value per share of 1 unless told otherwise). */
export function sale(
  id: number,
  username: string,
  outcome: Outcome,
  credits: number,
  shares = credits,
  dust: number | null = null,
  placedAt = id * 1000,
): BetRow {
  return { id, username, outcome, amount: -credits, shares, dust, placedAt };
}

/** Runs `action` and returns the code of the DomainError it throws (fails the test if it throws nothing). */
export function errorCode(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof Error && 'code' in error) return String(error.code);
    throw error;
  }
  throw new Error('expected a DomainError');
}
