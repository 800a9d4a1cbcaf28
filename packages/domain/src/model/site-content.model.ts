// Site content administrators edit (docs/api.md#site-content): the home page, the market-discovery layouts with their
// pins, and the social-sharing card with its image. Each document carries a version for optimistic concurrency; a
// document never saved reads as its documented default at version 1 (T1-11, T1-12, T1-14).

export type HomeFormat = 'markdown' | 'html';

/** The home page (T1-11). `html` is the sanitised render the web app shows, produced at the HTTP boundary. */
export interface HomeContent {
  readonly title: string;
  readonly format: HomeFormat;
  readonly markdown: string;
  readonly html: string;
  readonly version: number;
  readonly updatedBy: string | null;
  /** epoch ms; null while never saved */
  readonly updatedAt: number | null;
}

/** The welcome page served until an administrator saves one ("seeded by the startup writer", T1-11). */
export const DEFAULT_HOME_CONTENT: HomeContent = {
  title: 'Home',
  format: 'markdown',
  markdown:
    '# Welcome to SocialPredict\n\nTrade on what you think will happen: browse the markets, buy YES or NO shares, and watch the probability move.',
  html: '<h1>Welcome to SocialPredict</h1>\n<p>Trade on what you think will happen: browse the markets, buy YES or NO shares, and watch the probability move.</p>',
  version: 1,
  updatedBy: null,
  updatedAt: null,
};

export type DiscoveryPinType = 'market' | 'discovery_page';

/** A pinned market or a link to another discovery page, shown on a page in `sortOrder`. */
export interface DiscoveryPin {
  /** assigned when stored */
  readonly id?: number;
  readonly pinType: DiscoveryPinType;
  /** set exactly for `market` pins */
  readonly marketId: number | null;
  /** set exactly for `discovery_page` pins */
  readonly targetPageSlug: string | null;
  readonly label: string;
  readonly sortOrder: number;
}

/** The editable fields of a discovery page. */
export interface DiscoveryPageFields {
  readonly title: string;
  readonly description: string;
  readonly pageType: 'top' | 'secondary';
  readonly primaryTagSlug: string;
  readonly searchScope: 'all' | 'tag';
  readonly featuredTopicsEnabled: boolean;
  readonly featuredMarketsEnabled: boolean;
  readonly defaultRecommendationLimit: number;
  readonly curatedRecommendationLimit: number;
}

export interface DiscoveryPage extends DiscoveryPageFields {
  readonly slug: string;
  readonly version: number;
  readonly updatedBy: string | null;
  readonly updatedAt: number | null;
  /** in `sortOrder`, then id */
  readonly pins: readonly DiscoveryPin[];
}

/** The page the web app lays out on `/markets`. */
export const TOP_DISCOVERY_SLUG = 'markets';

/** The layout T1-12 prescribes when nothing is stored for the slug. */
export function defaultDiscoveryPage(slug: string): DiscoveryPage {
  const top = slug === TOP_DISCOVERY_SLUG;
  return {
    slug,
    title: top ? 'Markets' : slug.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' '),
    description: '',
    pageType: top ? 'top' : 'secondary',
    primaryTagSlug: top ? '' : slug,
    searchScope: top ? 'all' : 'tag',
    featuredTopicsEnabled: false,
    featuredMarketsEnabled: !top,
    defaultRecommendationLimit: 20,
    curatedRecommendationLimit: 5,
    version: 1,
    updatedBy: null,
    updatedAt: null,
    pins: [],
  };
}

/** The limit the web app reads: the curated one while a featured block is shown (T1-12). */
export function recommendationLimit(page: DiscoveryPageFields): number {
  return page.featuredMarketsEnabled || page.featuredTopicsEnabled ? page.curatedRecommendationLimit : page.defaultRecommendationLimit;
}

/** The card shown when a link to the site is shared (T1-14). */
export interface ShareSettings {
  readonly siteName: string;
  readonly defaultDescription: string;
  readonly defaultImageUrl: string;
  readonly imageEnabled: boolean;
  readonly imageAlt: string;
  readonly version: number;
  readonly updatedBy: string | null;
  readonly updatedAt: number | null;
}

/** `siteName` defaults to SHARE_SITE_NAME, so the default depends on the configuration. */
export function defaultShareSettings(siteName: string): ShareSettings {
  return { siteName, defaultDescription: '', defaultImageUrl: '', imageEnabled: false, imageAlt: '', version: 1, updatedBy: null, updatedAt: null };
}

export type ShareImageType = 'image/png' | 'image/jpeg' | 'image/webp';

/** The uploaded share image, kept in the database so every instance serves the same bytes. */
export interface ShareImage {
  readonly contentType: ShareImageType;
  readonly bytes: Uint8Array;
  readonly updatedAt: number;
}

/** Where the site serves the uploaded image; it becomes `defaultImageUrl` on upload (docs/api.md#social-sharing). */
export const SHARE_IMAGE_PATH = '/api/v0/content/social-share/image';

/** 5 MiB (docs/api.md#social-sharing). */
export const SHARE_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
