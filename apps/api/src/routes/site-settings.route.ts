// Run-time settings (docs/api.md#site-settings): the governance flags administrators edit on the amendment review
// page, and reporting visibility (T1-13, and its editor). Saves carry the version the editor read; a stale version is
// 409 INVALID_STATE and version 0 skips the check.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SiteSettingsKey, StoredSettings, UpdatedSettings } from '@socialpredict/domain';
import type { SettingsUseCases } from '@socialpredict/runtime';
import { unwrap } from '../http-error.mapper.ts';
import { actorOf } from '../principal.ts';
import { documented, Int, isoTime } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { CREATED_AT } from '../schemas/examples.ts';
import { routeWrite } from '../write-call.ts';

export interface SiteSettingsRouteOptions {
  useCases: SettingsUseCases;
  /** shown as `updatedAt` of settings never saved */
  bootTime: number;
}

const ApprovalPolicy = Type.Union([Type.Literal('auto'), Type.Literal('moderator'), Type.Literal('admin')]);
const Version = Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'the version last read; 0 skips the check' });

const GovernanceFlags = {
  autoApproveDescriptionAmendments: Type.Boolean(),
  autoApproveMarketProposals: Type.Boolean(),
  autoApproveMarketGroupAnswers: Type.Boolean(),
  marketGroupAnswerAdditionApprovalPolicy: ApprovalPolicy,
};
const Governance = Type.Object({ ...GovernanceFlags, version: Int, updatedBy: Type.Optional(Type.String()), updatedAt: Type.String() });
const GovernanceChange = Type.Object({
  autoApproveDescriptionAmendments: Type.Optional(Type.Boolean()),
  autoApproveMarketProposals: Type.Optional(Type.Boolean()),
  autoApproveMarketGroupAnswers: Type.Optional(Type.Boolean()),
  marketGroupAnswerAdditionApprovalPolicy: Type.Optional(ApprovalPolicy),
  version: Type.Optional(Version),
});

const Visibility = Type.Object({ systemMetricsPublic: Type.Boolean(), globalLeaderboardPublic: Type.Boolean(), version: Int, updatedAt: Type.String() });
const VisibilityChange = Type.Object({
  systemMetricsPublic: Type.Optional(Type.Boolean()),
  globalLeaderboardPublic: Type.Optional(Type.Boolean()),
  version: Version,
  // The web app's editor sends back the whole object it read, `updatedAt` included; it is ignored.
  updatedAt: Type.Optional(Type.String({ maxLength: 64 })),
});

const exampleGovernance = {
  autoApproveDescriptionAmendments: false,
  autoApproveMarketProposals: true,
  autoApproveMarketGroupAnswers: false,
  marketGroupAnswerAdditionApprovalPolicy: 'moderator' as const,
  version: 2,
  updatedBy: 'admin',
  updatedAt: CREATED_AT,
};
const exampleVisibility = { systemMetricsPublic: true, globalLeaderboardPublic: false, version: 2, updatedAt: CREATED_AT };

/** Drops undefined fields, so that a change names only what the caller sent. */
function sentFields<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export const siteSettingsRoutes: FastifyPluginAsyncTypebox<SiteSettingsRouteOptions> = async (app, { useCases, bootTime }) => {
  const stamp = <K extends SiteSettingsKey>({ value, ...settings }: StoredSettings<K>) => ({
    ...value,
    version: settings.version,
    ...(settings.updatedBy === null ? {} : { updatedBy: settings.updatedBy }),
    updatedAt: isoTime(settings.updatedAt ?? bootTime),
  });

  app.get(
    '/v0/admin/market-description-amendments/settings',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Governance settings',
        description:
          'The review policies: whether description amendments, market proposals and group answers are approved ' +
          'automatically, and who approves answers added to a market group. `version` is what a save must send back.',
        security: [{ bearer: [] }],
        response: {
          200: documented(Envelope(Governance), 'The settings.', { ok: true, result: exampleGovernance }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => ok(stamp(await unwrap(useCases.getGovernanceSettings({ actor: actorOf(request) })))),
  );

  app.put(
    '/v0/admin/market-description-amendments/settings',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Change the governance settings',
        description:
          'Changes the flags sent and keeps the others. `version` must be the version last read (0 or absent skips ' +
          'the check); a save based on an older version is 409 `INVALID_STATE`, so two editors cannot overwrite each other unseen.',
        security: [{ bearer: [] }],
        body: documented(GovernanceChange, 'The flags to change and the version read.', {
          autoApproveMarketProposals: true,
          version: 1,
        }),
        response: {
          200: documented(Envelope(Governance), 'The settings as saved.', { ok: true, result: exampleGovernance }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { version = 0, ...flags } = request.body;
      const write = routeWrite(request, reply, (saved: UpdatedSettings) => ({ status: 200, body: ok(stamp(saved)) }));
      const saved = await unwrap(
        useCases.updateSiteSettings({ actor: actorOf(request), key: 'governance', changes: sentFields(flags), version }, write.call),
      );
      return write.send(saved);
    },
  );

  app.get(
    '/v0/content/reporting-visibility',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['content'],
        summary: 'Which reports are public',
        description:
          'Whether the system metrics and the global leaderboard may be read without a token; while a flag is off, ' +
          'that report answers 401 `INVALID_TOKEN` to anonymous callers.',
        response: {
          200: documented(Envelope(Visibility), 'The visibility flags.', {
            ok: true,
            result: { systemMetricsPublic: true, globalLeaderboardPublic: true, version: 1, updatedAt: CREATED_AT },
          }),
          ...errorResponses(),
        },
      },
    },
    async () => {
      const { updatedBy: _updatedBy, ...visibility } = stamp(await unwrap(useCases.getReportingVisibility()));
      return ok(visibility);
    },
  );

  app.put(
    '/v0/admin/content/reporting-visibility',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Change which reports are public',
        description:
          'Turns public access to the system metrics and the global leaderboard on or off; a report that is not public ' +
          'requires a token. `version` must be the version last read (0 skips the check; an older one is 409 `INVALID_STATE`).',
        security: [{ bearer: [] }],
        body: documented(VisibilityChange, 'The flags to change and the version read.', { globalLeaderboardPublic: false, version: 1 }),
        response: {
          200: documented(Envelope(Visibility), 'The flags as saved.', { ok: true, result: exampleVisibility }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { version, updatedAt: _ignored, ...flags } = request.body;
      const answer = (saved: UpdatedSettings) => {
        const { updatedBy: _updatedBy, ...visibility } = stamp(saved);
        return { status: 200, body: ok(visibility) };
      };
      const write = routeWrite(request, reply, answer);
      const saved = await unwrap(
        useCases.updateSiteSettings({ actor: actorOf(request), key: 'reportingVisibility', changes: sentFields(flags), version }, write.call),
      );
      return write.send(saved);
    },
  );
};
