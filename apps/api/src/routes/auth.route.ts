// Login, password change and the caller's own profile (T1-01…T1-07).
import { Type, type FastifyPluginAsyncTypebox, type Static, type TObject } from '@fastify/type-provider-typebox';
import type { ProfileChanges, UserProfile } from '@socialpredict/domain';
import type { AuthUseCases } from '@socialpredict/runtime';
import { unwrap } from '../http-error.mapper.ts';
import * as sanitize from '../input-sanitizers.ts';
import { toPrivateUser } from '../presenters/user.presenter.ts';
import { principalOf } from '../principal.ts';
import { documented, ref } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { examplePrivateUser } from '../schemas/examples.ts';
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
  response: {
    200: documented(Envelope(ref(PrivateUser)), 'The caller’s profile.', { ok: true, result: examplePrivateUser }),
    ...errorResponses(400, 401, 403, 404),
  },
} as const;

export const authRoutes: FastifyPluginAsyncTypebox<AuthRouteOptions> = async (app, opts) => {
  const { useCases, initialAccountBalance } = opts;

  app.post(
    '/v0/login',
    {
      config: { limit: 'login' },
      schema: {
        tags: ['auth'],
        summary: 'Log in and receive a token',
        description:
          'Checks the username and password and returns a bearer token with the caller’s role. A wrong password and an ' +
          'unknown user get the same 401 `AUTHORIZATION_DENIED`. `mustChangePassword: true` means every other ' +
          'authenticated operation answers 403 until `POST /v0/changepassword`. Unknown body fields are 400 ' +
          '`INVALID_REQUEST`; too many attempts are 429 `LOGIN_RATE_LIMITED`.',
        // Strict: an unknown field is INVALID_REQUEST here, and only here (docs/api.md#validation).
        body: documented(
          Type.Object({ username: Type.String(), password: Password }, { additionalProperties: false }),
          'The credentials.',
          { username: 'bob', password: 'Sturdy4Password' },
        ),
        response: {
          200: documented(Envelope(LoginResult), 'The session.', {
            ok: true,
            result: { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl', username: 'bob', usertype: 'REGULAR', moderatorStatus: 'none', mustChangePassword: false },
          }),
          ...errorResponses(400, 401),
        },
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
        summary: 'Change the own password',
        description:
          'Replaces the caller’s password, clears the must-change-password flag and revokes every older token (log in ' +
          'again afterwards). The only authenticated operation allowed while a change is pending. A wrong current ' +
          'password is 401 `AUTHORIZATION_DENIED`; a new password breaking the policy (8–128 characters, upper and lower ' +
          'case and a digit, no whitespace, not the current one) is 400 `VALIDATION_FAILED`.',
        security: [{ bearer: [] }],
        body: documented(Type.Object({ currentPassword: Password, newPassword: Type.String() }), 'The current and the new password.', {
          currentPassword: 'k3Xq9TmZ2pLa',
          newPassword: 'Sturdy4Password',
        }),
        response: {
          200: documented(Envelope(Type.Object({ message: Type.String() })), 'Password changed.', {
            ok: true,
            result: { message: 'Password changed successfully. Please log in again.' },
          }),
          ...errorResponses(400, 401, 404),
        },
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
        summary: 'The caller’s own profile',
        description: 'The caller’s full profile, including id, moderator status, email and the must-change-password flag.',
        security: [{ bearer: [] }],
        response: profileRoute.response,
      },
    },
    // Read afresh: authentication may answer from its account cache, whose balance is not kept current
    // (docs/security.md#account-cache).
    async (request) => ok(toPrivateUser(await unwrap(useCases.getUser({ username: principalOf(request).username })), initialAccountBalance)),
  );

  const change = <B extends Parameters<typeof Type.Object>[0]>(
    path: string,
    doc: { summary: string; description: string; example: Static<TObject<B>> },
    body: B,
    toChanges: (body: Record<string, string | undefined>) => ProfileChanges,
  ) =>
    app.post(
      path,
      {
        config: profileRoute.config,
        schema: {
          tags: [...profileRoute.tags],
          summary: doc.summary,
          description: `${doc.description} Answers with the updated profile.`,
          security: [{ bearer: [] }],
          body: documented(Type.Object(body), 'The new value.', doc.example),
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

  change(
    '/v0/profilechange/displayname',
    {
      summary: 'Change the display name',
      description:
        'Sets the caller’s display name: 1–50 bytes, one line, HTML removed, unique ignoring case and width, not a ' +
        'reserved name such as `admin` (400 `VALIDATION_FAILED` otherwise).',
      example: { displayName: 'Bob the Forecaster' },
    },
    { displayName: Type.String() },
    (body) =>
    sanitize.sanitizeFields({ displayName: sanitize.displayName(body.displayName ?? '') }),
  );

  change(
    '/v0/profilechange/emoji',
    {
      summary: 'Change the profile emoji',
      description: 'Sets the caller’s emoji: at most 20 bytes of emoji or ASCII emoticons (400 `VALIDATION_FAILED` otherwise).',
      example: { emoji: '🐻' },
    },
    { emoji: Type.String() },
    (body) => {
    const { emoji } = sanitize.sanitizeFields({ emoji: sanitize.emoji(body.emoji ?? '') });
    return { personalEmoji: emoji };
  });

  change(
    '/v0/profilechange/description',
    {
      summary: 'Change the profile description',
      description: 'Sets the caller’s description: at most 2000 bytes; only `a`, `b`, `i`, `em` and `strong` tags are kept.',
      example: { description: 'Weather nerd. <b>Always</b> bets on snow.' },
    },
    { description: Type.String() },
    (body) =>
    sanitize.sanitizeFields({ description: sanitize.userDescription(body.description ?? '') }),
  );

  const link = Type.Optional(Type.String());
  change(
    '/v0/profilechange/links',
    {
      summary: 'Change the personal links',
      description:
        'Sets up to four links; an omitted link is kept and `""` clears one. `https://` is added when no scheme is ' +
        'given; shorteners, user-info and private or loopback hosts are refused (400 `VALIDATION_FAILED`).',
      example: { personalLink1: 'https://example.org/bob', personalLink2: '' },
    },
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
