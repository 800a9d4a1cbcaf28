// The answer-addition queues of market groups (docs/api.md#answer-additions): one group's, the steward's own (answers
// proposed for the groups it stewards) and the administrators', and the two review routes. The web app's admin
// sidebar polls `?status=pending&limit=1` and reads `total`. Paging is strict and the status a known one.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AnswerAddition, AnswerAdditionPage, GroupAnswerAdditionStatus } from '@socialpredict/domain';
import type { MarketGroupUseCases } from '@socialpredict/runtime';
import { unwrap } from '../http-error.mapper.ts';
import { HttpProblem } from '../http-problem.ts';
import * as sanitize from '../input-sanitizers.ts';
import { actorOf } from '../principal.ts';
import { documented, IdParam, Int, ref } from '../schemas/common.schema.ts';
import { strictNumber } from '../schemas/strict-paging.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { AnswerAdditionShape, exampleAnswerAddition, toAnswerAddition } from '../schemas/market-group.schema.ts';
import { routeWrite } from '../write-call.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const STATUSES: readonly string[] = ['pending', 'approved', 'rejected'];

const AdditionPage = Type.Object({ additions: Type.Array(ref(AnswerAdditionShape)), total: Int, limit: Int, offset: Int });

const Query = {
  status: Type.Optional(Type.String({ maxLength: 20, description: 'pending (default), approved or rejected' })),
  groupId: Type.Optional(Type.String({ maxLength: 20, description: 'a group id' })),
  query: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.String({ description: `integer 1…${String(MAX_LIMIT)}, default ${String(DEFAULT_LIMIT)}; anything else → 400` })),
  offset: Type.Optional(Type.String({ description: 'integer ≥ 0, default 0; anything else → 400' })),
};

const ReviewBody = Type.Object({
  status: Type.String({ maxLength: 20, description: 'approved or rejected' }),
  reason: Type.Optional(Type.String({ maxLength: 4000 })),
  confirm: Type.Optional(Type.Boolean({ description: 'true to approve' })),
});

/** The checked filters of every queue. */
function filtersOf(query: { status?: string; groupId?: string; limit?: string; offset?: string }) {
  const { status = 'pending' } = query;
  if (!STATUSES.includes(status)) {
    throw new HttpProblem(400, 'VALIDATION_FAILED', 'status must be pending, approved or rejected.', {
      details: { fields: { status: ['must be pending, approved or rejected'] } },
    });
  }
  return {
    status: status as GroupAnswerAdditionStatus,
    ...(query.groupId === undefined ? {} : { groupId: strictNumber(query.groupId, 'groupId', 1, 1, Number.MAX_SAFE_INTEGER) }),
    limit: strictNumber(query.limit, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT),
    offset: strictNumber(query.offset, 'offset', 0, 0, 100_000_000),
  };
}

const pageBody = (page: AnswerAdditionPage, filters: { limit: number; offset: number }) => ({
  additions: page.additions.map((addition) => toAnswerAddition(addition)),
  total: page.total,
  limit: filters.limit,
  offset: filters.offset,
});

const examplePage = { additions: [exampleAnswerAddition], total: 1, limit: 50, offset: 0 };
const reviewed = { ...exampleAnswerAddition, status: 'approved' as const, marketId: 13, reviewedBy: 'alice', reviewedAt: exampleAnswerAddition.createdAt };

export const answerAdditionRoutes: FastifyPluginAsyncTypebox<{ useCases: MarketGroupUseCases }> = async (app, { useCases }) => {
  const review = (path: string, summary: string, description: string, auth: 'admin' | 'user', envelope: boolean) =>
    app.patch(
      path,
      {
        config: { auth, limit: 'general' },
        schema: {
          tags: [auth === 'admin' ? 'admin' : 'users'],
          summary,
          description,
          security: [{ bearer: [] }],
          params: Type.Object({ id: IdParam }),
          body: documented(ReviewBody, 'The decision.', { status: 'approved', confirm: true, reason: 'Fits the question.' }),
          response: {
            200: envelope
              ? documented(Envelope(ref(AnswerAdditionShape)), 'The reviewed addition.', { ok: true, result: reviewed })
              : documented(ref(AnswerAdditionShape), 'The reviewed addition.', reviewed),
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
      },
      async (request, reply) => {
        const reason = sanitize.sanitizeFields({ reason: sanitize.amendmentReason(request.body.reason ?? '', false) }).reason;
        const write = routeWrite(request, reply, (addition: AnswerAddition) => ({
          status: 200,
          body: envelope ? ok(toAnswerAddition(addition)) : toAnswerAddition(addition),
        }));
        const addition = await unwrap(
          useCases.reviewGroupAnswer(
            {
              actor: actorOf(request),
              additionId: request.params.id,
              status: request.body.status,
              reason,
              ...(request.body.confirm === undefined ? {} : { confirm: request.body.confirm }),
            },
            write.call,
          ),
        );
        return write.send(addition);
      },
    );

  app.get(
    '/v0/admin/market-group-answer-additions',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Answer additions awaiting review',
        description:
          'Answers proposed for every market group, newest first, by `status` (pending by default) and `groupId`. Paging ' +
          'is strict: a `limit` outside 1–200 or a bad `offset` is 400.',
        security: [{ bearer: [] }],
        querystring: Type.Object(Query),
        response: {
          200: documented(Envelope(AdditionPage), 'The queue.', { ok: true, result: examplePage }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const filters = filtersOf(request.query);
      return ok(pageBody(await unwrap(useCases.listGroupAnswerAdditions({ actor: actorOf(request), scope: 'admin', ...filters })), filters));
    },
  );

  review(
    '/v0/admin/market-group-answer-additions/:id',
    'Review an answer addition',
    'Approves (with `confirm: true`; creates the answer market) or rejects (refunds the fee) one pending addition; reason ≤ 500. 409 `INVALID_STATE` once reviewed or when the group is no longer published.',
    'admin',
    true,
  );

  app.get(
    '/v0/profile/market-group-answer-additions',
    {
      config: { auth: 'user', limit: 'general' },
      schema: {
        tags: ['users'],
        summary: 'Answer additions to my groups',
        description: 'Answers proposed for the market groups the caller stewards, by `status` (pending by default) and `groupId`. Strict paging as the admin queue.',
        security: [{ bearer: [] }],
        querystring: Type.Object({ status: Query.status, groupId: Query.groupId, limit: Query.limit, offset: Query.offset }),
        response: {
          200: documented(Envelope(AdditionPage), 'The list.', { ok: true, result: examplePage }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const filters = filtersOf(request.query);
      return ok(pageBody(await unwrap(useCases.listGroupAnswerAdditions({ actor: actorOf(request), scope: 'own', ...filters })), filters));
    },
  );

  review(
    '/v0/profile/market-group-answer-additions/:id',
    'Review an answer to my group',
    'The group’s steward approves (with `confirm: true`) or rejects one pending addition, unless the approval policy reserves reviews to administrators (403). Raw body.',
    'user',
    false,
  );

  app.get(
    '/v0/market-groups/:id/answer-additions',
    {
      config: { auth: 'user', limit: 'general' },
      schema: {
        tags: ['markets'],
        summary: 'Answer additions of a group',
        description: 'Answers proposed for one group, by `status` (pending by default), for its steward, active moderators and administrators (403 otherwise). Raw body.',
        security: [{ bearer: [] }],
        params: Type.Object({ id: IdParam }),
        querystring: Type.Object({ status: Query.status, limit: Query.limit, offset: Query.offset }),
        response: {
          200: documented(Type.Object({ additions: Type.Array(ref(AnswerAdditionShape)), total: Int }), 'The list.', { additions: [exampleAnswerAddition], total: 1 }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const filters = { ...filtersOf(request.query), groupId: request.params.id };
      const page = await unwrap(useCases.listGroupAnswerAdditions({ actor: actorOf(request), scope: 'group', ...filters }));
      return { additions: page.additions.map((addition) => toAnswerAddition(addition)), total: page.total };
    },
  );
};
