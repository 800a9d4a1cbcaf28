// Positions and leaderboards of one market, and the caller's sellable position (T1-26, T1-31, T1-32, T1-36).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Clock } from '@socialpredict/domain';
import type { PositionUseCases } from '@socialpredict/runtime';
import { unwrap } from '../http-error.mapper.ts';
import { liveFreshness } from '../presenters/freshness.presenter.ts';
import { clockVariant, sendSharedWithPath, toCreator, toPosition, toPublicMarket } from '../presenters/market.presenter.ts';
import { principalOf } from '../principal.ts';
import { documented, IdParam, Int, PageQuery, pageOf, ref, UsernameParam } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { exampleMarketHeader, examplePosition, liveFreshnessExample } from '../schemas/examples.ts';
import { Creator, Freshness, Position, ProbabilityChange, PublicMarket, ResolutionResult } from '../schemas/market.schema.ts';

const TradePosition = Type.Object(
  {
    Username: Type.String(),
    MarketID: Int,
    YesSharesOwned: Int,
    NoSharesOwned: Int,
    Value: Int,
    TotalSpent: Int,
    TotalSpentInPlay: Int,
    IsResolved: Type.Boolean(),
    ResolutionResult,
    yesSellableShares: Int,
    noSellableShares: Int,
    yesSellableValue: Int,
    noSellableValue: Int,
  },
  { title: 'TradePosition' },
);

const LeaderRow = Type.Object(
  {
    username: Type.String(),
    profit: Int,
    currentValue: Int,
    totalSpent: Int,
    position: Type.Union(['YES', 'NO', 'NEUTRAL', 'NONE'].map((position) => Type.Literal(position))),
    yesSharesOwned: Int,
    noSharesOwned: Int,
    rank: Int,
  },
  { title: 'LeaderRow' },
);

const MarketSummary = Type.Object({
  market: ref(PublicMarket),
  creator: ref(Creator),
  probabilityChanges: Type.Array(ref(ProbabilityChange)),
  probabilityChangesTruncated: Type.Boolean(),
  numUsers: Int,
  totalVolume: Int,
  marketDust: Int,
  freshness: ref(Freshness),
});

const MarketIdPath = Type.Object({ marketId: IdParam });
const publicRead = { limit: 'general' } as const;

export const positionRoutes: FastifyPluginAsyncTypebox<{ useCases: PositionUseCases; clock: Clock }> = async (
  app,
  { useCases, clock },
) => {
  app.get(
    '/v0/markets/positions/:marketId/:username',
    {
      config: publicRead,
      schema: {
        tags: ['markets'],
        summary: 'Get a user’s position in a market',
        description: 'The user’s shares, value and spending in the market; all zeros when the user never traded it. 404 `MARKET_NOT_FOUND`.',
        params: Type.Object({ marketId: IdParam, username: UsernameParam }),
        response: { 200: documented(Envelope(ref(Position)), 'The position.', { ok: true, result: examplePosition }), ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { position } = await unwrap(useCases.getUserPosition({ marketId: request.params.marketId, username: request.params.username }));
      return ok(toPosition(position));
    },
  );

  app.get(
    '/v0/userposition/:marketId',
    {
      config: { auth: 'user', limit: 'general' },
      schema: {
        tags: ['trading'],
        summary: 'Get the caller’s sellable position',
        description:
          'The caller’s position in the market (PascalCase keys, as the web app reads them) plus how many shares on each ' +
          'side are unlocked for sale and what they are worth. 404 `MARKET_NOT_FOUND`.',
        security: [{ bearer: [] }],
        params: MarketIdPath,
        response: {
          200: documented(Envelope(TradePosition), 'The position and its sellable part.', {
            ok: true,
            result: {
              Username: 'bob', MarketID: 7, YesSharesOwned: 24, NoSharesOwned: 0, Value: 20, TotalSpent: 20, TotalSpentInPlay: 20,
              IsResolved: false, ResolutionResult: '', yesSellableShares: 0, noSellableShares: 0, yesSellableValue: 0, noSellableValue: 0,
            },
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const found = await unwrap(
        useCases.getUserPosition({ marketId: request.params.marketId, username: principalOf(request).username }),
      );
      const position = toPosition(found.position);
      return ok({
        Username: position.username,
        MarketID: position.marketId,
        YesSharesOwned: position.yesSharesOwned,
        NoSharesOwned: position.noSharesOwned,
        Value: position.value,
        TotalSpent: position.totalSpent,
        TotalSpentInPlay: position.totalSpentInPlay,
        IsResolved: position.isResolved,
        ResolutionResult: position.resolutionResult,
        yesSellableShares: found.yesSellable.shares,
        noSellableShares: found.noSellable.shares,
        yesSellableValue: found.yesSellable.value,
        noSellableValue: found.noSellable.value,
      });
    },
  );

  app.get(
    '/v0/markets/:id/leaderboard',
    {
      config: publicRead,
      schema: {
        tags: ['markets'],
        summary: 'Market leaderboard',
        description: 'The market’s traders ranked by profit (value − spent); `limit` (1–100, default 100) and `offset` page them. 404 `MARKET_NOT_FOUND`.',
        params: Type.Object({ id: IdParam }),
        querystring: Type.Object(PageQuery),
        response: {
          200: documented(
            Envelope(Type.Object({ marketId: Int, leaderboard: Type.Array(LeaderRow), total: Int, freshness: ref(Freshness) })),
            'The ranking.',
            {
              ok: true,
              result: {
                marketId: 7,
                leaderboard: [{ username: 'bob', profit: 0, currentValue: 20, totalSpent: 20, position: 'YES', yesSharesOwned: 24, noSharesOwned: 0, rank: 1 }],
                total: 1,
                freshness: liveFreshnessExample,
              },
            },
          ),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const board = await unwrap(useCases.getMarketLeaderboard({ marketId: request.params.id, ...pageOf(request.query, 100, 100) }));
      return ok({
        marketId: board.marketId,
        leaderboard: board.leaderboard.map((row) => ({
          username: row.username,
          profit: row.profit,
          currentValue: row.currentValue,
          totalSpent: row.totalSpent,
          position: row.position,
          yesSharesOwned: row.yesShares,
          noSharesOwned: row.noShares,
          rank: row.rank,
        })),
        total: board.total,
        freshness: liveFreshness(clock.now()),
      });
    },
  );

  app.get(
    '/v0/read/markets/:id/summary',
    {
      config: publicRead,
      schema: {
        tags: ['markets'],
        summary: 'Market summary',
        description: 'The market page’s header: the market, its creator, figures and probability path, with the freshness of the figures. 404 `MARKET_NOT_FOUND`.',
        params: Type.Object({ id: IdParam }),
        response: {
          200: documented(Envelope(MarketSummary), 'The summary.', {
            ok: true,
            result: {
              ...exampleMarketHeader,
              freshness: liveFreshnessExample,
            },
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const details = await unwrap(useCases.getMarketSummary({ marketId: request.params.id }));
      const now = clock.now();
      return sendSharedWithPath(reply, details, clockVariant(details.market, now), () => ({
        body: ok({
          market: toPublicMarket(details.market, now),
          creator: toCreator(details.creator),
          probabilityChanges: [],
          probabilityChangesTruncated: details.probabilityChangesTruncated,
          numUsers: details.numUsers,
          totalVolume: details.totalVolume,
          marketDust: details.marketDust,
          freshness: liveFreshness(now),
        }),
        path: details.probabilityChanges,
      }));
    },
  );
};
