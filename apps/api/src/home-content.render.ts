// The home page's HTML (docs/security.md#site-content): Markdown is rendered here, and whatever HTML results — from
// Markdown (which passes raw HTML through) or sent as HTML — goes through one allow-list before it is stored. Done
// at the HTTP boundary, like every other sanitising step (docs/api.md#validation), so the domain stores clean text.
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { HomeFormat } from '@socialpredict/domain';

/**
 * Structure and emphasis only: no script, style, iframe, object, form or media element, no event handler or style
 * attribute (no attribute is allowed unless listed), links and images over http(s) only (no `javascript:`, `data:`
 * or protocol-relative URLs); links open without handing the page to the target.
 */
export const HOME_ALLOW_LIST: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i',
    'del', 's', 'code', 'pre', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // script, style and textarea lose their text too, not only their tags (sanitize-html's nonTextTags).
  disallowedTagsMode: 'discard',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};

// A private instance: no extension another module registers on the shared `marked` can change this render.
const markdown = new Marked({ gfm: true, breaks: false, async: false });

export function sanitizeHomeHtml(html: string): string {
  return sanitizeHtml(html, HOME_ALLOW_LIST);
}

/** The HTML stored for a save: the Markdown rendered when the format is Markdown, else the HTML sent; sanitised both ways. */
export function renderHome(format: HomeFormat, source: { readonly markdown: string; readonly html: string }): string {
  const html = format === 'markdown' ? (markdown.parse(source.markdown) as string) : source.html;
  return sanitizeHomeHtml(html).trim();
}
