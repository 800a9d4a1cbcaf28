// The audit log for administrators (docs/api.md#audit-log): GET /v0/admin/audit, newest first, filtered by actor,
// action and target, with strict paging (a limit outside 1…100 or a negative or non-numeric offset is 400).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AdminUseCases } from '@socialpredict/runtime';
import { HttpProblem } from '../http-problem.ts';
import { unwrap } from '../http-error.mapper.ts';
import { actorOf } from '../principal.ts';
import { documented, Int, isoTime } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

const AuditRow = Type.Object({
  id: Int,
  at: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  target: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String(),
  inputs: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
});

const AuditPage = Type.Object({ entries: Type.Array(AuditRow), limit: Int, offset: Int });

const Filter = Type.Optional(Type.String({ minLength: 1, maxLength: 255 }));

function strictInteger(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  if (!(parsed >= min && parsed <= max)) {
    throw new HttpProblem(400, 'INVALID_REQUEST', `${name} must be a whole number from ${String(min)} to ${String(max)}.`);
  }
  return parsed;
}

export const adminRoutes: FastifyPluginAsyncTypebox<{ useCases: AdminUseCases }> = async (app, { useCases }) => {
  app.get(
    '/v0/admin/audit',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Read the audit log',
        description:
          'One row per state-changing request that reached a use case, and per CLI write: time, actor, action (the use case), ' +
          'target, request id, outcome (`ok` or the refusal code) and the decisive inputs (never secrets). Newest first; ' +
          'filter by exact actor, action or target. Paging is strict: a limit outside 1–100 or a bad offset is 400.',
        security: [{ bearer: [] }],
        querystring: Type.Object({
          actor: Filter,
          action: Filter,
          target: Filter,
          limit: Type.Optional(Type.String({ description: `integer 1…${String(MAX_LIMIT)}, default ${String(DEFAULT_LIMIT)}; anything else → 400` })),
          offset: Type.Optional(Type.String({ description: 'integer ≥ 0, default 0; anything else → 400' })),
        }),
        response: {
          200: documented(Envelope(AuditPage), 'A page of audit rows.', {
            ok: true,
            result: {
              entries: [
                {
                  id: 42,
                  at: '2026-03-02T09:30:00.000Z',
                  actor: 'alice',
                  action: 'placeBet',
                  target: 'market:1',
                  requestId: 'c0ffee00c0ffee00c0ffee00c0ffee00',
                  outcome: 'ok',
                  inputs: { marketId: 1, amount: 20, outcome: 'YES' },
                },
              ],
              limit: 50,
              offset: 0,
            },
          }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { actor, action, target } = request.query;
      const limit = strictInteger(request.query.limit, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT);
      const offset = strictInteger(request.query.offset, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
      const query = {
        limit,
        offset,
        ...(actor === undefined ? {} : { actor }),
        ...(action === undefined ? {} : { action }),
        ...(target === undefined ? {} : { target }),
      };
      const entries = await unwrap(useCases.listAuditEntries({ actor: actorOf(request), query }));
      return ok({ entries: entries.map((entry) => ({ ...entry, at: isoTime(entry.at) })), limit, offset });
    },
  );
};
