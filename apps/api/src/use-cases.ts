// Every use case the HTTP adapter calls, built once from the ports by the composition root (or a test).
import {
  makeAuthenticate,
  makeChangePassword,
  makeCreateMarket,
  makeGetFinancialStats,
  makeGetGlobalLeaderboard,
  makeGetMarketDetails,
  makeGetMarketLeaderboard,
  makeGetPortfolio,
  makeGetSystemMetrics,
  makeGetUser,
  makeGetUserCredit,
  makeGetUserFinancials,
  makeGetUserPosition,
  makeListBets,
  makeListMarketPositions,
  makeListMarkets,
  makeListStewardedMarkets,
  makeLogin,
  makePlaceBet,
  makeProjectBet,
  makeQuoteSale,
  makeRegisterUser,
  makeResolveMarket,
  makeSearchMarkets,
  makeSell,
  makeUpdateProfile,
  type Authenticate,
  type UseCaseDeps,
} from '@socialpredict/domain';
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
  return {
    authenticate: makeAuthenticate(deps),
    login: makeLogin(deps),
    changePassword: makeChangePassword(deps),
    updateProfile: makeUpdateProfile(deps),
    getUser: makeGetUser(deps),
    getUserCredit: makeGetUserCredit(deps),
    registerUser: makeRegisterUser(deps),
    getPortfolio: makeGetPortfolio(deps),
    getUserFinancials: makeGetUserFinancials(deps),
    listStewardedMarkets: makeListStewardedMarkets(deps),
    listMarkets: makeListMarkets(deps),
    searchMarkets: makeSearchMarkets(deps),
    getMarketDetails: makeGetMarketDetails(deps),
    listBets: makeListBets(deps),
    listMarketPositions: makeListMarketPositions(deps),
    createMarket: makeCreateMarket(deps),
    getUserPosition: makeGetUserPosition(deps),
    getMarketLeaderboard: makeGetMarketLeaderboard(deps),
    placeBet: makePlaceBet(deps),
    projectBet: makeProjectBet(deps),
    quoteSale: makeQuoteSale(deps),
    sell: makeSell(deps),
    resolveMarket: makeResolveMarket(deps),
    getFinancialStats: makeGetFinancialStats(deps),
    getSystemMetrics: makeGetSystemMetrics(deps),
    getGlobalLeaderboard: makeGetGlobalLeaderboard(deps),
  };
}
