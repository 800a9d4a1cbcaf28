// Site content read by the web app on every visit (T1-11, T1-12, T1-14, T1-27): what administrators saved
// (docs/api.md#site-content), or the documented default while nothing was — the seeded home page, the default
// discovery layouts and the default share card. Topic pages list the markets of their tag (docs/api.md#market-tags).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TOP_DISCOVERY_SLUG, type Clock } from '@socialpredict/domain';
import type { ContentUseCases } from '@socialpredict/runtime';
import { HttpProblem } from '../http-problem.ts';
import { toHttpProblem, unwrap } from '../http-error.mapper.ts';
import { toDiscoveryPage, toHomeContent, toShareSettings } from '../presenters/content.presenter.ts';
import { liveFreshness } from '../presenters/freshness.presenter.ts';
import { toMarketDetails, toMarketOverview } from '../presenters/market.presenter.ts';
import { documented, Int, PageQuery, pageOf, ref } from '../schemas/common.schema.ts';
import { DiscoveryPage, exampleHome, exampleShare, exampleTopPage, HomeContentBody, ShareSettingsBody, SlugPath } from '../schemas/content.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { exampleOverview, liveFreshnessExample } from '../schemas/examples.ts';
import { Freshness, MarketOverview } from '../schemas/market.schema.ts';

export interface ContentRouteOptions {
  useCases: ContentUseCases;
  clock: Clock;
  /** shown as `updatedAt` of content never saved */
  bootTime: number;
}

export const contentRoutes: FastifyPluginAsyncTypebox<ContentRouteOptions> = async (app, { useCases, clock, bootTime }) => {
  app.get(
    '/v0/content/home',
    {
      config: { limit: 'none' },
      schema: {
        tags: ['content'],
        summary: 'Home page content',
        description: 'The home page in Markdown and as sanitised HTML: the page an administrator saved, or the seeded welcome page.',
        response: {
          200: documented(Envelope(HomeContentBody), 'The home page.', { ok: true, result: exampleHome }),
          ...errorResponses(404),
        },
      },
    },
    async () => ok(toHomeContent(await unwrap(useCases.getHomeContent()), bootTime)),
  );

  app.get(
    '/v0/content/market-discovery/:slug',
    {
      config: { limit: 'none' },
      schema: {
        tags: ['content'],
        summary: 'Discovery page layout',
        description:
          'How the web app lays out a market-discovery page: the top page `markets` or a secondary page per tag, as ' +
          'saved by an administrator with its pins, or the default layout for the slug. A malformed slug is 400 `INVALID_REQUEST`.',
        params: SlugPath,
        response: {
          200: documented(Envelope(ref(DiscoveryPage)), 'The layout.', { ok: true, result: exampleTopPage }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => ok(toDiscoveryPage(await unwrap(useCases.getDiscoveryPage({ slug: request.params.slug })))),
  );

  app.get(
    '/v0/content/social-share',
    {
      config: { limit: 'none' },
      schema: {
        tags: ['content'],
        summary: 'Social sharing settings',
        description: 'The site name and default card of shared links; until an administrator saves them, `siteName` comes from `SHARE_SITE_NAME`.',
        response: {
          200: documented(Envelope(ShareSettingsBody), 'The share settings.', { ok: true, result: exampleShare }),
          ...errorResponses(),
        },
      },
    },
    async () => ok(toShareSettings(await unwrap(useCases.getShareSettings()), bootTime)),
  );

  app.get(
    '/v0/read/market-discovery/:slug',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['content'],
        summary: 'Discovery page with its markets',
        description:
          'A discovery page’s layout with one page of its markets (`status`, `limit` 1–100 default 50, `offset`), ' +
          'every pinned market with its details whatever the page, and the freshness of the list. A secondary page ' +
          'lists the markets carrying the tag named by its slug; the top page lists every market, or those carrying ' +
          '`tagSlug` when it is sent. An unknown `status` is 400 `INVALID_REQUEST`.',
        params: SlugPath,
        querystring: Type.Object({ status: Type.Optional(Type.String()), tagSlug: Type.Optional(Type.String()), ...PageQuery }),
        response: {
          200: documented(
            Envelope(
              Type.Object({
                layout: ref(DiscoveryPage),
                topicNav: Type.Optional(ref(DiscoveryPage)),
                markets: Type.Array(ref(MarketOverview)),
                pinnedMarkets: Type.Array(Type.Object({ pin: Type.Object({}, { additionalProperties: true }), details: Type.Object({}, { additionalProperties: true }) })),
                total: Int,
                freshness: ref(Freshness),
              }),
            ),
            'The layout and a page of its markets.',
            { ok: true, result: { layout: exampleTopPage, markets: [exampleOverview], pinnedMarkets: [], total: 1, freshness: liveFreshnessExample } },
          ),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const { slug } = request.params;
      const status = (request.query.status ?? '').trim().toLowerCase() || 'all';
      if (!['active', 'closed', 'resolved', 'all'].includes(status)) {
        throw new HttpProblem(400, 'INVALID_REQUEST', 'status must be one of active, closed, resolved or all.');
      }
      // A secondary page lists its tag's markets (T1-27); the top page honours `tagSlug` when one is sent.
      const tagSlug = slug === TOP_DISCOVERY_SLUG ? (request.query.tagSlug ?? '').trim() : slug;
      // The layout, the page of markets and the top page's navigation do not depend on each other: asked together.
      const [stored, page, storedTopicNav] = await Promise.all([
        unwrap(useCases.getDiscoveryPage({ slug })),
        unwrap(useCases.listMarkets({ status: status as 'all', ...(tagSlug === '' ? {} : { tagSlug }), ...pageOf(request.query, 50, 100) })),
        slug === TOP_DISCOVERY_SLUG ? undefined : unwrap(useCases.getDiscoveryPage({ slug: TOP_DISCOVERY_SLUG })),
      ]);
      const layout = toDiscoveryPage(stored);
      const topicNav = storedTopicNav === undefined ? undefined : toDiscoveryPage(storedTopicNav);
      const now = clock.now();
      // Every market pin, whatever limit/offset say (T1-27); a pinned market that has since gone is left out.
      const pinnedMarkets = [];
      for (const pin of layout.pins) {
        if (pin.pinType !== 'market' || pin.marketId === undefined) continue;
        const details = await useCases.getMarketDetails({ marketId: pin.marketId });
        if (details.isErr()) {
          if (details.error.code === 'MARKET_NOT_FOUND') continue;
          throw toHttpProblem(details.error);
        }
        pinnedMarkets.push({ pin, details: toMarketDetails(details.value, now) });
      }
      return ok({
        layout,
        ...(topicNav === undefined ? {} : { topicNav }),
        markets: page.markets.map((overview) => toMarketOverview(overview, now)),
        pinnedMarkets,
        total: page.total,
        freshness: liveFreshness(now),
      });
    },
  );
};
