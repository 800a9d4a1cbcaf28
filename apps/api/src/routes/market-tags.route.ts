// Market tags (docs/api.md#market-tags): the public vocabulary (T1-15), its administration, and an administrator's
// edit of the tags a market carries. Deactivating needs `confirmDeactivate`; the markets that carry the tag keep it.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Clock, MarketTag, MarketWithTags } from '@socialpredict/domain';
import type { MarketTagUseCases } from '@socialpredict/runtime';
import { unwrap } from '../http-error.mapper.ts';
import { sanitizeFields, tagText, type Checked } from '../input-sanitizers.ts';
import { toMarketResponse } from '../presenters/market.presenter.ts';
import { toAdminTag, toTag } from '../presenters/market-tag.presenter.ts';
import { actorOf } from '../principal.ts';
import { documented, IdParam, Int, ref } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { exampleMarketResponse } from '../schemas/examples.ts';
import { MarketResponse } from '../schemas/market.schema.ts';
import { AdminTag, exampleTag, Tag } from '../schemas/tag.schema.ts';
import { routeWrite } from '../write-call.ts';

export interface MarketTagRouteOptions {
  useCases: MarketTagUseCases;
  clock: Clock;
}

const SLUG = '^[a-z0-9]+(-[a-z0-9]+)*$';
const SlugParam = Type.Object({ slug: Type.String({ pattern: SLUG, maxLength: 64 }) });

const TagFields = {
  displayName: Type.String({ maxLength: 120 }),
  description: Type.String({ maxLength: 500 }),
  colorKey: Type.String({ maxLength: 40, pattern: '^[a-z0-9_-]*$' }),
  sortOrder: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }),
  isActive: Type.Boolean(),
};
const CreateTagBody = Type.Object({
  // Empty asks the server to derive the slug from the display name, as the web app's tag form sends it.
  slug: Type.String({ pattern: `^$|${SLUG}`, maxLength: 64 }),
  displayName: TagFields.displayName,
  description: Type.Optional(TagFields.description),
  colorKey: Type.Optional(TagFields.colorKey),
  sortOrder: Type.Optional(TagFields.sortOrder),
  isActive: Type.Optional(TagFields.isActive),
});
const UpdateTagBody = Type.Object({
  displayName: Type.Optional(TagFields.displayName),
  description: Type.Optional(TagFields.description),
  colorKey: Type.Optional(TagFields.colorKey),
  sortOrder: Type.Optional(TagFields.sortOrder),
  isActive: Type.Optional(TagFields.isActive),
  confirmDeactivate: Type.Optional(Type.Boolean()),
});
const TagList = Type.Object({ tags: Type.Array(ref(Tag)), total: Int });
const AdminTagList = Type.Object({ tags: Type.Array(AdminTag), total: Int });

const exampleAdminTag = { ...exampleTag, createdBy: 'admin', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };

/** An optional tag text field through the shared plain-text screen. */
function optionalTagText(raw: string | undefined, lines: 'single-line' | 'multi-line'): Checked<string | undefined> {
  return raw === undefined ? { ok: true, value: undefined } : tagText(raw, lines);
}

/** Only the fields the caller sent. */
function sent<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

export const marketTagRoutes: FastifyPluginAsyncTypebox<MarketTagRouteOptions> = async (app, { useCases, clock }) => {
  const admin = { config: { auth: 'admin', limit: 'general' } } as const;

  app.get(
    '/v0/market-tags',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['content'],
        summary: 'List market tags',
        description: 'The active market tags, by `sortOrder`, `displayName`, `slug`: the create page’s picker and the topic filters.',
        response: {
          200: documented(Envelope(TagList), 'The active tags.', { ok: true, result: { tags: [exampleTag], total: 1 } }),
          ...errorResponses(),
        },
      },
    },
    async () => {
      const tags = await unwrap(useCases.listMarketTags({ includeInactive: false }));
      return ok({ tags: tags.map(toTag), total: tags.length });
    },
  );

  app.get(
    '/v0/admin/market-tags',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'List market tags for administration',
        description: 'Every tag with who created it; inactive tags too when `includeInactive` is `true`.',
        security: [{ bearer: [] }],
        querystring: Type.Object({ includeInactive: Type.Optional(Type.Boolean()) }),
        response: {
          200: documented(Envelope(AdminTagList), 'The tags.', { ok: true, result: { tags: [exampleAdminTag], total: 1 } }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const tags = await unwrap(useCases.listMarketTags({ includeInactive: request.query.includeInactive ?? false, actor: actorOf(request) }));
      return ok({ tags: tags.map(toAdminTag), total: tags.length });
    },
  );

  app.post(
    '/v0/admin/market-tags',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Create a market tag',
        description:
          'Adds a tag (active unless `isActive` is false). A taken slug is 400 `VALIDATION_FAILED` on `slug`; display ' +
          'name and description are plain text.',
        security: [{ bearer: [] }],
        body: documented(CreateTagBody, 'The new tag.', { slug: 'weather', displayName: 'Weather', description: 'Rain, snow and sun', colorKey: 'sky', sortOrder: 0 }),
        response: {
          201: documented(Envelope(ref(Tag)), 'The created tag.', { ok: true, result: exampleTag }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const clean = sanitizeFields({ displayName: optionalTagText(body.displayName, 'single-line'), description: optionalTagText(body.description, 'multi-line') });
      const write = routeWrite(request, reply, (tag: MarketTag) => ({ status: 201, body: ok(toTag(tag)) }));
      const tag = await unwrap(
        useCases.createMarketTag(
          { actor: actorOf(request), ...sent({ ...body, description: clean.description }), slug: body.slug, displayName: clean.displayName ?? '' },
          write.call,
        ),
      );
      return write.send(tag);
    },
  );

  app.patch(
    '/v0/admin/market-tags/:slug',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Change a market tag',
        description:
          'Changes the fields sent. Deactivating (`isActive: false`) needs `confirmDeactivate: true`: the tag leaves ' +
          'the public list and the pickers, and the markets carrying it keep it. An unknown slug is 400 `VALIDATION_FAILED`.',
        security: [{ bearer: [] }],
        params: SlugParam,
        body: documented(UpdateTagBody, 'The fields to change.', { isActive: false, confirmDeactivate: true }),
        response: {
          200: documented(Envelope(ref(Tag)), 'The tag as saved.', { ok: true, result: { ...exampleTag, isActive: false } }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { confirmDeactivate, ...fields } = request.body;
      const clean = sanitizeFields({ displayName: optionalTagText(fields.displayName, 'single-line'), description: optionalTagText(fields.description, 'multi-line') });
      const write = routeWrite(request, reply, (tag: MarketTag) => ({ status: 200, body: ok(toTag(tag)) }));
      const tag = await unwrap(
        useCases.updateMarketTag(
          {
            actor: actorOf(request),
            slug: request.params.slug,
            changes: sent({ ...fields, ...clean }),
            ...(confirmDeactivate === undefined ? {} : { confirmDeactivate }),
          },
          write.call,
        ),
      );
      return write.send(tag);
    },
  );

  app.patch(
    '/v0/admin/markets/:id/tags',
    {
      ...admin,
      schema: {
        tags: ['admin'],
        summary: 'Set the tags of a market',
        description:
          'Replaces the market’s tags: at most five, unique and active, except that a tag the market already carries ' +
          'may stay after it was deactivated. 404 `MARKET_NOT_FOUND` when the market does not exist.',
        security: [{ bearer: [] }],
        params: Type.Object({ id: IdParam }),
        body: documented(
          Type.Object({ tagSlugs: Type.Array(Type.String({ pattern: SLUG, maxLength: 64 }), { maxItems: 5 }) }),
          'The tags the market should carry.',
          { tagSlugs: ['weather'] },
        ),
        response: {
          200: documented(Envelope(ref(MarketResponse)), 'The market’s review row (its MarketResponse) with its tags.', {
            ok: true,
            result: { ...exampleMarketResponse, tags: [exampleTag] },
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const write = routeWrite(request, reply, (market: MarketWithTags) => ({ status: 200, body: ok(toMarketResponse(market, clock.now(), market.tags)) }));
      const market = await unwrap(
        useCases.setMarketTags({ actor: actorOf(request), marketId: request.params.id, tagSlugs: request.body.tagSlugs }, write.call),
      );
      return write.send(market);
    },
  );
};
