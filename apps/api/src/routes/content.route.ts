// Site content read by the web app on every visit (T1-11…T1-15, T1-27). Editing is Tier 2/3 and not built yet, so
// each answer is the documented default: the seeded home page, the default discovery layouts and the
// default share settings. Topic pages list the markets of their tag (docs/api.md#market-tags).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Clock, ListMarkets } from '@socialpredict/domain';
import { HttpProblem } from '../http-problem.ts';
import { unwrap } from '../http-error.mapper.ts';
import { liveFreshness } from '../presenters/freshness.presenter.ts';
import { toMarketOverview } from '../presenters/market.presenter.ts';
import { documented, Int, isoTime, PageQuery, pageOf, ref } from '../schemas/common.schema.ts';
import { DiscoveryPage } from '../schemas/content.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { CREATED_AT, exampleOverview, liveFreshnessExample } from '../schemas/examples.ts';
import { Freshness, MarketOverview } from '../schemas/market.schema.ts';

export interface ContentRouteOptions {
  listMarkets: ListMarkets;
  clock: Clock;
  shareSiteName: string;
}

const SLUG = '^[a-z0-9]+(-[a-z0-9]+)*$';
const TOP_PAGE = 'markets';

const HOME_MARKDOWN = [
  '# Welcome to SocialPredict',
  '',
  'Trade on what you think will happen: browse the markets, buy YES or NO shares, and watch the probability move.',
].join('\n');
const HOME_HTML =
  '<h1>Welcome to SocialPredict</h1>\n<p>Trade on what you think will happen: browse the markets, buy YES or NO shares, and watch the probability move.</p>';

const HomeContent = Type.Object({
  title: Type.String(),
  format: Type.Union([Type.Literal('markdown'), Type.Literal('html')]),
  markdown: Type.String(),
  html: Type.String(),
  version: Int,
  updatedAt: Type.String(),
});

const SlugPath = Type.Object({ slug: Type.String({ pattern: SLUG, maxLength: 96 }) });

const exampleTopPage = { ...defaultDiscoveryPage(TOP_PAGE), updatedAt: CREATED_AT };

/** The layout T1-12 prescribes when no page is stored. */
function defaultDiscoveryPage(slug: string) {
  const top = slug === TOP_PAGE;
  const featuredMarketsEnabled = !top;
  const featuredTopicsEnabled = false;
  const defaultRecommendationLimit = 20;
  const curatedRecommendationLimit = 5;
  return {
    slug,
    title: top ? 'Markets' : slug.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' '),
    description: '',
    pageType: top ? ('top' as const) : ('secondary' as const),
    primaryTagSlug: top ? '' : slug,
    searchScope: top ? ('all' as const) : ('tag' as const),
    featuredTopicsEnabled,
    featuredMarketsEnabled,
    defaultRecommendationLimit,
    curatedRecommendationLimit,
    // The web app reads this one: curated when a featured block is shown (T1-12).
    recommendationLimit: featuredMarketsEnabled || featuredTopicsEnabled ? curatedRecommendationLimit : defaultRecommendationLimit,
    version: 1,
    pins: [],
  };
}

export const contentRoutes: FastifyPluginAsyncTypebox<ContentRouteOptions> = async (app, opts) => {
  const { clock } = opts;
  const bootTime = isoTime(clock.now());

  app.get(
    '/v0/content/home',
    {
      config: { limit: 'none' },
      schema: {
        tags: ['content'],
        summary: 'Home page content',
        description: 'The home page text in Markdown and HTML; until content editing exists, the seeded welcome page.',
        response: {
          200: documented(Envelope(HomeContent), 'The home page.', {
            ok: true,
            result: { title: 'Home', format: 'markdown', markdown: HOME_MARKDOWN, html: HOME_HTML, version: 1, updatedAt: CREATED_AT },
          }),
          ...errorResponses(404),
        },
      },
    },
    async () => ok({ title: 'Home', format: 'markdown' as const, markdown: HOME_MARKDOWN, html: HOME_HTML, version: 1, updatedAt: bootTime }),
  );

  app.get(
    '/v0/content/market-discovery/:slug',
    {
      config: { limit: 'none' },
      schema: {
        tags: ['content'],
        summary: 'Discovery page layout',
        description:
          'How the web app lays out a market-discovery page: the top page `markets` or a secondary page per tag. Until ' +
          'layouts can be edited, the default layout for the slug. A malformed slug is 400 `INVALID_REQUEST`.',
        params: SlugPath,
        response: {
          200: documented(Envelope(ref(DiscoveryPage)), 'The layout.', { ok: true, result: exampleTopPage }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => ok(defaultDiscoveryPage(request.params.slug)),
  );

  app.get(
    '/v0/content/social-share',
    {
      config: { limit: 'none' },
      schema: {
        tags: ['content'],
        summary: 'Social sharing settings',
        description: 'The site name and default card of shared links; `siteName` comes from `SHARE_SITE_NAME`.',
        response: {
          200: documented(
            Envelope(
              Type.Object({
                siteName: Type.String(),
                defaultDescription: Type.String(),
                defaultImageUrl: Type.String(),
                imageEnabled: Type.Boolean(),
                imageAlt: Type.String(),
                version: Int,
                updatedAt: Type.String(),
              }),
            ),
            'The share settings.',
            {
              ok: true,
              result: { siteName: 'SocialPredict', defaultDescription: '', defaultImageUrl: '', imageEnabled: false, imageAlt: '', version: 1, updatedAt: CREATED_AT },
            },
          ),
          ...errorResponses(),
        },
      },
    },
    async () =>
      ok({ siteName: opts.shareSiteName, defaultDescription: '', defaultImageUrl: '', imageEnabled: false, imageAlt: '', version: 1, updatedAt: bootTime }),
  );

  app.get(
    '/v0/read/market-discovery/:slug',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['content'],
        summary: 'Discovery page with its markets',
        description:
          'A discovery page’s layout with one page of its markets (`status`, `limit` 1–100 default 50, `offset`) and ' +
          'the freshness of the list. A secondary page lists the markets carrying the tag named by its slug; the top ' +
          'page lists every market, or those carrying `tagSlug` when it is sent. An unknown ' +
          '`status` is 400 `INVALID_REQUEST`.',
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
      const layout = defaultDiscoveryPage(slug);
      const now = clock.now();
      // A secondary page lists its tag's markets (T1-27); the top page honours `tagSlug` when one is sent.
      const tagSlug = slug === TOP_PAGE ? (request.query.tagSlug ?? '').trim() : slug;
      const page = await unwrap(
        opts.listMarkets({ status: status as 'all', ...(tagSlug === '' ? {} : { tagSlug }), ...pageOf(request.query, 50, 100) }),
      );
      return ok({
        layout,
        ...(slug === TOP_PAGE ? {} : { topicNav: defaultDiscoveryPage(TOP_PAGE) }),
        markets: page.markets.map((overview) => toMarketOverview(overview, now)),
        pinnedMarkets: [],
        total: page.total,
        freshness: liveFreshness(now),
      });
    },
  );
};
