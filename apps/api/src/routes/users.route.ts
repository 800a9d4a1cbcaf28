// Public user reads and admin user creation (T1-16, T1-17, T1-42).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Clock, RegisterUserOutput } from '@socialpredict/domain';
import type { UserUseCases } from '@socialpredict/runtime';
import { HttpProblem } from '../http-problem.ts';
import { unwrap } from '../http-error.mapper.ts';
import * as sanitize from '../input-sanitizers.ts';
import { toMarketResponse } from '../presenters/market.presenter.ts';
import { toPublicUser } from '../presenters/user.presenter.ts';
import { actorOf, principalOf } from '../principal.ts';
import { Int, isoTime, PageQuery, pageOf, UsernameParam } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { MarketResponse } from '../schemas/market.schema.ts';
import { PublicUser } from '../schemas/user.schema.ts';
import { routeWrite } from '../write-call.ts';

export interface UserRouteOptions {
  useCases: UserUseCases;
  initialAccountBalance: number;
  clock: Clock;
}

const Portfolio = Type.Object({
  portfolioItems: Type.Array(
    Type.Object({ marketId: Int, questionTitle: Type.String(), yesSharesOwned: Int, noSharesOwned: Int, lastBetPlaced: Type.String() }),
  ),
  totalSharesOwned: Int,
});

const FINANCIAL_KEYS = [
  'accountBalance', 'maximumDebtAllowed', 'amountInPlay', 'amountInPlayActive', 'amountBorrowed', 'totalSpent',
  'totalSpentInPlay', 'retainedEarnings', 'equity', 'tradingProfits', 'workProfits', 'totalProfits', 'realizedProfits',
  'potentialProfits', 'realizedValue', 'potentialValue', 'unrealizedWorkIncome', 'unrealizedWorkProfits',
] as const;

const FinancialMap = Type.Object(
  Object.fromEntries(FINANCIAL_KEYS.map((key) => [key, Int])) as Record<(typeof FINANCIAL_KEYS)[number], typeof Int>,
  { title: 'FinancialMap' },
);

const StewardedList = Envelope(Type.Object({ markets: Type.Array(MarketResponse), total: Int }));

const PROFILE_MARKET_STATUSES = { proposed: 'proposed', published: 'published', rejected: 'rejected' } as const;

const UsernamePath = Type.Object({ username: UsernameParam });

const CreatedUser = Type.Object({
  message: Type.String(),
  username: Type.String(),
  password: Type.String(),
  usertype: Type.Literal('REGULAR'),
});

export const userRoutes: FastifyPluginAsyncTypebox<UserRouteOptions> = async (app, { useCases, initialAccountBalance, clock }) => {
  app.get(
    '/v0/usercredit/:username',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['users'],
        summary: 'Spendable credit: balance + maximum debt (T1-16, raw)',
        params: UsernamePath,
        response: { 200: Type.Object({ credit: Int }), ...errorResponses(400) },
      },
    },
    async (request) => unwrap(useCases.getUserCredit({ username: request.params.username })),
  );

  app.get(
    '/v0/userinfo/:username',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['users'],
        summary: 'Public profile (T1-17, raw)',
        params: UsernamePath,
        response: { 200: PublicUser, ...errorResponses(400, 404) },
      },
    },
    async (request) => toPublicUser(await unwrap(useCases.getUser({ username: request.params.username })), initialAccountBalance),
  );

  app.post(
    '/v0/admin/createuser',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Create a REGULAR user with a one-time password (T1-42, raw)',
        security: [{ bearer: [] }],
        body: Type.Object({ username: Type.String() }),
        response: { 200: CreatedUser, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { username } = sanitize.sanitizeFields({ username: sanitize.username(request.body.username) });
      const write = routeWrite(request, reply, (created: RegisterUserOutput) => ({
        status: 200,
        body: { message: 'User created successfully', username: created.username, password: created.password, usertype: created.role },
      }));
      const created = await unwrap(useCases.registerUser({ actor: actorOf(request), username }, write.call));
      app.metrics.usersCreated.inc();
      return write.send(created);
    },
  );

  app.get(
    '/v0/portfolio/:username',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['users'],
        summary: 'Markets a user traded, newest first (T1-18, raw)',
        params: UsernamePath,
        response: { 200: Portfolio, ...errorResponses(400) },
      },
    },
    async (request) => {
      const portfolio = await unwrap(useCases.getPortfolio({ username: request.params.username }));
      return {
        portfolioItems: portfolio.items.map((item) => ({
          marketId: item.marketId,
          questionTitle: item.questionTitle,
          yesSharesOwned: item.yesShares,
          noSharesOwned: item.noShares,
          lastBetPlaced: isoTime(item.lastBetPlaced),
        })),
        totalSharesOwned: portfolio.totalSharesOwned,
      };
    },
  );

  app.get(
    '/v0/users/:username/financial',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['users'],
        summary: 'The 18 financial figures of a user (T1-19, raw)',
        params: UsernamePath,
        response: { 200: Type.Object({ financial: FinancialMap }), ...errorResponses(400, 404) },
      },
    },
    async (request) => ({ financial: await unwrap(useCases.getUserFinancials({ username: request.params.username })) }),
  );

  const stewarded = async (stewardUsername: string, query: { limit?: string; offset?: string }, extra: { lifecycleStatus?: 'proposed' | 'published' | 'rejected'; query?: string }) => {
    const page = await unwrap(useCases.listStewardedMarkets({ stewardUsername, ...extra, ...pageOf(query, 50, 100) }));
    const now = clock.now();
    return ok({ markets: page.markets.map((market) => toMarketResponse(market, now)), total: page.total });
  };

  app.get(
    '/v0/profile/markets',
    {
      config: { auth: 'user', limit: 'general' },
      schema: {
        tags: ['profile'],
        summary: 'Markets the caller stewards (T1-20)',
        security: [{ bearer: [] }],
        querystring: Type.Object({ status: Type.Optional(Type.String()), query: Type.Optional(Type.String()), ...PageQuery }),
        response: { 200: StewardedList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const status = (request.query.status ?? 'published').trim().toLowerCase() || 'published';
      const lifecycleStatus = PROFILE_MARKET_STATUSES[status as keyof typeof PROFILE_MARKET_STATUSES];
      if (lifecycleStatus === undefined) throw new HttpProblem(400, 'INVALID_REQUEST', 'status must be proposed, published or rejected.');
      const text = request.query.query === undefined ? undefined : sanitize.sanitizeFields({ query: sanitize.searchQuery(request.query.query) }).query;
      return stewarded(principalOf(request).username, request.query, { lifecycleStatus, ...(text ? { query: text } : {}) });
    },
  );

  app.get(
    '/v0/users/:username/owned-markets',
    {
      config: { auth: 'user', limit: 'general' },
      schema: {
        tags: ['users'],
        summary: 'Markets a user stewards (T1-21)',
        security: [{ bearer: [] }],
        params: UsernamePath,
        querystring: Type.Object(PageQuery),
        response: { 200: StewardedList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => stewarded(request.params.username, request.query, {}),
  );
};
