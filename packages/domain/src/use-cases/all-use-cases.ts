// Every use case built from one set of ports: what a composition root (the HTTP adapter, the CLI, a test harness)
// hands to its drivers. Each factory still takes only the slice of the dependencies it needs.
import type { UseCaseDeps } from './deps.ts';
import { coalesceReads } from './shared/coalesced-reads.ts';
import { makeAuthenticate } from './authenticate/authenticate.use-case.ts';
import { makeApproveMarket } from './approve-market/approve-market.use-case.ts';
import { makeChangePassword } from './change-password/change-password.use-case.ts';
import { makeCreateMarket } from './create-market/create-market.use-case.ts';
import { makeGetFinancialStats } from './financial-stats/financial-stats.use-case.ts';
import { makeGetFinancialSummary } from './financial-summary/financial-summary.use-case.ts';
import { makeGetMarketDetails } from './get-market-details/get-market-details.use-case.ts';
import { makeGetMarketSummary } from './get-market-summary/get-market-summary.use-case.ts';
import { makeGetUserPosition } from './get-user-position/get-user-position.use-case.ts';
import { makeGetUser, makeGetUserCredit } from './get-user/get-user.use-case.ts';
import { makeGrantCredits } from './grant-credits/grant-credits.use-case.ts';
import { makeGetGlobalLeaderboard } from './global-leaderboard/global-leaderboard.use-case.ts';
import { makeListAuditEntries } from './list-audit-entries/list-audit-entries.use-case.ts';
import { makeListBets } from './list-bets/list-bets.use-case.ts';
import { makeListMarketPositions } from './list-market-positions/list-market-positions.use-case.ts';
import { makeListReviewMarkets } from './list-review-markets/list-review-markets.use-case.ts';
import { makeListMarkets } from './list-markets/list-markets.use-case.ts';
import { makeListUsers } from './list-users/list-users.use-case.ts';
import { makeListStewardedMarkets } from './list-stewarded-markets/list-stewarded-markets.use-case.ts';
import { makeLogin } from './login/login.use-case.ts';
import { makeGetMarketLeaderboard } from './market-leaderboard/market-leaderboard.use-case.ts';
import { makeWarmMarketHistories } from './warm-market-histories/warm-market-histories.use-case.ts';
import { makePlaceBet } from './place-bet/place-bet.use-case.ts';
import { makeGetPortfolio } from './portfolio/portfolio.use-case.ts';
import { makeProjectBet } from './project-bet/project-bet.use-case.ts';
import { makeProvisionAccount } from './provision-account/provision-account.use-case.ts';
import { makeQuoteSale } from './quote-sale/quote-sale.use-case.ts';
import { makeReassignSteward } from './reassign-steward/reassign-steward.use-case.ts';
import { makeRegisterUser } from './register-user/register-user.use-case.ts';
import { makeRejectMarket } from './reject-market/reject-market.use-case.ts';
import { makeResetPassword } from './reset-password/reset-password.use-case.ts';
import { makeResolveMarket } from './resolve-market/resolve-market.use-case.ts';
import { makeSearchMarkets } from './search-markets/search-markets.use-case.ts';
import { makeSell } from './sell/sell.use-case.ts';
import { makeSetRole } from './set-role/set-role.use-case.ts';
import { makeGetGovernanceSettings, makeGetReportingVisibility } from './site-settings/get-site-settings.use-case.ts';
import { makeUpdateSiteSettings } from './site-settings/update-site-settings.use-case.ts';
import { makeListAmendments, makeListOwnAmendments } from './description-amendments/list-amendments.use-case.ts';
import { makeProposeAmendment } from './description-amendments/propose-amendment.use-case.ts';
import { makeReviewAmendments } from './description-amendments/review-amendments.use-case.ts';
import { makeGetSystemMetrics } from './system-metrics/system-metrics.use-case.ts';
import { makeUpdateProfile } from './update-profile/update-profile.use-case.ts';
import { makeGetUserFinancials } from './user-financials/user-financials.use-case.ts';
import { makeListMarketTags } from './list-market-tags/list-market-tags.use-case.ts';
import { makeCreateMarketTag } from './create-market-tag/create-market-tag.use-case.ts';
import { makeUpdateMarketTag } from './update-market-tag/update-market-tag.use-case.ts';
import { makeSetMarketTags } from './set-market-tags/set-market-tags.use-case.ts';
import { makeCreateMarketGroup } from './create-market-group/create-market-group.use-case.ts';
import { makeResolveMarketGroup } from './resolve-market-group/resolve-market-group.use-case.ts';
import { makeGetMarketGroup } from './get-market-group/get-market-group.use-case.ts';
import { makeProposeGroupAnswer } from './propose-group-answer/propose-group-answer.use-case.ts';
import { makeReviewGroupAnswer } from './review-group-answer/review-group-answer.use-case.ts';
import { makeListGroupAnswerAdditions } from './list-group-answer-additions/list-group-answer-additions.use-case.ts';
import { makeUpdateGroupAnswerSettings } from './update-group-answer-settings/update-group-answer-settings.use-case.ts';
import { makeListReviewQueue } from './list-review-queue/list-review-queue.use-case.ts';
import { makeApproveMarketGroup } from './approve-market-group/approve-market-group.use-case.ts';
import { makeRejectMarketGroup } from './reject-market-group/reject-market-group.use-case.ts';
import { makeReassignGroupSteward } from './reassign-group-steward/reassign-group-steward.use-case.ts';
import { makeSetMarketGroupTags } from './set-market-group-tags/set-market-group-tags.use-case.ts';
import { makeGetDiscoveryPage, makeGetHomeContent, makeGetShareImage, makeGetShareSettings } from './site-content/get-site-content.use-case.ts';
import { makeUpdateHomeContent } from './update-home-content/update-home-content.use-case.ts';
import { makeUpdateDiscoveryPage } from './update-discovery-page/update-discovery-page.use-case.ts';
import { makeSetDiscoveryPins } from './set-discovery-pins/set-discovery-pins.use-case.ts';
import { makeUpdateShareSettings } from './update-share-settings/update-share-settings.use-case.ts';
import { makeUploadShareImage } from './upload-share-image/upload-share-image.use-case.ts';

/**
 * The public reads of the site's mix (market page, summary, discovery lists, positions and leaderboard pages): the
 * same question asked concurrently is answered by one load (docs/performance.md#coalesced-reads). The whole input is
 * the question; the answers, shared between callers, are read-only.
 */
const byInput = (input: object): string => JSON.stringify(input);

export function makeUseCases(deps: UseCaseDeps) {
  return {
    authenticate: makeAuthenticate(deps),
    login: makeLogin(deps),
    changePassword: makeChangePassword(deps),
    updateProfile: makeUpdateProfile(deps),
    getUser: makeGetUser(deps),
    getUserCredit: makeGetUserCredit(deps),
    registerUser: makeRegisterUser(deps),
    provisionAccount: makeProvisionAccount(deps),
    resetPassword: makeResetPassword(deps),
    setRole: makeSetRole(deps),
    grantCredits: makeGrantCredits(deps),
    getPortfolio: makeGetPortfolio(deps),
    getUserFinancials: makeGetUserFinancials(deps),
    listStewardedMarkets: makeListStewardedMarkets(deps),
    listMarkets: coalesceReads(makeListMarkets(deps), byInput),
    searchMarkets: makeSearchMarkets(deps),
    getMarketDetails: coalesceReads(makeGetMarketDetails(deps), byInput),
    getMarketSummary: coalesceReads(makeGetMarketSummary(deps), byInput),
    listBets: makeListBets(deps),
    listMarketPositions: coalesceReads(makeListMarketPositions(deps), byInput),
    createMarket: makeCreateMarket(deps),
    getUserPosition: makeGetUserPosition(deps),
    getMarketLeaderboard: coalesceReads(makeGetMarketLeaderboard(deps), byInput),
    warmMarketHistories: makeWarmMarketHistories(deps),
    placeBet: makePlaceBet(deps),
    projectBet: makeProjectBet(deps),
    quoteSale: makeQuoteSale(deps),
    sell: makeSell(deps),
    resolveMarket: makeResolveMarket(deps),
    getFinancialStats: makeGetFinancialStats(deps),
    getSystemMetrics: makeGetSystemMetrics(deps),
    getGlobalLeaderboard: makeGetGlobalLeaderboard(deps),
    listAuditEntries: makeListAuditEntries(deps),
    getGovernanceSettings: makeGetGovernanceSettings(deps),
    getReportingVisibility: makeGetReportingVisibility(deps),
    updateSiteSettings: makeUpdateSiteSettings(deps),
    listUsers: makeListUsers(deps),
    getFinancialSummary: makeGetFinancialSummary(deps),
    listReviewMarkets: makeListReviewMarkets(deps),
    approveMarket: makeApproveMarket(deps),
    rejectMarket: makeRejectMarket(deps),
    reassignSteward: makeReassignSteward(deps),
    listMarketTags: makeListMarketTags(deps),
    createMarketTag: makeCreateMarketTag(deps),
    updateMarketTag: makeUpdateMarketTag(deps),
    setMarketTags: makeSetMarketTags(deps),
    proposeAmendment: makeProposeAmendment(deps),
    reviewAmendments: makeReviewAmendments(deps),
    listAmendments: makeListAmendments(deps),
    listOwnAmendments: makeListOwnAmendments(deps),
    createMarketGroup: makeCreateMarketGroup(deps),
    resolveMarketGroup: makeResolveMarketGroup(deps),
    getMarketGroup: makeGetMarketGroup(deps),
    proposeGroupAnswer: makeProposeGroupAnswer(deps),
    reviewGroupAnswer: makeReviewGroupAnswer(deps),
    listGroupAnswerAdditions: makeListGroupAnswerAdditions(deps),
    updateGroupAnswerSettings: makeUpdateGroupAnswerSettings(deps),
    approveMarketGroup: makeApproveMarketGroup(deps),
    listReviewQueue: makeListReviewQueue(deps),
    rejectMarketGroup: makeRejectMarketGroup(deps),
    reassignGroupSteward: makeReassignGroupSteward(deps),
    setMarketGroupTags: makeSetMarketGroupTags(deps),
    getHomeContent: makeGetHomeContent(deps),
    updateHomeContent: makeUpdateHomeContent(deps),
    getDiscoveryPage: coalesceReads(makeGetDiscoveryPage(deps), byInput),
    updateDiscoveryPage: makeUpdateDiscoveryPage(deps),
    setDiscoveryPins: makeSetDiscoveryPins(deps),
    getShareSettings: makeGetShareSettings(deps),
    updateShareSettings: makeUpdateShareSettings(deps),
    getShareImage: makeGetShareImage(deps),
    uploadShareImage: makeUploadShareImage(deps),
  };
}

export type UseCases = ReturnType<typeof makeUseCases>;
