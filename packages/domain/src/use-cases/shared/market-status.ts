// Public market status, derived and never stored (docs/api.md#market-state).
import { err, ok, type Result } from 'neverthrow';
import type { MarketRecord, PublicMarketStatus } from '../../model/market.model.ts';
import { domainFailure, type DomainFailure } from '../../errors/use-case.errors.ts';

type StatusInputs = Pick<MarketRecord, 'lifecycleStatus' | 'resolutionDateTime'>;

export function publicMarketStatus(market: StatusInputs, now: number): PublicMarketStatus {
  switch (market.lifecycleStatus) {
    case 'resolved':
    case 'proposed':
    case 'rejected':
    case 'cancelled':
    case 'closed':
      return market.lifecycleStatus;
    case 'published':
      return market.resolutionDateTime <= now ? 'closed' : 'active';
  }
}

/** Trading, quoting and projection require an active market (docs/market-model.md#buying step 2). */
export function isTradable(market: StatusInputs, now: number): boolean {
  return publicMarketStatus(market, now) === 'active';
}

/** The tradability check of buys, quotes and sales, as an Err value. */
export function checkTradable(market: StatusInputs, now: number): Result<void, DomainFailure<'MARKET_CLOSED'>> {
  if (isTradable(market, now)) return ok(undefined);
  return err(domainFailure('MARKET_CLOSED', 'The market is not open for trading.'));
}

/** The lifecycles the public market lists show (docs/api.md#market-state). */
export const PUBLIC_LIFECYCLES = ['published', 'closed', 'resolved'] as const;
