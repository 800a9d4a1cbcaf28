// The layout of a market-discovery page (docs/api.md#t1-12), shared by the content routes.
import { Type } from '@sinclair/typebox';
import { Int } from './common.schema.ts';

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
