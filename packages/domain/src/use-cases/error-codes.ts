// Every error a use case can return, and the complete list of their codes, so that the HTTP adapter can build one
// exhaustive mapper (ERR-2 (docs/architecture.md#err-2)).
import type { AuthenticateError } from './authenticate/authenticate.use-case.ts';
import type { ChangePasswordError } from './change-password/change-password.use-case.ts';
import type { CreateMarketError } from './create-market/create-market.use-case.ts';
import type { GetFinancialSummaryError } from './financial-summary/financial-summary.use-case.ts';
import type { GetMarketDetailsError } from './get-market-details/get-market-details.use-case.ts';
import type { GetUserPositionError } from './get-user-position/get-user-position.use-case.ts';
import type { GetUserError } from './get-user/get-user.use-case.ts';
import type { GrantCreditsError } from './grant-credits/grant-credits.use-case.ts';
import type { GlobalLeaderboardError } from './global-leaderboard/global-leaderboard.use-case.ts';
import type { ListAuditEntriesError } from './list-audit-entries/list-audit-entries.use-case.ts';
import type { ListBetsError } from './list-bets/list-bets.use-case.ts';
import type { ListMarketPositionsError } from './list-market-positions/list-market-positions.use-case.ts';
import type { ListUsersError } from './list-users/list-users.use-case.ts';
import type { LoginError } from './login/login.use-case.ts';
import type { MarketLeaderboardError } from './market-leaderboard/market-leaderboard.use-case.ts';
import type { PlaceBetError } from './place-bet/place-bet.use-case.ts';
import type { GetPortfolioError } from './portfolio/portfolio.use-case.ts';
import type { ProjectBetError } from './project-bet/project-bet.use-case.ts';
import type { ProvisionAccountError } from './provision-account/provision-account.use-case.ts';
import type { QuoteSaleError } from './quote-sale/quote-sale.use-case.ts';
import type { RegisterUserError } from './register-user/register-user.use-case.ts';
import type { ResetPasswordError } from './reset-password/reset-password.use-case.ts';
import type { ResolveMarketError } from './resolve-market/resolve-market.use-case.ts';
import type { SellError } from './sell/sell.use-case.ts';
import type { SetRoleError } from './set-role/set-role.use-case.ts';
import type { UpdateProfileError } from './update-profile/update-profile.use-case.ts';
import type { GetUserFinancialsError } from './user-financials/user-financials.use-case.ts';
import type { ListMarketTagsError } from './list-market-tags/list-market-tags.use-case.ts';
import type { CreateMarketTagError } from './create-market-tag/create-market-tag.use-case.ts';
import type { UpdateMarketTagError } from './update-market-tag/update-market-tag.use-case.ts';
import type { SetMarketTagsError } from './set-market-tags/set-market-tags.use-case.ts';
import type { ApproveMarketError } from './approve-market/approve-market.use-case.ts';
import type { ListAmendmentsError } from './description-amendments/list-amendments.use-case.ts';
import type { ProposeAmendmentError } from './description-amendments/propose-amendment.use-case.ts';
import type { ReassignStewardError } from './reassign-steward/reassign-steward.use-case.ts';
import type { RejectMarketError } from './reject-market/reject-market.use-case.ts';
import type { ReviewAmendmentsError } from './description-amendments/review-amendments.use-case.ts';
import type { UpdateSiteSettingsError } from './site-settings/update-site-settings.use-case.ts';
import type { CreateMarketGroupError } from './create-market-group/create-market-group.use-case.ts';
import type { ResolveMarketGroupError } from './resolve-market-group/resolve-market-group.use-case.ts';
import type { GetMarketGroupError } from './get-market-group/get-market-group.use-case.ts';
import type { ProposeGroupAnswerError } from './propose-group-answer/propose-group-answer.use-case.ts';
import type { ReviewGroupAnswerError } from './review-group-answer/review-group-answer.use-case.ts';
import type { ListGroupAnswerAdditionsError } from './list-group-answer-additions/list-group-answer-additions.use-case.ts';
import type { UpdateGroupAnswerSettingsError } from './update-group-answer-settings/update-group-answer-settings.use-case.ts';
import type { ApproveMarketGroupError } from './approve-market-group/approve-market-group.use-case.ts';
import type { RejectMarketGroupError } from './reject-market-group/reject-market-group.use-case.ts';
import type { ReassignGroupStewardError } from './reassign-group-steward/reassign-group-steward.use-case.ts';
import type { SetMarketGroupTagsError } from './set-market-group-tags/set-market-group-tags.use-case.ts';

export type UseCaseError =
  | AuthenticateError
  | ChangePasswordError
  | CreateMarketError
  | GetFinancialSummaryError
  | GetMarketDetailsError
  | GetPortfolioError
  | GetUserError
  | GetUserFinancialsError
  | GetUserPositionError
  | GlobalLeaderboardError
  | GrantCreditsError
  | ListAuditEntriesError
  | ListBetsError
  | ListMarketPositionsError
  | ListUsersError
  | LoginError
  | MarketLeaderboardError
  | PlaceBetError
  | ProjectBetError
  | ProvisionAccountError
  | QuoteSaleError
  | RegisterUserError
  | ResetPasswordError
  | ResolveMarketError
  | SellError
  | SetRoleError
  | UpdateProfileError
  | ListMarketTagsError
  | CreateMarketTagError
  | UpdateMarketTagError
  | SetMarketTagsError
  | ApproveMarketError
  | ListAmendmentsError
  | ProposeAmendmentError
  | ReassignStewardError
  | RejectMarketError
  | ReviewAmendmentsError
  | UpdateSiteSettingsError
  | CreateMarketGroupError
  | ResolveMarketGroupError
  | GetMarketGroupError
  | ProposeGroupAnswerError
  | ReviewGroupAnswerError
  | ListGroupAnswerAdditionsError
  | UpdateGroupAnswerSettingsError
  | ApproveMarketGroupError
  | RejectMarketGroupError
  | ReassignGroupStewardError
  | SetMarketGroupTagsError;

export type UseCaseErrorCode = UseCaseError['code'];

// A Record keyed by the union: the compiler rejects a missing or an unknown code.
const CODES: Record<UseCaseErrorCode, true> = {
  INVALID_OUTCOME: true,
  INVALID_AMOUNT: true,
  INVALID_RESOLUTION: true,
  INVALID_SEEDS: true,
  INVALID_HISTORY: true,
  NON_FINITE_NUMBER: true,
  PROBABILITY_OUT_OF_RANGE: true,
  POOL_NEGATIVE: true,
  NO_POSITION: true,
  NO_SELLABLE_SHARES: true,
  INSUFFICIENT_SHARES: true,
  INSUFFICIENT_BALANCE: true,
  MARKET_CLOSED: true,
  ALREADY_RESOLVED: true,
  VALIDATION_FAILED: true,
  INVALID_CREDENTIALS: true,
  INVALID_TOKEN: true,
  AUTHORIZATION_DENIED: true,
  USER_NOT_APPROVED: true,
  PASSWORD_CHANGE_REQUIRED: true,
  USER_NOT_FOUND: true,
  MARKET_NOT_FOUND: true,
  NOT_FOUND: true,
  INVALID_STATE: true,
  INFRASTRUCTURE_ERROR: true,
  MARKET_GROUP_CHILD_UNPUBLISHED: true,
};

export const USE_CASE_ERROR_CODES = Object.keys(CODES) as readonly UseCaseErrorCode[];
