// Market reads and creation (T1-22…T1-25, T1-29, T1-30, T1-33).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Clock, MarketWithTags } from '@socialpredict/domain';
import type { MarketUseCases } from '@socialpredict/runtime';
import { HttpProblem } from '../http-problem.ts';
import { unwrap } from '../http-error.mapper.ts';
import * as sanitize from '../input-sanitizers.ts';
import { clockVariant, sendSharedWithPath, toMarketDetails, toMarketOverview, toMarketResponse, toPosition } from '../presenters/market.presenter.ts';
import { principalOf } from '../principal.ts';
import { documented, IdParam, Int, isoTime, PageQuery, pageOf, ref } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import {
  exampleBetRow,
  exampleMarketHeader,
  exampleMarketResponse,
  exampleOverview,
  examplePosition,
  liveFreshnessExample,
} from '../schemas/examples.ts';
import { BetRow, Freshness, MarketDetails, MarketList, MarketOverview, MarketResponse, Position } from '../schemas/market.schema.ts';
import { liveFreshness } from '../presenters/freshness.presenter.ts';
import { routeWrite } from '../write-call.ts';

export interface MarketRouteOptions {
  useCases: MarketUseCases;
  clock: Clock;
}

type StatusFilter = 'active' | 'closed' | 'resolved' | 'all';
const STATUS_FILTERS: readonly StatusFilter[] = ['active', 'closed', 'resolved', 'all'];

/** `status` of the public lists: case-insensitive, empty = all, anything else INVALID_REQUEST (T1-22). */
function statusFilter(raw: string | undefined): StatusFilter {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '') return 'all';
  if ((STATUS_FILTERS as readonly string[]).includes(value)) return value as StatusFilter;
  throw new HttpProblem(400, 'INVALID_REQUEST', 'status must be one of active, closed, resolved or all.');
}

const ListQuery = Type.Object({
  status: Type.Optional(Type.String()),
  created_by: Type.Optional(Type.String()),
  tagSlug: Type.Optional(Type.String()),
  ...PageQuery,
});

const SearchResult = Type.Object({
  primaryResults: Type.Array(ref(MarketOverview)),
  fallbackResults: Type.Array(ref(MarketOverview)),
  query: Type.String(),
  primaryStatus: Type.String(),
  primaryCount: Int,
  fallbackCount: Int,
  totalCount: Int,
  fallbackUsed: Type.Boolean(),
});

const CreateMarketBody = Type.Object({
  questionTitle: Type.String(),
  description: Type.String(),
  outcomeType: Type.Literal('BINARY'),
  resolutionDateTime: Type.String(),
  yesLabel: Type.Optional(Type.String()),
  noLabel: Type.Optional(Type.String()),
  tagSlugs: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 }), { maxItems: 5, uniqueItems: true })),
  utcOffset: Type.Optional(Type.Integer({ minimum: -1440, maximum: 1440 })),
});

const publicList = { config: { limit: 'general' } } as const;

/** `tagSlug` of the list routes: empty means no filter; a slug no tag has matches nothing (docs/api.md#market-tags). */
export function tagFilter(raw: string | undefined): { tagSlug?: string } {
  const slug = (raw ?? '').trim();
  return slug === '' ? {} : { tagSlug: slug };
}

export const marketRoutes: FastifyPluginAsyncTypebox<MarketRouteOptions> = async (app, { useCases, clock }) => {
  const listPage = async (status: StatusFilter, createdBy: string | undefined, tagSlug: string | undefined, page: { limit: number; offset: number }) => {
    const found = await unwrap(
      useCases.listMarkets({
        status,
        ...(createdBy === undefined || createdBy === '' ? {} : { createdBy }),
        ...tagFilter(tagSlug),
        ...page,
      }),
    );
    const now = clock.now();
    const markets = found.markets.map((overview) => toMarketOverview(overview, now));
    // Parity quirk of T1-22: `total` is the number of items in this page.
    return { markets, total: markets.length };
  };

  const listSchema = (summary: string, description: string) => ({
    tags: ['markets'],
    summary,
    description:
      `${description} Newest first; \`created_by\` filters by creator, \`tagSlug\` by tag. \`total\` counts the ` +
      'items of this page (upstream quirk). Raw body.',
    querystring: ListQuery,
    response: {
      200: documented(ref(MarketList), 'A page of market overviews.', { markets: [exampleOverview], total: 1 }),
      ...errorResponses(400),
    },
  });

  app.get(
    '/v0/markets',
    {
      ...publicList,
      schema: listSchema(
        'List markets',
        'Published, closed and resolved markets; `status` (`active`, `closed`, `resolved` or `all`, else 400 ' +
          '`INVALID_REQUEST`) filters them, `limit` (1–100, default 50) and `offset` page them.',
      ),
    },
    async (request) =>
      listPage(statusFilter(request.query.status), request.query.created_by, request.query.tagSlug, pageOf(request.query, 50, 100)),
  );

  for (const status of ['active', 'closed', 'resolved'] as const) {
    const list = listSchema(`List ${status} markets`, `The ${status} markets; \`limit\` (1–100, default 50) and \`offset\` page them.`);
    app.get(`/v0/markets/${status}`, { ...publicList, schema: list }, async (request) =>
      listPage(status, request.query.created_by, request.query.tagSlug, pageOf(request.query, 50, 100)),
    );
  }

  const allByStatus = listSchema('List markets of every status', 'Every public market; `limit` (default 100) and `offset` page them.');
  app.get('/v0/markets/status', { ...publicList, schema: allByStatus }, async (request) =>
    listPage('all', request.query.created_by, request.query.tagSlug, pageOf(request.query, 100, Number.MAX_SAFE_INTEGER)),
  );

  app.get(
    '/v0/markets/status/:status',
    {
      ...publicList,
      schema: {
        ...listSchema(
          'List markets with a status',
          'The markets whose status is in the path (`active`, `closed`, `resolved` or `all`, else 400 ' +
            '`INVALID_REQUEST`); `limit` (default 100) and `offset` page them.',
        ),
        params: Type.Object({ status: Type.String() }),
      },
    },
    async (request) =>
      listPage(statusFilter(request.params.status), request.query.created_by, request.query.tagSlug, pageOf(request.query, 100, Number.MAX_SAFE_INTEGER)),
  );

  app.get(
    '/v0/markets/search',
    {
      ...publicList,
      schema: {
        tags: ['markets'],
        summary: 'Search markets',
        description:
          'Searches titles and descriptions for `query` (or `q`, required, at most 100 characters). With a `status` ' +
          'filter that matches five markets or fewer, `fallbackResults` adds matches of every status. A missing query ' +
          'is 400 `INVALID_REQUEST`. Raw body.',
        querystring: Type.Object({
          query: Type.Optional(Type.String()),
          q: Type.Optional(Type.String()),
          status: Type.Optional(Type.String()),
          tagSlug: Type.Optional(Type.String()),
          ...PageQuery,
        }),
        response: {
          200: documented(SearchResult, 'The primary and fallback matches.', {
            primaryResults: [exampleOverview],
            fallbackResults: [],
            query: 'snow',
            primaryStatus: 'active',
            primaryCount: 1,
            fallbackCount: 0,
            totalCount: 1,
            fallbackUsed: false,
          }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const raw = request.query.query ?? request.query.q;
      if (raw === undefined || raw.trim() === '') throw new HttpProblem(400, 'INVALID_REQUEST', 'A search query is required.');
      const status = statusFilter(request.query.status);
      const { query } = sanitize.sanitizeFields({ query: sanitize.searchQuery(raw) });
      const found = await unwrap(useCases.searchMarkets({ query, status, ...tagFilter(request.query.tagSlug), ...pageOf(request.query, 20, 50) }));
      const now = clock.now();
      return {
        primaryResults: found.primaryResults.map((overview) => toMarketOverview(overview, now)),
        fallbackResults: found.fallbackResults.map((overview) => toMarketOverview(overview, now)),
        query: found.query,
        primaryStatus: found.primaryStatus,
        primaryCount: found.primaryCount,
        fallbackCount: found.fallbackCount,
        totalCount: found.totalCount,
        fallbackUsed: found.fallbackUsed,
      };
    },
  );

  app.get(
    '/v0/markets/:id',
    {
      ...publicList,
      schema: {
        tags: ['markets'],
        summary: 'Get a market',
        description:
          'The market with its creator, figures and probability path (thinned to at most `PROBABILITY_POINTS_MAX` ' +
          'points, first and last kept). 404 `MARKET_NOT_FOUND` when it does not exist. Raw body.',
        params: Type.Object({ id: IdParam }),
        response: {
          200: documented(ref(MarketDetails), 'The market details.', {
            ...exampleMarketHeader,
            lastProbability: exampleBetRow.probability,
            descriptionAmendments: [],
          }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const details = await unwrap(useCases.getMarketDetails({ marketId: request.params.id }));
      const now = clock.now();
      return sendSharedWithPath(reply, details, clockVariant(details.market, now, details.marketGroup), () => ({
        body: { ...toMarketDetails(details, now), probabilityChanges: [] },
        path: details.probabilityChanges,
      }));
    },
  );

  app.get(
    '/v0/markets/bets/:marketId',
    {
      ...publicList,
      schema: {
        tags: ['markets'],
        summary: 'List a market’s trades',
        description:
          'Every buy and sale row of the market, oldest first; with `limit` (1–100, default 20) or `offset`, one page ' +
          'newest first. A sale row’s `amount` is negative. 404 `MARKET_NOT_FOUND` when it does not exist.',
        params: Type.Object({ marketId: IdParam }),
        querystring: Type.Object(PageQuery),
        response: {
          200: documented(Envelope(Type.Array(ref(BetRow))), 'The trade rows.', { ok: true, result: [exampleBetRow] }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const paged = request.query.limit !== undefined || request.query.offset !== undefined;
      const rows = await unwrap(
        useCases.listBets({ marketId: request.params.marketId, ...(paged ? { page: pageOf(request.query, 20, 100) } : {}) }),
      );
      return ok(
        rows.map((row) => ({
          username: row.username,
          outcome: row.outcome,
          amount: row.amount,
          probability: row.probability,
          placedAt: isoTime(row.placedAt),
        })),
      );
    },
  );

  app.get(
    '/v0/markets/positions/:marketId',
    {
      ...publicList,
      schema: {
        tags: ['markets'],
        summary: 'List a market’s positions',
        description:
          'Every trader’s position by username; with `limit` (1–100, default 20) or `offset`, one page of holders ' +
          'only, by total shares, as `{positions, freshness}`. 404 `MARKET_NOT_FOUND` when it does not exist.',
        params: Type.Object({ marketId: IdParam }),
        querystring: Type.Object(PageQuery),
        response: {
          200: documented(
            Envelope(Type.Union([Type.Array(ref(Position)), Type.Object({ positions: Type.Array(ref(Position)), freshness: ref(Freshness) })])),
            'All positions, or a page of holders with its freshness.',
            { ok: true, result: { positions: [examplePosition], freshness: liveFreshnessExample } },
          ),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const paged = request.query.limit !== undefined || request.query.offset !== undefined;
      const found = await unwrap(
        useCases.listMarketPositions({ marketId: request.params.marketId, ...(paged ? { page: pageOf(request.query, 20, 100) } : {}) }),
      );
      const positions = found.positions.map(toPosition);
      return ok(paged ? { positions, freshness: liveFreshness(clock.now()) } : positions);
    },
  );

  app.post(
    '/v0/markets',
    {
      config: { auth: 'user', limit: 'general' },
      schema: {
        tags: ['markets'],
        summary: 'Create a market',
        description:
          'Creates a YES/NO market stewarded by the caller and charges `createMarketCost` (422 `INSUFFICIENT_BALANCE` ' +
          'beyond the debt limit). In moderator mode only active moderators may create (403 `USER_NOT_APPROVED`) and ' +
          'the market may start as `proposed`. The resolution time must be later than now + `minimumFutureHours` and ' +
          'before 2100. `tagSlugs` names at most five active tags (else 400 `VALIDATION_FAILED`). Raw body.',
        security: [{ bearer: [] }],
        body: documented(CreateMarketBody, 'The question and its resolution time.', {
          questionTitle: exampleMarketResponse.questionTitle,
          description: exampleMarketResponse.description,
          outcomeType: 'BINARY',
          resolutionDateTime: '2027-01-02T00:00:00Z',
          yesLabel: 'SNOW',
          noLabel: 'NO SNOW',
        }),
        response: {
          201: documented(ref(MarketResponse), 'The created market.', { ...exampleMarketResponse, yesLabel: 'SNOW', noLabel: 'NO SNOW' }),
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const clean = sanitize.sanitizeFields({
        questionTitle: sanitize.questionTitle(body.questionTitle),
        description: sanitize.marketDescription(body.description),
        resolutionDateTime: sanitize.resolutionTime(body.resolutionDateTime),
        yesLabel: sanitize.outcomeLabel(body.yesLabel, 'YES'),
        noLabel: sanitize.outcomeLabel(body.noLabel, 'NO'),
      });
      const write = routeWrite(request, reply, (market: MarketWithTags) => ({ status: 201, body: toMarketResponse(market, clock.now(), market.tags) }));
      const market = await unwrap(
        useCases.createMarket(
          {
            username: principalOf(request).username,
            questionTitle: clean.questionTitle,
            description: clean.description,
            resolutionDateTime: clean.resolutionDateTime,
            yesLabel: clean.yesLabel,
            noLabel: clean.noLabel,
            utcOffset: body.utcOffset ?? 0,
            tagSlugs: body.tagSlugs ?? [],
          },
          write.call,
        ),
      );
      app.metrics.marketsCreated.inc();
      return write.send(market);
    },
  );
};
