// The use cases each HTTP route file calls, one slice per area; together (with `authenticate`) they make AppUseCases.
// Declared here, beside the composition that builds them, so the routes depend on the runtime's types and the
// runtime never on an app.
import type { ResultAsync } from 'neverthrow';
import type {
  ChangePassword,
  CreateMarket,
  GetFinancialStats,
  GetMarketDetails,
  GetMarketLeaderboard,
  GetPortfolio,
  GetUser,
  GetUserCredit,
  GetUserFinancials,
  GetUserPosition,
  GlobalLeaderboardOutput,
  InfrastructureError,
  ListBets,
  ListMarketPositions,
  ListMarkets,
  ListStewardedMarkets,
  Login,
  PlaceBet,
  ProjectBet,
  QuoteSale,
  RegisterUser,
  ResolveMarket,
  SearchMarkets,
  Sell,
  SystemMetrics,
  UpdateProfile,
} from '@socialpredict/domain';
import type { GlobalReadModelView } from '@socialpredict/jobs';

export interface AuthUseCases {
  login: Login;
  changePassword: ChangePassword;
  updateProfile: UpdateProfile;
}

export interface MarketUseCases {
  listMarkets: ListMarkets;
  searchMarkets: SearchMarkets;
  getMarketDetails: GetMarketDetails;
  listBets: ListBets;
  listMarketPositions: ListMarketPositions;
  createMarket: CreateMarket;
}

export interface PositionUseCases {
  getUserPosition: GetUserPosition;
  getMarketLeaderboard: GetMarketLeaderboard;
  getMarketDetails: GetMarketDetails;
}

export interface ProjectionUseCases {
  projectBet: ProjectBet;
}

export interface TradingUseCases {
  placeBet: PlaceBet;
  quoteSale: QuoteSale;
  sell: Sell;
  resolveMarket: ResolveMarket;
}

export interface UserUseCases {
  getUser: GetUser;
  getUserCredit: GetUserCredit;
  registerUser: RegisterUser;
  getPortfolio: GetPortfolio;
  getUserFinancials: GetUserFinancials;
  listStewardedMarkets: ListStewardedMarkets;
}

export interface ReportingUseCases {
  getFinancialStats: GetFinancialStats;
  readSystemMetrics(): ResultAsync<GlobalReadModelView<SystemMetrics>, InfrastructureError>;
  /** the whole board; the route pages it */
  readGlobalLeaderboard(): ResultAsync<GlobalReadModelView<GlobalLeaderboardOutput>, InfrastructureError>;
}
