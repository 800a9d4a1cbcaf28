// Read shapes shared by several use cases. They stay in domain terms; the HTTP adapter renames keys for the wire.
import type { Position, Resolution } from '../../math/types.ts';
import type { MarketRecord } from '../../model/market.model.ts';
import type { UserRecord } from '../../model/user.model.ts';

/** A user as use cases hand it out: never with the password hash. */
export type UserProfile = Omit<UserRecord, 'passwordHash'>;

export function toUserProfile(user: UserRecord): UserProfile {
  const { passwordHash: _hidden, ...profile } = user;
  return profile;
}

/** The creator summary shown with a market (docs/api.md#shapes Creator). */
export interface CreatorSummary {
  readonly username: string;
  readonly displayName: string;
  readonly personalEmoji: string;
}

/** A creator whose user row is gone still shows its username. */
export function toCreatorSummary(username: string, user: UserRecord | undefined): CreatorSummary {
  return { username, displayName: user?.displayName ?? '', personalEmoji: user?.personalEmoji ?? '' };
}

/** One user's position in one market (docs/api.md#shapes Position). */
export interface MarketPosition {
  readonly username: string;
  readonly marketId: number;
  readonly yesShares: number;
  readonly noShares: number;
  readonly value: number;
  readonly totalSpent: number;
  readonly totalSpentInPlay: number;
  readonly isResolved: boolean;
  readonly resolutionResult: Resolution | null;
}

export function toMarketPosition(market: MarketRecord, position: Position): MarketPosition {
  return {
    username: position.username,
    marketId: market.id,
    yesShares: position.yesShares,
    noShares: position.noShares,
    value: position.value,
    totalSpent: position.totalSpent,
    totalSpentInPlay: position.totalSpentInPlay,
    isResolved: resolutionOf(market) !== null,
    resolutionResult: resolutionOf(market),
  };
}

/** The resolution the math expects: `null` while the market is unresolved. */
export function resolutionOf(market: MarketRecord): Resolution | null {
  return market.lifecycleStatus === 'resolved' ? market.resolutionResult : null;
}
