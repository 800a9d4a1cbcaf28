// Login, password change and the caller's own profile (T1-01…T1-07).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ProfileChanges, UserProfile } from '@socialpredict/domain';
import type { AuthUseCases } from '@socialpredict/runtime';
import { unwrap } from '../http-error.mapper.ts';
import * as sanitize from '../input-sanitizers.ts';
import { toPrivateUser } from '../presenters/user.presenter.ts';
import { principalOf } from '../principal.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { ModeratorStatus, PrivateUser, Usertype } from '../schemas/user.schema.ts';
import { routeWrite } from '../write-call.ts';

export interface AuthRouteOptions {
  useCases: AuthUseCases;
  initialAccountBalance: number;
}

const Password = Type.String({ minLength: 1, maxLength: 128 });

const LoginResult = Type.Object({
  token: Type.String(),
  username: Type.String(),
  usertype: Usertype,
  moderatorStatus: ModeratorStatus,
  mustChangePassword: Type.Boolean(),
});

const profileRoute = {
  config: { auth: 'user', limit: 'general' },
  tags: ['profile'],
  response: { 200: Envelope(PrivateUser), ...errorResponses(400, 401, 403, 404) },
} as const;

export const authRoutes: FastifyPluginAsyncTypebox<AuthRouteOptions> = async (app, opts) => {
  const { useCases, initialAccountBalance } = opts;

  app.post(
    '/v0/login',
    {
      config: { limit: 'login' },
      schema: {
        tags: ['auth'],
        summary: 'Log in and receive a token (T1-01)',
        // Strict: an unknown field is INVALID_REQUEST here, and only here (docs/api.md#validation).
        body: Type.Object({ username: Type.String(), password: Password }, { additionalProperties: false }),
        response: { 200: Envelope(LoginResult), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { username } = sanitize.sanitizeFields({ username: sanitize.username(request.body.username) });
      const session = await unwrap(useCases.login({ username, password: request.body.password }));
      return ok({
        token: session.token,
        username: session.username,
        usertype: session.role,
        moderatorStatus: session.moderatorStatus,
        mustChangePassword: session.mustChangePassword,
      });
    },
  );

  app.post(
    '/v0/changepassword',
    {
      config: { auth: 'user-ungated', limit: 'general' },
      schema: {
        tags: ['auth'],
        summary: 'Change the own password; allowed while a change is pending (T1-02)',
        security: [{ bearer: [] }],
        body: Type.Object({ currentPassword: Password, newPassword: Type.String() }),
        response: { 200: Envelope(Type.Object({ message: Type.String() })), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body;
      const write = routeWrite(request, reply, () => ({ status: 200, body: ok({ message: 'Password changed successfully. Please log in again.' }) }));
      const changed = await unwrap(useCases.changePassword({ username: principalOf(request).username, currentPassword, newPassword }, write.call));
      return write.send(changed);
    },
  );

  app.get(
    '/v0/privateprofile',
    {
      config: profileRoute.config,
      schema: {
        tags: [...profileRoute.tags],
        summary: 'The caller’s own profile (T1-03)',
        security: [{ bearer: [] }],
        response: profileRoute.response,
      },
    },
    // The authentication use case has just re-read the caller's row; that is the profile.
    async (request) => ok(toPrivateUser(principalOf(request), initialAccountBalance)),
  );

  const change = <B extends Parameters<typeof Type.Object>[0]>(
    path: string,
    summary: string,
    body: B,
    toChanges: (body: Record<string, string | undefined>) => ProfileChanges,
  ) =>
    app.post(
      path,
      {
        config: profileRoute.config,
        schema: {
          tags: [...profileRoute.tags],
          summary,
          security: [{ bearer: [] }],
          body: Type.Object(body),
          response: profileRoute.response,
        },
      },
      async (request, reply) => {
        const changes = toChanges(request.body as Record<string, string | undefined>);
        const write = routeWrite(request, reply, (user: UserProfile) => ({ status: 200, body: ok(toPrivateUser(user, initialAccountBalance)) }));
        const user = await unwrap(useCases.updateProfile({ username: principalOf(request).username, changes }, write.call));
        return write.send(user);
      },
    );

  change('/v0/profilechange/displayname', 'Change the display name (T1-04)', { displayName: Type.String() }, (body) =>
    sanitize.sanitizeFields({ displayName: sanitize.displayName(body.displayName ?? '') }),
  );

  change('/v0/profilechange/emoji', 'Change the emoji (T1-05)', { emoji: Type.String() }, (body) => {
    const { emoji } = sanitize.sanitizeFields({ emoji: sanitize.emoji(body.emoji ?? '') });
    return { personalEmoji: emoji };
  });

  change('/v0/profilechange/description', 'Change the description (T1-06)', { description: Type.String() }, (body) =>
    sanitize.sanitizeFields({ description: sanitize.userDescription(body.description ?? '') }),
  );

  const link = Type.Optional(Type.String());
  change(
    '/v0/profilechange/links',
    'Change the personal links; "" clears one (T1-07)',
    { personalLink1: link, personalLink2: link, personalLink3: link, personalLink4: link },
    (body) => {
      const checks: Record<string, sanitize.Checked<string>> = {};
      for (const field of ['personalLink1', 'personalLink2', 'personalLink3', 'personalLink4'] as const) {
        const raw = body[field];
        if (raw !== undefined) checks[field] = sanitize.personalLink(raw);
      }
      return sanitize.sanitizeFields(checks) as ProfileChanges;
    },
  );
};
