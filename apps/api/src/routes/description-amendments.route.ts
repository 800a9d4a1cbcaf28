// Description amendments (docs/api.md#amendments): a steward proposes, administrators review one or a group
// all-or-nothing, and each side lists its own view. Bodies and reasons are sanitised here; who may act, lengths and
// market state are the domain's rules. The moderator's "Market Changes" tab also reads the answer additions of the
// groups it stewards, which is the real empty queue until market groups exist.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DescriptionAmendment, ReviewedAmendments } from '@socialpredict/domain';
import type { AmendmentUseCases } from '@socialpredict/runtime';
import { unwrap } from '../http-error.mapper.ts';
import * as sanitize from '../input-sanitizers.ts';
import { actorOf, principalOf } from '../principal.ts';
import { Amendment, exampleAmendment, toAmendment } from '../schemas/amendment.schema.ts';
import { documented, IdParam, Int, ref } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { strictNumber } from '../schemas/strict-paging.ts';
import { routeWrite } from '../write-call.ts';

export interface AmendmentRouteOptions {
  useCases: AmendmentUseCases;
}

const LIMIT_MAX = 200;
const Page = Type.Object({ amendments: Type.Array(ref(Amendment)), total: Int, limit: Int, offset: Int });
const Group = Type.Object({ amendments: Type.Array(ref(Amendment)), total: Int });
const Review = { status: Type.String({ maxLength: 20, description: 'approved or rejected' }), reason: Type.String({ maxLength: 4000 }) };
const ListQuery = {
  status: Type.Optional(Type.String({ maxLength: 20, description: 'pending (default), approved or rejected' })),
  marketId: Type.Optional(Type.String({ maxLength: 20 })),
  limit: Type.Optional(Type.String({ description: `1–${String(LIMIT_MAX)}, default 50; else 400` })),
  offset: Type.Optional(Type.String({ description: '≥ 0, default 0; else 400' })),
};

function filtersOf(query: { status?: string; marketId?: string; limit?: string; offset?: string }) {
  return {
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.marketId === undefined ? {} : { marketId: strictNumber(query.marketId, 'marketId', 1, 1, Number.MAX_SAFE_INTEGER) }),
    limit: strictNumber(query.limit, 'limit', 50, 1, LIMIT_MAX),
    offset: strictNumber(query.offset, 'offset', 0, 0, 100_000_000),
  };
}

function reviewOf(body: { status: string; reason: string }) {
  return sanitize.sanitizeFields({ reason: sanitize.amendmentReason(body.reason, true) }).reason;
}

const grouped = (reviewed: ReviewedAmendments) => ({ amendments: reviewed.amendments.map(toAmendment), total: reviewed.total });

export const descriptionAmendmentRoutes: FastifyPluginAsyncTypebox<AmendmentRouteOptions> = async (app, { useCases }) => {
  app.post(
    '/v0/markets/:id/description-amendments',
    {
      config: { auth: 'user', limit: 'general' },
      schema: {
        tags: ['markets'],
        summary: 'Propose a description amendment',
        description:
          'The market’s steward, while an active moderator, adds clarifying text (1–2000 characters) under the ' +
          'description; pending until an administrator approves it, unless auto-approval is on. 409 `INVALID_STATE` ' +
          'once the market is closed, resolved, rejected or cancelled. Raw body.',
        security: [{ bearer: [] }],
        params: Type.Object({ id: IdParam }),
        body: documented(
          Type.Object({
            body: Type.String({ maxLength: 20_000 }),
            bodyFormat: Type.Optional(Type.Literal('markdown_lite')),
            submitReason: Type.Optional(Type.String({ maxLength: 4000 })),
          }),
          'The text and why it is needed.',
          { body: exampleAmendment.body, bodyFormat: 'markdown_lite', submitReason: 'The threshold was unclear.' },
        ),
        response: {
          201: documented(ref(Amendment), 'The amendment as stored.', exampleAmendment),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      // A refused body is reported by the use case after its market and steward checks (docs/api.md#request-pipeline).
      const { values, problems } = sanitize.screenFields({
        body: sanitize.amendmentBody(request.body.body),
        submitReason: sanitize.amendmentReason(request.body.submitReason ?? '', false),
      });
      const write = routeWrite(request, reply, (stored: DescriptionAmendment) => ({ status: 201, body: toAmendment(stored) }));
      const proposal = { actor: actorOf(request), marketId: request.params.id, ...values, screenProblems: problems };
      const stored = await unwrap(useCases.proposeAmendment(proposal, write.call));
      return write.send(stored);
    },
  );

  app.get(
    '/v0/admin/market-description-amendments',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Description amendments to review',
        description: 'Newest first, by `status` (pending by default), `marketId` and `query` (body, proposer or market title). Strict paging.',
        security: [{ bearer: [] }],
        querystring: Type.Object({ ...ListQuery, query: Type.Optional(Type.String({ maxLength: 100 })) }),
        response: {
          200: documented(Envelope(Page), 'One page.', { ok: true, result: { amendments: [exampleAmendment], total: 1, limit: 50, offset: 0 } }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const query = request.query.query === undefined ? {} : { query: sanitize.sanitizeFields({ query: sanitize.searchQuery(request.query.query) }).query };
      const page = await unwrap(useCases.listAmendments({ actor: actorOf(request), ...filtersOf(request.query), ...query }));
      return ok({ ...page, amendments: page.amendments.map(toAmendment) });
    },
  );

  // Registered before `/:id`, though find-my-way prefers the static segment anyway.
  app.patch(
    '/v0/admin/market-description-amendments/grouped-review',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Review amendments together',
        description: 'Approves or rejects every amendment named, all or none: one that is not pending makes it 409 `INVALID_STATE` and changes nothing.',
        security: [{ bearer: [] }],
        body: documented(
          Type.Object({ amendmentIds: Type.Array(IdParam, { description: '1–200 ids; else 400 VALIDATION_FAILED' }), ...Review }),
          'The amendments and the decision.',
          { amendmentIds: [7, 8], status: 'approved', reason: 'Both clarify the source.' },
        ),
        response: {
          200: documented(Envelope(Group), 'The reviewed amendments.', { ok: true, result: { amendments: [{ ...exampleAmendment, status: 'approved', approvedBy: 'admin', approvedAt: exampleAmendment.createdAt }], total: 1 } }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const reason = reviewOf(request.body);
      const write = routeWrite(request, reply, (reviewed: ReviewedAmendments) => ({ status: 200, body: ok(grouped(reviewed)) }));
      const reviewed = await unwrap(
        useCases.reviewAmendments({ actor: actorOf(request), amendmentIds: request.body.amendmentIds, status: request.body.status, reason }, write.call),
      );
      return write.send(reviewed);
    },
  );

  app.patch(
    '/v0/admin/market-description-amendments/:id',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Review an amendment',
        description: 'Approves or rejects one pending amendment with a reason (kept as the rejection reason). 409 `INVALID_STATE` once reviewed.',
        security: [{ bearer: [] }],
        params: Type.Object({ id: IdParam }),
        body: documented(Type.Object(Review), 'The decision.', { status: 'rejected', reason: 'Changes the question.' }),
        response: {
          200: documented(Envelope(ref(Amendment)), 'The reviewed amendment.', {
            ok: true,
            result: { ...exampleAmendment, status: 'rejected', rejectedBy: 'admin', rejectedAt: exampleAmendment.createdAt, rejectionReason: 'Changes the question.' },
          }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const reason = reviewOf(request.body);
      const write = routeWrite(request, reply, (reviewed: ReviewedAmendments) => ({ status: 200, body: ok(grouped(reviewed).amendments[0]) }));
      const reviewed = await unwrap(
        useCases.reviewAmendments({ actor: actorOf(request), amendmentIds: [request.params.id], status: request.body.status, reason }, write.call),
      );
      return write.send(reviewed);
    },
  );

  app.get(
    '/v0/profile/market-description-amendments',
    {
      config: { auth: 'user', limit: 'general' },
      schema: {
        tags: ['users'],
        summary: 'My description amendments',
        description: 'The amendments the caller proposed, newest first, by `status` (pending by default) and `marketId`. Strict paging.',
        security: [{ bearer: [] }],
        querystring: Type.Object(ListQuery),
        response: {
          200: documented(Envelope(Page), 'One page.', { ok: true, result: { amendments: [exampleAmendment], total: 1, limit: 50, offset: 0 } }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const page = await unwrap(useCases.listOwnAmendments({ username: principalOf(request).username, ...filtersOf(request.query) }));
      return ok({ ...page, amendments: page.amendments.map(toAmendment) });
    },
  );
};
