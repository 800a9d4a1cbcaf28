// The page a shared market link opens (docs/api.md#social-sharing, http-api §3.3): `/markets/{id}` carries the
// OpenGraph and Twitter tags link-preview crawlers read — the market's title, its current probability, the site's
// share image — with the canonical URL on PUBLIC_BASE_URL. With a built web app (WEB_APP_DIR) the page is the app's
// own index.html with the tags put first in <head>, so a person following the link lands in the app; without one, a
// small page with the tags and a link. Registered as a route, it wins over the SPA fallback for these paths.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ShareSettings } from '@socialpredict/domain';
import type { ContentUseCases } from '@socialpredict/runtime';
import { HttpProblem } from '../http-problem.ts';
import { unwrap } from '../http-error.mapper.ts';

export interface SharePageRouteOptions {
  useCases: ContentUseCases;
  publicBaseUrl: string;
}

/** Every character that could end an attribute or open a tag, so no stored text can become markup (docs/security.md#og-escaping). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${String(char.codePointAt(0))};`);
}

interface ShareCard {
  readonly title: string;
  readonly description: string;
  readonly url: string;
  readonly siteName: string;
  readonly image: { readonly url: string; readonly alt: string } | null;
}

function absolute(base: string, url: string): string {
  return url.startsWith('/') ? `${base}${url}` : url;
}

function card(settings: ShareSettings, base: string, marketId: number, title: string, probability: number): ShareCard {
  const percent = `${String(Math.round(probability * 100))}%`;
  const description = [`Current probability: ${percent}.`, settings.defaultDescription].filter((part) => part !== '').join(' ');
  const image = settings.imageEnabled && settings.defaultImageUrl !== '' ? { url: absolute(base, settings.defaultImageUrl), alt: settings.imageAlt } : null;
  return { title, description, url: `${base}/markets/${String(marketId)}`, siteName: settings.siteName, image };
}

function metaTags(share: ShareCard): string {
  const meta = (attribute: 'property' | 'name', key: string, value: string) => `<meta ${attribute}="${key}" content="${escapeHtml(value)}">`;
  return [
    `<title>${escapeHtml(`${share.title} · ${share.siteName}`)}</title>`,
    `<link rel="canonical" href="${escapeHtml(share.url)}">`,
    meta('name', 'description', share.description),
    meta('property', 'og:type', 'website'),
    meta('property', 'og:site_name', share.siteName),
    meta('property', 'og:title', share.title),
    meta('property', 'og:description', share.description),
    meta('property', 'og:url', share.url),
    ...(share.image === null ? [] : [meta('property', 'og:image', share.image.url), meta('property', 'og:image:alt', share.image.alt)]),
    meta('name', 'twitter:card', share.image === null ? 'summary' : 'summary_large_image'),
    meta('name', 'twitter:title', share.title),
    meta('name', 'twitter:description', share.description),
    ...(share.image === null ? [] : [meta('name', 'twitter:image', share.image.url), meta('name', 'twitter:image:alt', share.image.alt)]),
  ].join('\n');
}

/** The tags go right after <head>, ahead of the app's own title and tags, since crawlers take the first they find. */
export function injectIntoHead(indexHtml: string, tags: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(indexHtml);
  if (head === null) return `${tags}\n${indexHtml}`;
  const at = head.index + head[0].length;
  return `${indexHtml.slice(0, at)}\n${tags}\n${indexHtml.slice(at)}`;
}

function standalonePage(share: ShareCard, tags: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    tags,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(share.title)}</h1>`,
    `<p>${escapeHtml(share.description)}</p>`,
    `<p><a href="${escapeHtml(share.url)}">Open the market on ${escapeHtml(share.siteName)}</a></p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Decimal digits without a leading zero, a safe integer: anything else names no market (docs/api.md#validation). */
const MARKET_ID = /^[1-9][0-9]{0,15}$/;

export const sharePageRoutes: FastifyPluginAsyncTypebox<SharePageRouteOptions> = async (app, { useCases, publicBaseUrl }) => {
  const base = publicBaseUrl.replace(/\/+$/, '');

  app.get(
    '/markets/:id',
    {
      config: { limit: 'general' },
      // An HTML page for crawlers and browsers, not an API answer; docs/api.md#social-sharing describes it.
      schema: { hide: true, params: Type.Object({ id: Type.String() }) },
    },
    async (request, reply) => {
      const { id } = request.params;
      const marketId = Number(id);
      if (!MARKET_ID.test(id) || !Number.isSafeInteger(marketId)) throw new HttpProblem(400, 'INVALID_REQUEST', 'The market id must be a positive decimal integer.');
      const details = await unwrap(useCases.getMarketDetails({ marketId }));
      const settings = await unwrap(useCases.getShareSettings());
      const share = card(settings, base, marketId, details.market.questionTitle, details.lastProbability);
      const tags = metaTags(share);
      const index = await app.webAppIndex();
      const page = index === undefined ? standalonePage(share, tags) : injectIntoHead(index, tags);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=300').send(page);
    },
  );
};
