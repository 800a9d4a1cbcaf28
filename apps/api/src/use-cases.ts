// Every use case the HTTP adapter calls, built once from the ports by the composition root (or a test).
import { makeUseCases, type Authenticate, type UseCaseDeps } from '@socialpredict/domain';
import type { AuthUseCases } from './routes/auth.route.ts';
import type { MarketUseCases } from './routes/markets.route.ts';
import type { PositionUseCases } from './routes/positions.route.ts';
import type { ProjectionUseCases } from './routes/projection.route.ts';
import type { ReportingUseCases } from './routes/reporting.route.ts';
import type { TradingUseCases } from './routes/trading.route.ts';
import type { UserUseCases } from './routes/users.route.ts';

export type AppUseCases = { authenticate: Authenticate } & AuthUseCases &
  UserUseCases &
  MarketUseCases &
  ProjectionUseCases &
  PositionUseCases &
  TradingUseCases &
  ReportingUseCases;

export function buildUseCases(deps: UseCaseDeps): AppUseCases {
  return makeUseCases(deps);
}
