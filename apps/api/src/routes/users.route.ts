// Public user reads and admin user creation (T1-16, T1-17, T1-42).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Clock, RegisterUserOutput } from '@socialpredict/domain';
import type { UserUseCases } from '@socialpredict/runtime';
import { HttpProblem } from '../http-problem.ts';
import { toHttpProblem, unwrap } from '../http-error.mapper.ts';
import * as sanitize from '../input-sanitizers.ts';
import { liveFreshness } from '../presenters/freshness.presenter.ts';
import { toMarketResponse } from '../presenters/market.presenter.ts';
import { toPublicUser } from '../presenters/user.presenter.ts';
import { actorOf, principalOf } from '../principal.ts';
import { documented, Int, isoTime, PageQuery, pageOf, ref, UsernameParam } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { exampleMarketResponse, examplePublicUser, liveFreshnessExample } from '../schemas/examples.ts';
import { Freshness, MarketResponse } from '../schemas/market.schema.ts';
import { FinancialMap, PublicUser } from '../schemas/user.schema.ts';
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

const exampleFinancialMap = {
  accountBalance: -21, maximumDebtAllowed: 500, amountInPlay: 20, amountInPlayActive: 20, amountBorrowed: 21,
  totalSpent: 20, totalSpentInPlay: 20, retainedEarnings: -41, equity: -42, tradingProfits: 0, workProfits: 0,
  totalProfits: 0, realizedProfits: 0, potentialProfits: 0, realizedValue: 0, potentialValue: 20,
  unrealizedWorkIncome: 0, unrealizedWorkProfits: 0,
};

const StewardedList = documented(
  Envelope(Type.Object({ markets: Type.Array(ref(MarketResponse)), total: Int })),
  'A page of stewarded markets; `total` counts every match.',
  { ok: true, result: { markets: [exampleMarketResponse], total: 1 } },
);

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
        summary: 'A user’s spendable credit',
        description:
          'Balance plus `maximumDebtAllowed`: what the user can still spend. An unknown user reads as a fresh account ' +
          '(`maximumDebtAllowed`). Raw body.',
        params: UsernamePath,
        response: { 200: documented(Type.Object({ credit: Int }), 'The credit.', { credit: 479 }), ...errorResponses(400) },
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
        summary: 'A user’s public profile',
        description: 'Display name, role, balances, emoji, description and links of any user; 404 `USER_NOT_FOUND` when unknown. Raw body.',
        params: UsernamePath,
        response: { 200: documented(ref(PublicUser), 'The public profile.', examplePublicUser), ...errorResponses(400, 404) },
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
        summary: 'Create a user (admin)',
        description:
          'Creates a REGULAR user with a generated 12-character password, returned once and never again; the user must ' +
          'change it at first login. Admins only (checked before the body is read). A username that is malformed or ' +
          'taken is 400 `VALIDATION_FAILED`. Raw body.',
        security: [{ bearer: [] }],
        body: documented(Type.Object({ username: Type.String() }), 'The new username: 3–30 lower-case letters or digits.', { username: 'carol' }),
        response: {
          200: documented(CreatedUser, 'The new account and its one-time password.', {
            message: 'User created successfully',
            username: 'carol',
            password: 'k3Xq9TmZ2pLa',
            usertype: 'REGULAR',
          }),
          ...errorResponses(400, 401, 403, 404),
        },
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
        summary: 'A user’s portfolio',
        description: 'The markets a user holds shares in, most recently traded first, with the share counts. Raw body.',
        params: UsernamePath,
        response: {
          200: documented(Portfolio, 'The portfolio.', {
            portfolioItems: [{ marketId: 7, questionTitle: exampleMarketResponse.questionTitle, yesSharesOwned: 24, noSharesOwned: 0, lastBetPlaced: '2026-03-02T09:30:00.000Z' }],
            totalSharesOwned: 24,
          }),
          ...errorResponses(400),
        },
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
        summary: 'A user’s financial figures',
        description:
          'The 18 figures of the user’s finances: balance, debt, money in play, spending, profits realised and potential ' +
          '(docs/market-model.md, user financials). 404 `USER_NOT_FOUND` when unknown. Raw body.',
        params: UsernamePath,
        response: {
          200: documented(Type.Object({ financial: ref(FinancialMap) }), 'The figures.', { financial: exampleFinancialMap }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => ({ financial: await unwrap(useCases.getUserFinancials({ username: request.params.username })) }),
  );

  app.get(
    '/v0/read/users/:username/financial-summary',
    {
      config: { auth: 'user', limit: 'general' },
      schema: {
        tags: ['users'],
        summary: 'A user’s financial summary',
        description:
          'The financial figures, `positionCount` (markets where the user holds shares) and `freshness` (computed per ' +
          'request). 404 `NOT_FOUND` for an unknown user.',
        security: [{ bearer: [] }],
        params: UsernamePath,
        response: {
          200: documented(
            Envelope(Type.Object({ username: Type.String(), financial: ref(FinancialMap), positionCount: Int, freshness: ref(Freshness) })),
            'The summary.',
            { ok: true, result: { username: 'alice', financial: exampleFinancialMap, positionCount: 1, freshness: liveFreshnessExample } },
          ),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const summary = await useCases.getFinancialSummary({ username: request.params.username });
      // An unknown user has no summary: the read model's NOT_FOUND (docs/api.md#user-governance), not USER_NOT_FOUND.
      if (summary.isErr()) {
        throw summary.error.code === 'USER_NOT_FOUND' ? new HttpProblem(404, 'NOT_FOUND', summary.error.message) : toHttpProblem(summary.error);
      }
      return ok({ ...summary.value, freshness: liveFreshness(clock.now()) });
    },
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
        summary: 'Markets the caller stewards',
        description:
          'The caller’s markets by lifecycle `status` (`published` by default, or `proposed`, `rejected`), optionally ' +
          'filtered by a title `query`; `limit` (1–100, default 50) and `offset` page them.',
        security: [{ bearer: [] }],
        querystring: Type.Object({ status: Type.Optional(Type.String()), query: Type.Optional(Type.String()), ...PageQuery }),
        response: { 200: StewardedList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const status = (request.query.status ?? 'published').trim().toLowerCase() || 'published';
      const lifecycleStatus = sanitize.ownEntry(PROFILE_MARKET_STATUSES, status);
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
        summary: 'Markets a user stewards',
        description: 'The markets the named user stewards, newest first; `limit` (1–100, default 50) and `offset` page them.',
        security: [{ bearer: [] }],
        params: UsernamePath,
        querystring: Type.Object(PageQuery),
        response: { 200: StewardedList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => stewarded(request.params.username, request.query, {}),
  );
};
