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
