// Example values of the shared shapes for the OpenAPI document (/docs), typed by their schemas so they cannot drift
// from them. One story runs through them: market 7, created by `alice`, traded by `bob`.
import type { Static } from '@sinclair/typebox';
import type { BetRow, Creator, Freshness, MarketOverview, MarketResponse, Position, PublicMarket } from './market.schema.ts';
import type { PrivateUser, PublicUser } from './user.schema.ts';

export const CREATED_AT = '2026-03-01T12:00:00.000Z';
export const TRADED_AT = '2026-03-02T09:30:00.000Z';

export const exampleCreator: Static<typeof Creator> = { username: 'alice', personalEmoji: '🦊', displayname: 'Alice' };

export const exampleMarketResponse: Static<typeof MarketResponse> = {
  id: 7,
  questionTitle: 'Will it snow in Paris on New Year’s Day 2027?',
  description: 'Resolves YES if Météo-France reports snowfall in Paris on 2027-01-01.',
  outcomeType: 'BINARY',
  resolutionDateTime: '2027-01-02T00:00:00.000Z',
  creatorUsername: 'alice',
  stewardUsername: 'alice',
  yesLabel: 'YES',
  noLabel: 'NO',
  status: 'active',
  lifecycleStatus: 'published',
  isResolved: false,
  resolutionResult: '',
  createdAt: CREATED_AT,
  updatedAt: TRADED_AT,
};

export const examplePublicMarket: Static<typeof PublicMarket> = {
  id: 7,
  questionTitle: exampleMarketResponse.questionTitle,
  description: exampleMarketResponse.description,
  outcomeType: 'BINARY',
  resolutionDateTime: exampleMarketResponse.resolutionDateTime,
  finalResolutionDateTime: '0001-01-01T00:00:00Z',
  utcOffset: 0,
  isResolved: false,
  resolutionResult: '',
  initialProbability: 0.5,
  creatorUsername: 'alice',
  stewardUsername: 'alice',
  createdAt: CREATED_AT,
  yesLabel: 'YES',
  noLabel: 'NO',
  status: 'active',
  lifecycleStatus: 'published',
};

export const exampleOverview: Static<typeof MarketOverview> = {
  market: exampleMarketResponse,
  creator: exampleCreator,
  lastProbability: 0.8333333333333334,
  numUsers: 1,
  totalVolume: 20,
  marketDust: 0,
};

export const exampleBetRow: Static<typeof BetRow> = {
  username: 'bob',
  outcome: 'YES',
  amount: 20,
  probability: 0.8333333333333334,
  placedAt: TRADED_AT,
};

/** The market page's header as the details and the summary routes both show it. */
export const exampleMarketHeader = {
  market: examplePublicMarket,
  creator: exampleCreator,
  probabilityChanges: [
    { probability: 0.5, timestamp: CREATED_AT },
    { probability: exampleBetRow.probability, timestamp: exampleBetRow.placedAt },
  ],
  probabilityChangesTruncated: false,
  numUsers: 1,
  totalVolume: 20,
  marketDust: 0,
};

export const examplePosition: Static<typeof Position> = {
  username: 'bob',
  marketId: 7,
  yesSharesOwned: 24,
  noSharesOwned: 0,
  value: 20,
  totalSpent: 20,
  totalSpentInPlay: 20,
  isResolved: false,
  resolutionResult: '',
};

export const liveFreshnessExample: Static<typeof Freshness> = {
  generatedAt: TRADED_AT,
  source: 'live',
  targetFreshnessSeconds: 600,
  transactionSafeRead: false,
  isStale: false,
};

export const snapshotFreshnessExample: Static<typeof Freshness> = {
  generatedAt: TRADED_AT,
  source: 'read_model',
  targetFreshnessSeconds: 3600,
  transactionSafeRead: false,
  isStale: true,
  markedStaleAt: '2026-03-02T09:31:00.000Z',
};

export const examplePublicUser: Static<typeof PublicUser> = {
  username: 'bob',
  displayname: 'Bob',
  usertype: 'REGULAR',
  initialAccountBalance: 0,
  accountBalance: -21,
  personalEmoji: '🐻',
  description: 'Weather nerd.',
  personalink1: 'https://example.org/bob',
};

export const examplePrivateUser: Static<typeof PrivateUser> = {
  ...examplePublicUser,
  id: 2,
  moderatorStatus: 'none',
  email: '',
  mustChangePassword: false,
};
