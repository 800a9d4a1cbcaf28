// The ledger figures the reporting use cases share (docs/market-model.md#system-metrics; docs/api.md#t1-39, T1-40).
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import { MINT, type EntryKind } from '../../ledger/ledger.ts';
import type { HouseIncome } from '../../math/types.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { Repositories } from '../../ports/unit-of-work.port.ts';

export interface LedgerSnapshot {
  /** every user's balance */
  readonly balances: number[];
  /** Σ pool balances of unresolved markets */
  readonly openPoolTotal: number;
  /** −(mint balance) */
  readonly minted: number;
  readonly sumsByKind: Readonly<Record<EntryKind, number>>;
}

export function readLedgerSnapshot(
  deps: Pick<Repositories, 'ledger' | 'markets'>,
): ResultAsync<LedgerSnapshot, InfrastructureError> {
  return safeTry(async function* () {
    const balances = (yield* deps.ledger.userBalances()).map((entry) => entry.balance);
    const pools = yield* deps.ledger.poolBalances();
    const markets = yield* deps.markets.findByIds([...pools.keys()]);
    const open = new Set(markets.filter((market) => market.lifecycleStatus !== 'resolved').map((market) => market.id));
    const openPoolTotal = [...pools].reduce(
      (sum, [marketId, balance]) => (open.has(marketId) ? sum + balance : sum),
      0,
    );
    // 0 − x rather than −x, so that an untouched mint reports 0, not −0.
    const minted = 0 - (yield* deps.ledger.balanceOf(MINT));
    return ok({ balances, openPoolTotal, minted, sumsByKind: yield* deps.ledger.sumsByKind() });
  });
}

/** The house balance split by origin (docs/market-model.md#system-metrics). */
export function houseIncomeFrom(sums: Readonly<Record<EntryKind, number>>): HouseIncome {
  return {
    creationFees: sums.MARKET_CREATION - sums.PROPOSAL_REFUND,
    participationFees: sums.INITIAL_BET_FEE - sums.WORK_PROFIT,
    otherIncome: sums.BUY_FEE + sums.SELL_FEE + sums.SALE_DUST + sums.POOL_REMAINDER + sums.ADD_ANSWER_FEE,
  };
}
