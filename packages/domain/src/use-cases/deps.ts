// Everything a use case may depend on. Each factory takes only the slice it needs (`Pick<UseCaseDeps, …>`), so the
// composition root can hand one object to all of them.
import type { AccountCache } from '../ports/account-cache.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { MarketHistoryCache } from '../ports/market-history-cache.port.ts';
import type { EconomicsConfig, GameConfig } from '../model/economics.model.ts';
import type { PasswordHasher } from '../ports/password-hasher.port.ts';
import type { RandomSource } from '../ports/random-source.port.ts';
import type { TokenIssuer } from '../ports/token-issuer.port.ts';
import type { Repositories, UnitOfWork } from '../ports/unit-of-work.port.ts';

export interface UseCaseDeps extends Repositories {
  readonly unitOfWork: UnitOfWork;
  readonly clock: Clock;
  readonly passwordHasher: PasswordHasher;
  readonly tokenIssuer: TokenIssuer;
  readonly random: RandomSource;
  readonly economics: EconomicsConfig;
  readonly game: GameConfig;
  /** PROBABILITY_POINTS_MAX: the most probability-path points a market detail sends (docs/api.md#t1-25), ≥ 2 */
  readonly probabilityPointsMax: number;
  /** SHARE_SITE_NAME: the share card's site name until an administrator saves one (docs/api.md#social-sharing) */
  readonly shareSiteName?: string;
  /** authentication's account cache (docs/security.md#account-cache); without one every request reads the row */
  readonly accountCache?: AccountCache;
  /** display reads' market histories (docs/performance.md#request-path-profile); without one each read replays from the database */
  readonly marketHistoryCache?: MarketHistoryCache;
}
