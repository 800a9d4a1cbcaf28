// docs/market-model.md selling: sale requests are in credits; sellablePosition → quoteSale → planSale (shared by quote and sell).
import { assertOutcome, assertPositiveAmount } from './checks.ts';
import { replayPayouts } from './dbpm.ts';
import { DomainError } from './errors.ts';
import { assertAppendable, replayHistory, type MarketReplay } from './history.ts';
import { roundHalfAwayFromZero } from './rounding.ts';
import type { BetRow, Outcome, SaleConfig, SalePlan, SaleQuote, Seeds, Sellable } from './types.ts';
import { replayPositions } from './valuation.ts';

const SUGGESTION_COUNT = 6;

/**
 * docs/market-model.md#sellable-lots step 2: shares still held in the user's unlocked lots. A lot opens with a buy's final payout, unlocks when
 * anyone else buys, and sales consume unlocked lots FIFO; consumeHead only moves forward, so this is linear.
 */
function unlockedLotShares(
  rows: readonly BetRow[],
  payouts: readonly number[],
  username: string,
  outcome: Outcome,
): number {
  const lots: number[] = [];
  let consumeHead = 0;
  let unlockedEnd = 0;
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i]!;
    if (row.username !== username) {
      if (row.amount > 0) unlockedEnd = lots.length;
      continue;
    }
    if (row.outcome !== outcome) continue;
    if (row.amount > 0) {
      if (payouts[i]! > 0) lots.push(payouts[i]!);
      continue;
    }
    // Whatever the unlocked lots cannot cover is dropped; locked lots are never touched.
    let toConsume = row.shares ?? 0;
    while (toConsume > 0 && consumeHead < unlockedEnd) {
      const taken = Math.min(lots[consumeHead]!, toConsume);
      lots[consumeHead] = lots[consumeHead]! - taken;
      toConsume -= taken;
      if (lots[consumeHead] === 0) consumeHead += 1;
    }
  }
  let unlocked = 0;
  for (let k = consumeHead; k < unlockedEnd; k += 1) unlocked += lots[k]!;
  return unlocked;
}

function replaySellable(replay: MarketReplay, username: string, outcome: Outcome): Sellable {
  const payouts = replayPayouts(replay);
  const own = replayPositions(replay, payouts, null).find((position) => position.username === username);
  const currentShares = own === undefined ? 0 : outcome === 'YES' ? own.yesShares : own.noShares;
  const currentValue = own?.value ?? 0;
  const nothing = { shares: 0, value: 0, currentShares, currentValue };
  if (currentShares <= 0 || currentValue <= 0) return nothing;
  const shares = Math.min(unlockedLotShares(replay.rows, payouts, username, outcome), currentShares);
  if (shares <= 0) return nothing;
  const valuePerShare = Math.floor(currentValue / currentShares);
  return { shares, value: Math.min(shares * valuePerShare, currentValue), currentShares, currentValue };
}

export function sellablePosition(rows: readonly BetRow[], seeds: Seeds, username: string, outcome: Outcome): Sellable {
  const replay = replayHistory(rows, seeds);
  assertOutcome(outcome);
  return replaySellable(replay, username, outcome);
}

function credits(count: number): string {
  return count === 1 ? '1 credit' : `${count} credits`;
}

function saleMessage(dust: number, fee: number): string {
  const rounding =
    dust > 0
      ? `Ready to sell: ${credits(dust)} will be withheld as whole-share rounding dust.`
      : 'Ready to sell: no credits are withheld for whole-share rounding.';
  return fee > 0 ? `${rounding} A sell fee of ${credits(fee)} also applies.` : rounding;
}

/**
 * docs/market-model.md#sale-calculator suggestions: the amounts `k * vps + d` (k within one share of the sale, 0 < k ≤ H, 0 ≤ d ≤ D) nearest to the
 * executable amount. Only the few nearest amounts of each of the three ranges can make the cut, so a large dust cap
 * costs nothing.
 */
function suggestedAmounts(
  sharesSold: number,
  held: number,
  valuePerShare: number,
  maxDust: number,
  executable: number,
): number[] {
  const candidates = new Set<number>();
  for (let k = sharesSold - 1; k <= sharesSold + 1; k += 1) {
    if (k <= 0 || k > held) continue;
    const low = k * valuePerShare;
    const high = low + maxDust;
    const nearest = Math.min(Math.max(executable, low), high);
    const from = Math.max(low, nearest - SUGGESTION_COUNT);
    const to = Math.min(high, nearest + SUGGESTION_COUNT);
    for (let amount = from; amount <= to; amount += 1) candidates.add(amount);
  }
  return [...candidates]
    .sort((a, b) => Math.abs(a - executable) - Math.abs(b - executable) || a - b)
    .slice(0, SUGGESTION_COUNT)
    .sort((a, b) => a - b);
}

export function quoteSale(
  sellable: { shares: number; value: number },
  requestCredits: number,
  config: SaleConfig,
): SaleQuote {
  const held = sellable.shares;
  const maxDust = Math.max(config.maxDustPerSale, 0);
  const fee = Math.max(config.sellSharesFee, 0);
  assertPositiveAmount(requestCredits);
  if (held <= 0 || sellable.value <= 0) throw new DomainError('NO_POSITION', 'nothing to sell');
  const valuePerShare = Math.floor(sellable.value / held);
  if (valuePerShare <= 0) throw new DomainError('NO_POSITION', 'the position is worth less than one credit per share');
  if (requestCredits < valuePerShare) {
    throw new DomainError('INVALID_AMOUNT', `the request is below one share (${valuePerShare} credits)`);
  }
  // Oversized requests are clipped to the sellable shares, not rejected.
  const sharesSold = Math.min(Math.floor(requestCredits / valuePerShare), held);
  // Unreachable after the checks above; kept as the safety net of docs/market-model.md#sale-calculator.
  if (sharesSold === 0) throw new DomainError('INSUFFICIENT_SHARES', 'no whole share fits the request');
  const saleValue = sharesSold * valuePerShare;
  const rawDust = Math.max(requestCredits - saleValue, 0);
  const dust = rawDust <= 0 ? 0 : Math.min(rawDust, maxDust);
  const executable = saleValue + dust;
  const netProceeds = Math.max(saleValue - dust - fee, 0);
  const coverage = (maxDust + 1) / valuePerShare;
  return {
    requestedCredits: executable,
    sharesSold,
    saleValue,
    dust,
    sellFee: fee,
    netProceeds,
    maxDust,
    valuePerShare,
    dustCapCoverage: coverage > 1 ? 1 : roundHalfAwayFromZero(coverage * 10000) / 10000,
    allowed: true,
    suggestedAmounts: suggestedAmounts(sharesSold, held, valuePerShare, maxDust, executable),
    message: saleMessage(dust, fee),
    dustCapExceeded: false,
    dustCapExceededBy: 0,
  };
}

export function planSale(
  rows: readonly BetRow[],
  seeds: Seeds,
  username: string,
  outcome: Outcome,
  requestCredits: number,
  config: SaleConfig,
): SalePlan {
  const replay = replayHistory(rows, seeds);
  assertOutcome(outcome);
  assertPositiveAmount(requestCredits);
  const sellable = replaySellable(replay, username, outcome);
  if (sellable.currentShares <= 0) throw new DomainError('NO_POSITION', `${username} holds no ${outcome} shares`);
  if (sellable.shares <= 0 || sellable.value <= 0) {
    throw new DomainError('NO_SELLABLE_SHARES', `${username} has no unlocked ${outcome} shares worth a credit`);
  }
  const quote = quoteSale(sellable, requestCredits, config);
  // Unreachable with the calculator above; the inventory check of docs/market-model.md#sale-plan step 5 stays as a safety net.
  if (quote.sharesSold > sellable.shares || quote.saleValue > sellable.value) {
    throw new DomainError('INSUFFICIENT_SHARES', 'the sale exceeds the sellable inventory');
  }
  assertAppendable(replay, outcome, -quote.saleValue);
  const withheld = quote.saleValue - quote.netProceeds;
  const dust = Math.min(quote.dust, withheld);
  return {
    quote,
    row: { username, outcome, amount: -quote.saleValue, shares: quote.sharesSold, dust },
    toUser: quote.netProceeds,
    toHouse: withheld,
  };
}
