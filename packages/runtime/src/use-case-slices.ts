// The use cases each HTTP route file calls, one slice per area; together (with `authenticate`) they make AppUseCases.
// Declared here, beside the composition that builds them, so the routes depend on the runtime's types and the
// runtime never on an app.
import type { ResultAsync } from 'neverthrow';
import type {
  AuditedUseCases,
  GetFinancialStats,
  GetFinancialSummary,
  GetDiscoveryPage,
  GetGovernanceSettings,
  GetHomeContent,
  GetShareImage,
  GetShareSettings,
  GetReportingVisibility,
  GetMarketDetails,
  GetMarketSummary,
  GetMarketLeaderboard,
  GetMarketGroup,
  ListReviewQueue,
  ListGroupAnswerAdditions,
  GetPortfolio,
  GetUser,
  GetUserCredit,
  GetUserFinancials,
  GetUserPosition,
  GlobalLeaderboardOutput,
  InfrastructureError,
  ListAmendments,
  ListAuditEntries,
  ListReviewMarkets,
  ListOwnAmendments,
  ListBets,
  ListMarketPositions,
  ListMarkets,
  ListMarketTags,
  ListStewardedMarkets,
  ListUsers,
  Login,
  ProjectBet,
  QuoteSale,
  SearchMarkets,
  SystemMetrics,
  WarmMarketHistories,
} from '@socialpredict/domain';
import type { GlobalReadModelView } from '@socialpredict/jobs';

export interface AuthUseCases {
  login: Login;
  changePassword: AuditedUseCases['changePassword'];
  updateProfile: AuditedUseCases['updateProfile'];
  getUser: GetUser;
}

export interface MarketUseCases {
  listMarkets: ListMarkets;
  searchMarkets: SearchMarkets;
  getMarketDetails: GetMarketDetails;
  listBets: ListBets;
  listMarketPositions: ListMarketPositions;
  createMarket: AuditedUseCases['createMarket'];
}

export interface PositionUseCases {
  getUserPosition: GetUserPosition;
  getMarketLeaderboard: GetMarketLeaderboard;
  getMarketSummary: GetMarketSummary;
}

/** Run by `serve` before readiness opens (docs/performance.md#history-warm-up). */
export interface StartupUseCases {
  warmMarketHistories: WarmMarketHistories;
}

export interface ProjectionUseCases {
  projectBet: ProjectBet;
}

export interface TradingUseCases {
  placeBet: AuditedUseCases['placeBet'];
  quoteSale: QuoteSale;
  sell: AuditedUseCases['sell'];
  resolveMarket: AuditedUseCases['resolveMarket'];
}

export interface UserUseCases {
  getUser: GetUser;
  getUserCredit: GetUserCredit;
  registerUser: AuditedUseCases['registerUser'];
  getPortfolio: GetPortfolio;
  getUserFinancials: GetUserFinancials;
  getFinancialSummary: GetFinancialSummary;
  listStewardedMarkets: ListStewardedMarkets;
}

export interface AdminUseCases {
  listAuditEntries: ListAuditEntries;
}

export interface GovernanceUseCases {
  listUsers: ListUsers;
  setRole: AuditedUseCases['setRole'];
}

export interface ReviewUseCases {
  listReviewMarkets: ListReviewMarkets;
  approveMarket: AuditedUseCases['approveMarket'];
  rejectMarket: AuditedUseCases['rejectMarket'];
  reassignSteward: AuditedUseCases['reassignSteward'];
}

export interface SettingsUseCases {
  getGovernanceSettings: GetGovernanceSettings;
  getReportingVisibility: GetReportingVisibility;
  updateSiteSettings: AuditedUseCases['updateSiteSettings'];
}

export interface AmendmentUseCases {
  proposeAmendment: AuditedUseCases['proposeAmendment'];
  reviewAmendments: AuditedUseCases['reviewAmendments'];
  listAmendments: ListAmendments;
  listOwnAmendments: ListOwnAmendments;
}

export interface ReportingUseCases {
  getFinancialStats: GetFinancialStats;
  readSystemMetrics(): ResultAsync<GlobalReadModelView<SystemMetrics>, InfrastructureError>;
  /** the whole board; the route pages it */
  readGlobalLeaderboard(): ResultAsync<GlobalReadModelView<GlobalLeaderboardOutput>, InfrastructureError>;
}

export interface MarketTagUseCases {
  listMarketTags: ListMarketTags;
  createMarketTag: AuditedUseCases['createMarketTag'];
  updateMarketTag: AuditedUseCases['updateMarketTag'];
  setMarketTags: AuditedUseCases['setMarketTags'];
}

export interface MarketGroupUseCases {
  createMarketGroup: AuditedUseCases['createMarketGroup'];
  resolveMarketGroup: AuditedUseCases['resolveMarketGroup'];
  proposeGroupAnswer: AuditedUseCases['proposeGroupAnswer'];
  reviewGroupAnswer: AuditedUseCases['reviewGroupAnswer'];
  updateGroupAnswerSettings: AuditedUseCases['updateGroupAnswerSettings'];
  getMarketGroup: GetMarketGroup;
  listGroupAnswerAdditions: ListGroupAnswerAdditions;
  listBets: ListBets;
  listMarketPositions: ListMarketPositions;
  getMarketLeaderboard: GetMarketLeaderboard;
}

export interface ContentUseCases {
  getHomeContent: GetHomeContent;
  updateHomeContent: AuditedUseCases['updateHomeContent'];
  getDiscoveryPage: GetDiscoveryPage;
  updateDiscoveryPage: AuditedUseCases['updateDiscoveryPage'];
  setDiscoveryPins: AuditedUseCases['setDiscoveryPins'];
  getShareSettings: GetShareSettings;
  updateShareSettings: AuditedUseCases['updateShareSettings'];
  getShareImage: GetShareImage;
  uploadShareImage: AuditedUseCases['uploadShareImage'];
  listMarkets: ListMarkets;
  getMarketDetails: GetMarketDetails;
}

export interface MarketGroupReviewUseCases {
  approveMarketGroup: AuditedUseCases['approveMarketGroup'];
  rejectMarketGroup: AuditedUseCases['rejectMarketGroup'];
  reassignGroupSteward: AuditedUseCases['reassignGroupSteward'];
  setMarketGroupTags: AuditedUseCases['setMarketGroupTags'];
  /** the review page: markets and groups in one list (GET /v0/admin/markets) */
  listReviewQueue: ListReviewQueue;
}
