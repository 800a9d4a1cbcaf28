// The administrators' queue of answers proposed for market groups (docs/api.md#answer-additions). Market groups are a
// later issue: no answer can be proposed yet, so the queue is always empty, and the web app's admin sidebar, which
// polls `?status=pending&limit=1` and reads `total`, shows no pending answers instead of an error. The query is
// still checked as the full route will check it: strict paging, a known status.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HttpProblem } from '../http-problem.ts';
import { documented, Int } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;
const STATUSES = ['pending', 'approved', 'rejected'];

const AdditionPage = Type.Object({ additions: Type.Array(Type.Object({})), total: Int, limit: Int, offset: Int });

/** Strict paging of the admin lists (docs/api.md#tier-2): an unusable value is refused, never replaced by a default. */
function strictNumber(raw: string | undefined, field: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new HttpProblem(400, 'VALIDATION_FAILED', `${field} must be a whole number from ${String(min)} to ${String(max)}.`, {
      details: { fields: { [field]: [`must be ${String(min)}–${String(max)}`] } },
    });
  }
  return value;
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
        querystring: Type.Object({
          status: Type.Optional(Type.String({ maxLength: 20, description: 'pending (default), approved or rejected' })),
          groupId: Type.Optional(Type.String({ maxLength: 20, description: 'a group id' })),
          query: Type.Optional(Type.String({ maxLength: 100 })),
          limit: Type.Optional(Type.String({ description: `integer 1…${String(MAX_LIMIT)}, default ${String(DEFAULT_LIMIT)}; anything else → 400` })),
          offset: Type.Optional(Type.String({ description: 'integer ≥ 0, default 0; anything else → 400' })),
        }),
        response: {
          200: documented(Envelope(AdditionPage), 'The queue.', { ok: true, result: { additions: [], total: 0, limit: 1, offset: 0 } }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { status = 'pending' } = request.query;
      if (!STATUSES.includes(status)) {
        throw new HttpProblem(400, 'VALIDATION_FAILED', 'status must be pending, approved or rejected.', {
          details: { fields: { status: ['must be pending, approved or rejected'] } },
        });
      }
      const limit = strictNumber(request.query.limit, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT);
      const offset = strictNumber(request.query.offset, 'offset', 0, 0, 100_000_000);
      return ok({ additions: [], total: 0, limit, offset });
    },
  );
};
