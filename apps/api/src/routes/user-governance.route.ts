// User governance for administrators (docs/api.md#user-governance): the user list of the web app's moderator queue
// (GET /v0/admin/users, strict paging), promotion of a regular user to moderator and suspension or reinstatement of a
// moderator, each with a reason kept on the audit row (and, for a suspension, on the user).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { USER_LIST_LIMITS, type RoleChange, type SetRoleOutput, type UserRole } from '@socialpredict/domain';
import type { GovernanceUseCases } from '@socialpredict/runtime';
import { HttpProblem } from '../http-problem.ts';
import { unwrap } from '../http-error.mapper.ts';
import * as sanitize from '../input-sanitizers.ts';
import { toAdminUser } from '../presenters/admin-user.presenter.ts';
import { actorOf } from '../principal.ts';
import { documented, Int, ref, UsernameParam } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { AdminUser, exampleAdminUser } from '../schemas/admin-user.schema.ts';
import { routeWrite } from '../write-call.ts';

const { defaultLimit, maxLimit, maxOffset } = USER_LIST_LIMITS;

const USER_TYPES: Readonly<Record<string, UserRole>> = { ADMIN: 'ADMIN', MODERATOR: 'MODERATOR', REGULAR: 'REGULAR' };

const UserPage = Type.Object({ users: Type.Array(ref(AdminUser)), total: Int, limit: Int, offset: Int });

const Reason = Type.Optional(Type.String({ maxLength: 2000 }));

const UsernamePath = Type.Object({ username: UsernameParam });

/** Decimal digits without a leading zero, else 400 INVALID_REQUEST (docs/api.md#validation); the range is the use case's rule. */
function pagingNumber(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^(0|[1-9]\d*)$/.test(raw)) throw new HttpProblem(400, 'INVALID_REQUEST', `${name} must be a whole number.`);
  return Number(raw);
}

function reasonOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  return sanitize.sanitizeFields({ reason: sanitize.reasonText(raw) }).reason;
}

export const userGovernanceRoutes: FastifyPluginAsyncTypebox<{ useCases: GovernanceUseCases }> = async (app, { useCases }) => {
  const changeRole = async (
    request: Parameters<typeof routeWrite>[0],
    reply: Parameters<typeof routeWrite>[1],
    username: string,
    change: RoleChange,
    reason: string | undefined,
  ) => {
    const write = routeWrite(request, reply, (user: SetRoleOutput) => ({ status: 200, body: ok(toAdminUser(user)) }));
    const input = { actor: actorOf(request), username, change, ...(reason === undefined ? {} : { reason }) };
    return write.send(await unwrap(useCases.setRole(input, write.call)));
  };

  app.get(
    '/v0/admin/users',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'List users',
        description:
          'Users in username order, filtered by `usertype` and by `query` (in the username or display name, any case). ' +
          'Strict paging: limit or offset out of range is 400 `VALIDATION_FAILED`.',
        security: [{ bearer: [] }],
        querystring: Type.Object({
          usertype: Type.Optional(Type.String({ maxLength: 20 })),
          query: Type.Optional(Type.String()),
          limit: Type.Optional(Type.String({ description: `1…${String(maxLimit)}, default ${String(defaultLimit)}` })),
          offset: Type.Optional(Type.String({ description: `0…${String(maxOffset)}` })),
        }),
        response: {
          200: documented(Envelope(UserPage), 'A page of users.', {
            ok: true,
            result: { users: [exampleAdminUser], total: 1, limit: 100, offset: 0 },
          }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { usertype, query } = request.query;
      const role = usertype === undefined || usertype.trim() === '' ? undefined : sanitize.ownEntry(USER_TYPES, usertype.trim().toUpperCase());
      if (usertype !== undefined && usertype.trim() !== '' && role === undefined) {
        throw new HttpProblem(400, 'VALIDATION_FAILED', 'usertype must be ADMIN, MODERATOR or REGULAR.', {
          details: { fields: { usertype: ['must be ADMIN, MODERATOR or REGULAR'] } },
        });
      }
      const text = query === undefined ? undefined : sanitize.sanitizeFields({ query: sanitize.searchQuery(query) }).query;
      const limit = pagingNumber(request.query.limit, 'limit', defaultLimit);
      const offset = pagingNumber(request.query.offset, 'offset', 0);
      const page = await unwrap(
        useCases.listUsers({
          actor: actorOf(request),
          limit,
          offset,
          ...(role === undefined ? {} : { role }),
          ...(text === undefined ? {} : { query: text }),
        }),
      );
      return ok({ users: page.users.map(toAdminUser), total: page.total, limit, offset });
    },
  );

  app.patch(
    '/v0/admin/users/:username/role',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Promote a user to moderator',
        description:
          'Makes a REGULAR user an active MODERATOR; another `usertype` is 400, a moderator or administrator 409 ' +
          '`INVALID_STATE`. The `reason` goes to the audit log.',
        security: [{ bearer: [] }],
        params: UsernamePath,
        body: documented(
          Type.Object({ usertype: Type.String({ maxLength: 20 }), reason: Reason }),
          'The new role and why.',
          { usertype: 'MODERATOR', reason: 'trusted' },
        ),
        response: {
          200: documented(Envelope(ref(AdminUser)), 'The new moderator.', {
            ok: true,
            result: { ...exampleAdminUser, usertype: 'MODERATOR', moderatorStatus: 'active' },
          }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      if (request.body.usertype.trim().toUpperCase() !== 'MODERATOR') {
        throw new HttpProblem(400, 'VALIDATION_FAILED', 'Only promotion to MODERATOR is possible here.', {
          details: { fields: { usertype: ['must be MODERATOR'] } },
        });
      }
      return changeRole(request, reply, request.params.username, { kind: 'promote' }, reasonOf(request.body.reason));
    },
  );

  app.patch(
    '/v0/admin/moderators/:username/suspension',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Suspend or reinstate a moderator',
        description:
          'Suspending (no more market creation) needs a `reason` (1–500), kept with who and when; `suspended: false` ' +
          'reinstates. 409 `INVALID_STATE` for a non-moderator.',
        security: [{ bearer: [] }],
        params: UsernamePath,
        body: documented(Type.Object({ suspended: Type.Boolean(), reason: Reason }), 'The new standing and why.', {
          suspended: true,
          reason: 'spam',
        }),
        response: {
          200: documented(Envelope(ref(AdminUser)), 'The moderator.', {
            ok: true,
            result: {
              ...exampleAdminUser,
              usertype: 'MODERATOR',
              moderatorStatus: 'suspended',
              moderatorSuspensionReason: 'spam',
              moderatorSuspendedBy: 'admin',
              moderatorSuspendedAt: exampleAdminUser.updatedAt,
            },
          }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const change: RoleChange = { kind: request.body.suspended ? 'suspend' : 'unsuspend' };
      return changeRole(request, reply, request.params.username, change, reasonOf(request.body.reason));
    },
  );
};
