// Proposal review (docs/api.md#proposal-review): the administrators' market queue, approval, rejection with the
// creator's refund, and steward reassignment. Every row is a ReviewRow: the market as the review page shows it plus
// its steward changes. Paging is strict: a limit outside 1–100 or a bad offset is 400 VALIDATION_FAILED.
import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import { publicMarketStatus, REVIEW_STATUSES, type ReviewedMarket } from '@socialpredict/domain';
import type { MarketGroupReviewUseCases, ReviewUseCases } from '@socialpredict/runtime';
import { HttpProblem } from '../http-problem.ts';
import { reviewDecision } from '../presenters/market.presenter.ts';
import { unwrap } from '../http-error.mapper.ts';
import { actorOf } from '../principal.ts';
import { documented, IdParam, Int, isoTime, ref } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { CREATED_AT, TRADED_AT } from '../schemas/examples.ts';
import { ReviewRow } from '../schemas/review.schema.ts';
import { routeWrite } from '../write-call.ts';
import { toGroupReviewRow } from '../presenters/market-group.presenter.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

type ReviewRowShape = Static<typeof ReviewRow>;

const ReviewPage = Type.Object({ markets: Type.Array(ref(ReviewRow)), total: Int, limit: Int, offset: Int });

/** A market that went through review (or awaits it) shows the cost its creator paid; others leave it out. */
function toReviewRow({ market, stewardshipAudits }: ReviewedMarket, now: number): ReviewRowShape {
  const reviewed = market.lifecycleStatus === 'proposed' || market.approvedBy !== null || market.rejectedBy !== null;
  return {
    rowKey: `market:${String(market.id)}`,
    id: market.id,
    questionTitle: market.questionTitle,
    description: market.description,
    creatorUsername: market.creatorUsername,
    stewardUsername: market.stewardUsername,
    yesLabel: market.yesLabel,
    noLabel: market.noLabel,
    status: publicMarketStatus(market, now),
    lifecycleStatus: market.lifecycleStatus,
    ...reviewDecision(market),
    ...(reviewed ? { proposalCost: market.creationCost } : {}),
    ...(stewardshipAudits.length === 0
      ? {}
      : { stewardshipAudits: stewardshipAudits.map((audit) => ({ ...audit, createdAt: isoTime(audit.createdAt) })) }),
    createdAt: isoTime(market.createdAt),
    updatedAt: isoTime(market.updatedAt),
    resolutionDateTime: isoTime(market.resolutionDateTime),
  };
}

const exampleRow: ReviewRowShape = {
  rowKey: 'market:7',
  id: 7,
  questionTitle: 'Will it snow?',
  description: 'In Bern.',
  creatorUsername: 'alice',
  stewardUsername: 'alice',
  yesLabel: 'YES',
  noLabel: 'NO',
  status: 'proposed',
  lifecycleStatus: 'proposed',
  proposalCost: 10,
  createdAt: CREATED_AT,
  updatedAt: CREATED_AT,
  resolutionDateTime: TRADED_AT,
};

function strictInteger(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!(parsed >= min && parsed <= max)) {
    throw new HttpProblem(400, 'VALIDATION_FAILED', `${name} must be a whole number from ${String(min)} to ${String(max)}.`);
  }
  return parsed;
}

const Reason = Type.String({ minLength: 1, maxLength: 500 });
const security = [{ bearer: [] }];

export const marketReviewRoutes: FastifyPluginAsyncTypebox<{ useCases: ReviewUseCases & Pick<MarketGroupReviewUseCases, 'listReviewQueue'>; clock: { now(): number } }> = async (app, { useCases, clock }) => {
  const answer = (reviewed: ReviewedMarket) => ({ status: 200, body: ok(toReviewRow(reviewed, clock.now())) });

  app.get(
    '/v0/admin/markets',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Markets for review',
        description:
          'Markets by review status (default `proposed`), optionally matching `query`, newest first, with their steward ' +
          'changes; `total` counts every match. A market group is one row (`rowKey` "group:<id>", `isMarketGroup`, ' +
          '`childMarkets`). Strict paging: 400 outside 1–100.',
        security,
        querystring: Type.Object({
          status: Type.Optional(Type.Union(REVIEW_STATUSES.map((status) => Type.Literal(status)))),
          query: Type.Optional(Type.String({ maxLength: 100 })),
          limit: Type.Optional(Type.String({ description: `integer 1…${String(MAX_LIMIT)}, default ${String(DEFAULT_LIMIT)}; anything else → 400` })),
          offset: Type.Optional(Type.String({ description: 'integer ≥ 0, default 0; anything else → 400' })),
        }),
        response: {
          200: documented(Envelope(ReviewPage), 'A page of review rows.', {
            ok: true,
            result: { markets: [exampleRow], total: 1, limit: 50, offset: 0 },
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const limit = strictInteger(request.query.limit, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT);
      const offset = strictInteger(request.query.offset, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
      const page = await unwrap(
        useCases.listReviewQueue({
          actor: actorOf(request),
          status: request.query.status ?? 'proposed',
          ...(request.query.query === undefined ? {} : { query: request.query.query }),
          limit,
          offset,
        }),
      );
      const now = clock.now();
      // docs/api.md#market-groups: a group is one row (`rowKey` "group:<id>"), its answer markets are not listed apart.
      const markets = page.rows.map((row) => (row.kind === 'group' ? toGroupReviewRow(row.reviewed, now) : toReviewRow(row.reviewed, now)));
      return ok({ markets, total: page.total, limit, offset });
    },
  );

  app.patch(
    '/v0/admin/markets/:id/approve',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Approve a proposal',
        description:
          'Publishes a proposed market (listed and tradable from now on). `confirm` must be true; not proposed: 409.',
        security,
        params: Type.Object({ id: IdParam }),
        body: documented(Type.Object({ confirm: Type.Boolean() }), 'The explicit confirmation.', { confirm: true }),
        response: {
          200: documented(Envelope(ref(ReviewRow)), 'The market, now published.', {
            ok: true,
            result: { ...exampleRow, status: 'active', lifecycleStatus: 'published', approvedBy: 'admin', approvedAt: TRADED_AT },
          }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const write = routeWrite(request, reply, answer);
      const approved = await unwrap(
        useCases.approveMarket({ actor: actorOf(request), marketId: request.params.id, confirm: request.body.confirm }, write.call),
      );
      return write.send(approved);
    },
  );

  app.patch(
    '/v0/admin/markets/:id/reject',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Reject a proposal',
        description:
          'Rejects a proposed market; the creator gets the proposal cost back (PROPOSAL_REFUND). Not proposed: 409.',
        security,
        params: Type.Object({ id: IdParam }),
        body: documented(Type.Object({ reason: Reason }), 'Why the proposal is rejected.', { reason: 'Duplicate' }),
        response: {
          200: documented(Envelope(ref(ReviewRow)), 'The market, now rejected.', {
            ok: true,
            result: { ...exampleRow, status: 'rejected', lifecycleStatus: 'rejected', rejectedBy: 'admin', rejectedAt: TRADED_AT, rejectionReason: 'Duplicate' },
          }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const write = routeWrite(request, reply, answer);
      const rejected = await unwrap(
        useCases.rejectMarket({ actor: actorOf(request), marketId: request.params.id, reason: request.body.reason }, write.call),
      );
      return write.send(rejected);
    },
  );

  app.patch(
    '/v0/admin/markets/:id/steward',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Reassign the steward',
        description:
          'Makes another user the steward and records the change. The new steward must be able to create markets in the ' +
          'game mode, else 404 `USER_NOT_FOUND`; settled markets keep theirs (409).',
        security,
        params: Type.Object({ id: IdParam }),
        body: documented(
          Type.Object({ stewardUsername: Type.String({ minLength: 1, maxLength: 30 }), reason: Reason }),
          'The new steward and why.',
          { stewardUsername: 'bob', reason: 'Away' },
        ),
        response: {
          200: documented(Envelope(ref(ReviewRow)), 'The market with its steward changes.', {
            ok: true,
            result: {
              ...exampleRow,
              stewardUsername: 'bob',
              stewardshipAudits: [{ id: 1, marketId: 7, fromStewardUsername: 'alice', toStewardUsername: 'bob', actorUsername: 'admin', reason: 'Away', createdAt: TRADED_AT }],
            },
          }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const write = routeWrite(request, reply, answer);
      const { stewardUsername, reason } = request.body;
      const moved = await unwrap(
        useCases.reassignSteward({ actor: actorOf(request), marketId: request.params.id, stewardUsername, reason }, write.call),
      );
      return write.send(moved);
    },
  );
};
