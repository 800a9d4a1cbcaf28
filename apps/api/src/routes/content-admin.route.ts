// Administrators' content editing (docs/api.md#site-content, http-api §3.3): the home page, discovery layouts and
// their pins, and the social-sharing card. Every text is cleaned here once (docs/api.md#validation): the home page's
// HTML through the allow-list of home-content.render.ts, the other texts stripped of every tag; the use cases then
// own who may save, the limits and the optimistic version (a stale one is 409 INVALID_STATE, 0 skips the check).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DiscoveryPage as StoredPage, HomeContent, ShareSettings } from '@socialpredict/domain';
import type { ContentUseCases } from '@socialpredict/runtime';
import { unwrap } from '../http-error.mapper.ts';
import { contentSource, contentText, renderHome, sanitizeFields, type Checked } from '../input-sanitizers.ts';
import { actorOf } from '../principal.ts';
import { toDiscoveryPage, toHomeContent, toShareSettings } from '../presenters/content.presenter.ts';
import { documented, ref } from '../schemas/common.schema.ts';
import { DiscoveryPage, exampleHome, exampleShare, exampleTopPage, HomeContentBody, ShareSettingsBody, SLUG, SlugPath } from '../schemas/content.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { routeWrite } from '../write-call.ts';

export interface ContentAdminRouteOptions {
  useCases: ContentUseCases;
  /** shown as `updatedAt` of content never saved */
  bootTime: number;
}

const Version = Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'the version last read; 0 skips the check' });
const Limit = Type.Integer({ minimum: 1, maximum: 100 });

const HomeChange = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 160 }),
  format: Type.Union([Type.Literal('markdown'), Type.Literal('html')]),
  markdown: Type.Optional(Type.String({ maxLength: 200_000 })),
  html: Type.Optional(Type.String({ maxLength: 200_000 })),
  version: Version,
});

const PageChange = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  pageType: Type.Optional(Type.Union([Type.Literal('top'), Type.Literal('secondary')])),
  primaryTagSlug: Type.Optional(Type.String({ maxLength: 64 })),
  searchScope: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('tag')])),
  featuredTopicsEnabled: Type.Optional(Type.Boolean()),
  featuredMarketsEnabled: Type.Optional(Type.Boolean()),
  defaultRecommendationLimit: Type.Optional(Limit),
  curatedRecommendationLimit: Type.Optional(Limit),
  version: Version,
});

// The web app sends every field on every pin, the unused one as its zero value (docs/api.md#site-content): a page
// pin with `marketId: 0`, a market pin with `targetPageSlug: ""`. Both mean "none", as null or an absent field do.
const PinChange = Type.Object({
  pinType: Type.Union([Type.Literal('market'), Type.Literal('discovery_page')]),
  marketId: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: '0 = none' }), Type.Null()])),
  targetPageSlug: Type.Optional(Type.Union([Type.String({ pattern: `^$|${SLUG}`, maxLength: 96, description: '"" = none' }), Type.Null()])),
  label: Type.Optional(Type.String({ maxLength: 120 })),
  sortOrder: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 })),
});
const PinsChange = Type.Object({ pins: Type.Array(PinChange, { maxItems: 50 }) });

const ShareChange = Type.Object({
  siteName: Type.String({ minLength: 1, maxLength: 80 }),
  defaultDescription: Type.String({ maxLength: 220 }),
  defaultImageUrl: Type.String({ maxLength: 500 }),
  imageEnabled: Type.Optional(Type.Boolean()),
  imageAlt: Type.String({ maxLength: 160 }),
  version: Version,
});

/** Drops undefined fields, so that a change names only what the caller sent. */
function sentFields<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** The optional plain-text fields sent, cleaned; an absent one stays absent. */
function optionalText(raw: string | undefined, lines: 'single-line' | 'multi-line'): Checked<string | undefined> {
  return raw === undefined ? { ok: true, value: undefined } : contentText(raw, lines);
}

export const contentAdminRoutes: FastifyPluginAsyncTypebox<ContentAdminRouteOptions> = async (app, { useCases, bootTime }) => {
  app.put(
    '/v0/admin/content/home',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Save the home page',
        description:
          'Saves the home page. With `format: "markdown"` the Markdown is rendered on the server; with `"html"` the HTML ' +
          'sent is used. Either way the stored `html` passes an allow-list (no script, style, iframe, event handler or ' +
          '`javascript:` URL survives). `version` must be the version last read (0 skips the check; an older one is 409 `INVALID_STATE`).',
        security: [{ bearer: [] }],
        body: documented(HomeChange, 'The page and the version read.', { title: 'Home', format: 'markdown', markdown: exampleHome.markdown, html: '', version: 1 }),
        response: {
          200: documented(Envelope(HomeContentBody), 'The page as saved.', { ok: true, result: exampleHome }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { format, version } = request.body;
      const clean = sanitizeFields({
        title: contentText(request.body.title, 'single-line'),
        markdown: contentSource(request.body.markdown ?? '', 'multi-line'),
        html: contentSource(request.body.html ?? '', 'multi-line'),
      });
      const html = renderHome(format, clean);
      const write = routeWrite(request, reply, (saved: HomeContent) => ({ status: 200, body: ok(toHomeContent(saved, bootTime)) }));
      const saved = await unwrap(
        useCases.updateHomeContent({ actor: actorOf(request), title: clean.title, format, markdown: clean.markdown, html, version }, write.call),
      );
      return write.send(saved);
    },
  );

  app.put(
    '/v0/admin/content/market-discovery/:slug',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Save a discovery page layout',
        description:
          'Changes the layout fields sent and keeps the others (the default layout for a slug never saved); pins are ' +
          'saved with the pins route. Texts are stored as plain text. `version` must be the version last read (0 skips ' +
          'the check; an older one is 409 `INVALID_STATE`). A page scoped to a tag needs `primaryTagSlug`.',
        security: [{ bearer: [] }],
        params: SlugPath,
        body: documented(PageChange, 'The fields to change and the version read.', { title: 'Markets', featuredMarketsEnabled: true, version: 1 }),
        response: {
          200: documented(Envelope(ref(DiscoveryPage)), 'The layout as saved.', { ok: true, result: exampleTopPage }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { version, title, description, ...fields } = request.body;
      const clean = sanitizeFields({ title: optionalText(title, 'single-line'), description: optionalText(description, 'multi-line') });
      const write = routeWrite(request, reply, (saved: StoredPage) => ({ status: 200, body: ok(toDiscoveryPage(saved)) }));
      const saved = await unwrap(
        useCases.updateDiscoveryPage(
          { actor: actorOf(request), slug: request.params.slug, changes: sentFields({ ...fields, ...clean }), version },
          write.call,
        ),
      );
      return write.send(saved);
    },
  );

  app.put(
    '/v0/admin/content/market-discovery/:slug/pins',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Replace a discovery page’s pins',
        description:
          'The list sent becomes the page’s pins (at most 50): `market` pins name a public market (404 ' +
          '`MARKET_NOT_FOUND` otherwise), `discovery_page` pins a page slug; the field a pin does not use may be absent, ' +
          'null, `0` (`marketId`) or `""` (`targetPageSlug`), as the web app sends it. Labels are stored as plain text. ' +
          'The layout’s version is left unchanged.',
        security: [{ bearer: [] }],
        params: SlugPath,
        body: documented(PinsChange, 'The pins.', { pins: [{ pinType: 'market', marketId: 1, label: 'Editor’s pick', sortOrder: 0 }] }),
        response: {
          200: documented(Envelope(ref(DiscoveryPage)), 'The layout with its pins.', { ok: true, result: exampleTopPage }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const labels = sanitizeFields(
        Object.fromEntries(request.body.pins.map((pin, index) => [`pins.${String(index)}.label`, contentText(pin.label ?? '', 'single-line')])),
      );
      const pins = request.body.pins.map((pin, index) => ({
        pinType: pin.pinType,
        marketId: pin.marketId === 0 ? null : (pin.marketId ?? null),
        targetPageSlug: pin.targetPageSlug === '' ? null : (pin.targetPageSlug ?? null),
        label: labels[`pins.${String(index)}.label`] ?? '',
        sortOrder: pin.sortOrder ?? index,
      }));
      const write = routeWrite(request, reply, (saved: StoredPage) => ({ status: 200, body: ok(toDiscoveryPage(saved)) }));
      const saved = await unwrap(useCases.setDiscoveryPins({ actor: actorOf(request), slug: request.params.slug, pins }, write.call));
      return write.send(saved);
    },
  );

  app.put(
    '/v0/admin/content/social-share',
    {
      config: { auth: 'admin', limit: 'general' },
      schema: {
        tags: ['admin'],
        summary: 'Save the social-sharing card',
        description:
          'The site name (1–80), default description (≤ 220), default image URL (≤ 500: empty, a path on this site or ' +
          'an http(s) URL), whether the image is shown (kept when absent) and its alt text (≤ 160). Texts are stored as ' +
          'plain text. `version` must be the version last read (0 skips the check; an older one is 409 `INVALID_STATE`).',
        security: [{ bearer: [] }],
        body: documented(ShareChange, 'The card and the version read.', { ...exampleShare, version: 1 }),
        response: {
          200: documented(Envelope(ShareSettingsBody), 'The card as saved.', { ok: true, result: exampleShare }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { version, imageEnabled } = request.body;
      const clean = sanitizeFields({
        siteName: contentText(request.body.siteName, 'single-line'),
        defaultDescription: contentText(request.body.defaultDescription, 'multi-line'),
        defaultImageUrl: contentSource(request.body.defaultImageUrl, 'single-line'),
        imageAlt: contentText(request.body.imageAlt, 'single-line'),
      });
      const write = routeWrite(request, reply, (saved: ShareSettings) => ({ status: 200, body: ok(toShareSettings(saved, bootTime)) }));
      const saved = await unwrap(
        useCases.updateShareSettings({ actor: actorOf(request), ...clean, ...(imageEnabled === undefined ? {} : { imageEnabled }), version }, write.call),
      );
      return write.send(saved);
    },
  );
};
