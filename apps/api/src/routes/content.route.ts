// Site content read by the web app on every visit (T1-11…T1-15, T1-27). Editing is Tier 2/3 and not built yet, so
// each answer is the documented default: the seeded home page, the default discovery layouts, public reports, the
// default share settings and no tags.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Clock, ListMarkets } from '@socialpredict/domain';
import { HttpProblem } from '../http-problem.ts';
import { unwrap } from '../http-error.mapper.ts';
import { liveFreshness } from '../presenters/freshness.presenter.ts';
import { toMarketOverview } from '../presenters/market.presenter.ts';
import { Int, isoTime, PageQuery, pageOf, ref } from '../schemas/common.schema.ts';
import { DiscoveryPage } from '../schemas/content.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
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

const Tag = Type.Object({
  id: Int,
  slug: Type.String(),
  displayName: Type.String(),
  description: Type.Optional(Type.String()),
  colorKey: Type.Optional(Type.String()),
  sortOrder: Int,
  isActive: Type.Boolean(),
});

const SlugPath = Type.Object({ slug: Type.String({ pattern: SLUG, maxLength: 96 }) });

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
      schema: { tags: ['content'], summary: 'Home page content (T1-11)', response: { 200: Envelope(HomeContent), ...errorResponses(404) } },
    },
    async () => ok({ title: 'Home', format: 'markdown' as const, markdown: HOME_MARKDOWN, html: HOME_HTML, version: 1, updatedAt: bootTime }),
  );

  app.get(
    '/v0/content/market-discovery/:slug',
    {
      config: { limit: 'none' },
      schema: {
        tags: ['content'],
        summary: 'Discovery page layout (T1-12)',
        params: SlugPath,
        response: { 200: Envelope(ref(DiscoveryPage)), ...errorResponses(400) },
      },
    },
    async (request) => ok(defaultDiscoveryPage(request.params.slug)),
  );

  app.get(
    '/v0/content/reporting-visibility',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['content'],
        summary: 'Which reports are public (T1-13)',
        response: {
          200: Envelope(Type.Object({ systemMetricsPublic: Type.Boolean(), globalLeaderboardPublic: Type.Boolean(), version: Int, updatedAt: Type.String() })),
          ...errorResponses(),
        },
      },
    },
    async () => ok({ systemMetricsPublic: true, globalLeaderboardPublic: true, version: 1, updatedAt: bootTime }),
  );

  app.get(
    '/v0/content/social-share',
    {
      config: { limit: 'none' },
      schema: {
        tags: ['content'],
        summary: 'Social sharing settings (T1-14)',
        response: {
          200: Envelope(
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
          ...errorResponses(),
        },
      },
    },
    async () =>
      ok({ siteName: opts.shareSiteName, defaultDescription: '', defaultImageUrl: '', imageEnabled: false, imageAlt: '', version: 1, updatedAt: bootTime }),
  );

  app.get(
    '/v0/market-tags',
    {
      config: { limit: 'general' },
      schema: { tags: ['content'], summary: 'Active market tags (T1-15)', response: { 200: Envelope(Type.Object({ tags: Type.Array(Tag), total: Int })), ...errorResponses() } },
    },
    async () => ok({ tags: [], total: 0 }),
  );

  app.get(
    '/v0/read/market-discovery/:slug',
    {
      config: { limit: 'general' },
      schema: {
        tags: ['content'],
        summary: 'Discovery list with its layout (T1-27)',
        params: SlugPath,
        querystring: Type.Object({ status: Type.Optional(Type.String()), tagSlug: Type.Optional(Type.String()), ...PageQuery }),
        response: {
          200: Envelope(
            Type.Object({
              layout: ref(DiscoveryPage),
              topicNav: Type.Optional(ref(DiscoveryPage)),
              markets: Type.Array(ref(MarketOverview)),
              pinnedMarkets: Type.Array(Type.Object({ pin: Type.Object({}, { additionalProperties: true }), details: Type.Object({}, { additionalProperties: true }) })),
              total: Int,
              freshness: ref(Freshness),
            }),
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
      // A secondary page lists its tag's markets; no market carries a tag until tag administration exists.
      const tagged = slug !== TOP_PAGE || (request.query.tagSlug ?? '').trim() !== '';
      const page = tagged
        ? { markets: [], total: 0 }
        : await unwrap(opts.listMarkets({ status: status as 'all', ...pageOf(request.query, 50, 100) }));
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
