// The administrators' queue of answers proposed for market groups (docs/api.md#answer-additions). Market groups are a
// later issue: no answer can be proposed yet, so the queue is always empty, and the web app's admin sidebar, which
// polls `?status=pending&limit=1` and reads `total`, shows no pending answers instead of an error. The query is
// still checked as the full route will check it: strict paging, a known status.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HttpProblem } from '../http-problem.ts';
import { documented, Int } from '../schemas/common.schema.ts';
import { strictNumber } from '../schemas/strict-paging.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const STATUSES = ['pending', 'approved', 'rejected'];

const AdditionPage = Type.Object({ additions: Type.Array(Type.Object({})), total: Int, limit: Int, offset: Int });


const Query = {
  status: Type.Optional(Type.String({ maxLength: 20, description: 'pending (default), approved or rejected' })),
  groupId: Type.Optional(Type.String({ maxLength: 20, description: 'a group id' })),
  query: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.String({ description: `integer 1…${String(MAX_LIMIT)}, default ${String(DEFAULT_LIMIT)}; anything else → 400` })),
  offset: Type.Optional(Type.String({ description: 'integer ≥ 0, default 0; anything else → 400' })),
};

/** The queue as the full route will check it, always empty until market groups exist. */
function emptyQueue(query: { status?: string; limit?: string; offset?: string }) {
  const { status = 'pending' } = query;
  if (!STATUSES.includes(status)) {
    throw new HttpProblem(400, 'VALIDATION_FAILED', 'status must be pending, approved or rejected.', {
      details: { fields: { status: ['must be pending, approved or rejected'] } },
    });
  }
  const limit = strictNumber(query.limit, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT);
  const offset = strictNumber(query.offset, 'offset', 0, 0, 100_000_000);
  return ok({ additions: [], total: 0, limit, offset });
}

export const answerAdditionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v0/admin/market-group-answer-additions',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Answer additions awaiting review',
        description:
          'Answers proposed for multiple-choice market groups, by `status` (pending by default). Market groups are not ' +
          'implemented yet, so the queue is empty. Paging is strict: a `limit` outside 1–200 or a bad `offset` is 400.',
        security: [{ bearer: [] }],
        querystring: Type.Object(Query),
        response: {
          200: documented(Envelope(AdditionPage), 'The queue.', { ok: true, result: { additions: [], total: 0, limit: 1, offset: 0 } }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => emptyQueue(request.query),
  );

  app.get(
    '/v0/profile/market-group-answer-additions',
    {
      config: { auth: 'user', limit: 'general' },
      schema: {
        tags: ['users'],
        summary: 'Answer additions to my groups',
        description:
          'Answers proposed for the market groups the caller stewards, by `status` (pending by default). Market groups ' +
          'are not implemented yet, so the list is empty. Strict paging as the admin queue.',
        security: [{ bearer: [] }],
        querystring: Type.Object({ status: Query.status, limit: Query.limit, offset: Query.offset }),
        response: {
          200: documented(Envelope(AdditionPage), 'The list.', { ok: true, result: { additions: [], total: 0, limit: 50, offset: 0 } }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => emptyQueue(request.query),
  );
};
