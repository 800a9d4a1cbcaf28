// The layout of a market-discovery page (docs/api.md#t1-12), shared by the content routes.
import { Type } from '@sinclair/typebox';
import { Int } from './common.schema.ts';
import { CREATED_AT } from './examples.ts';

export const DiscoveryPage = Type.Object(
  {
    slug: Type.String(),
    title: Type.String(),
    description: Type.String(),
    pageType: Type.Union([Type.Literal('top'), Type.Literal('secondary')]),
    primaryTagSlug: Type.String(),
    searchScope: Type.Union([Type.Literal('all'), Type.Literal('tag')]),
    featuredTopicsEnabled: Type.Boolean(),
    featuredMarketsEnabled: Type.Boolean(),
    defaultRecommendationLimit: Int,
    curatedRecommendationLimit: Int,
    recommendationLimit: Int,
    version: Int,
    updatedAt: Type.Optional(Type.String()),
    pins: Type.Array(
      Type.Object({
        id: Type.Optional(Int),
        pinType: Type.Union([Type.Literal('market'), Type.Literal('discovery_page')]),
        marketId: Type.Optional(Int),
        targetPageSlug: Type.Optional(Type.String()),
        label: Type.Optional(Type.String()),
        sortOrder: Int,
      }),
    ),
  },
  { $id: 'DiscoveryPage', title: 'DiscoveryPage' },
);

/** The home page (docs/api.md#t1-11): `html` is the sanitised render the web app shows. */
export const HomeContentBody = Type.Object({
  title: Type.String(),
  format: Type.Union([Type.Literal('markdown'), Type.Literal('html')]),
  markdown: Type.String(),
  html: Type.String(),
  version: Int,
  updatedAt: Type.String(),
});

/** The social-sharing card (docs/api.md#t1-14). */
export const ShareSettingsBody = Type.Object({
  siteName: Type.String(),
  defaultDescription: Type.String(),
  defaultImageUrl: Type.String(),
  imageEnabled: Type.Boolean(),
  imageAlt: Type.String(),
  version: Int,
  updatedAt: Type.String(),
});

export const SLUG = '^[a-z0-9]+(-[a-z0-9]+)*$';
export const SlugPath = Type.Object({ slug: Type.String({ pattern: SLUG, maxLength: 96 }) });

export const exampleTopPage = {
  slug: 'markets',
  title: 'Markets',
  description: '',
  pageType: 'top' as const,
  primaryTagSlug: '',
  searchScope: 'all' as const,
  featuredTopicsEnabled: false,
  featuredMarketsEnabled: false,
  defaultRecommendationLimit: 20,
  curatedRecommendationLimit: 5,
  recommendationLimit: 20,
  version: 2,
  updatedAt: CREATED_AT,
  pins: [{ id: 1, pinType: 'market' as const, marketId: 1, label: 'Editor’s pick', sortOrder: 0 }],
};
export const exampleHome = {
  title: 'Home',
  format: 'markdown' as const,
  markdown: '# Welcome\n\nTrade on what you think will happen.',
  html: '<h1>Welcome</h1>\n<p>Trade on what you think will happen.</p>',
  version: 2,
  updatedAt: CREATED_AT,
};
export const exampleShare = {
  siteName: 'SocialPredict',
  defaultDescription: 'Predict what happens next.',
  defaultImageUrl: '/api/v0/content/social-share/image',
  imageEnabled: true,
  imageAlt: 'The SocialPredict logo',
  version: 2,
  updatedAt: CREATED_AT,
};
