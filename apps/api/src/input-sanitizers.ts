// The shared boundary validators and sanitisers of docs/api.md#validation (SEC-8, VAL-3): every route that accepts user text
// runs it through here once, and the use cases receive clean values. Failures name the field and the rule.
import { isIP } from 'node:net';
import { decodeHTML } from 'entities';
import sanitizeHtml from 'sanitize-html';
import { HttpProblem } from './http-problem.ts';

// The home page's allow-listed render is one more boundary sanitiser (docs/security.md#site-content).
export { renderHome } from './home-content.render.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

const pass = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(problem: string): Checked<T> => ({ ok: false, problem });

const SUSPICIOUS = [
  'javascript:', 'vbscript:', 'data:', '<script', '</script>', '<iframe', '<object', '<embed', '<link', '<meta',
  '<style', 'onload=', 'onerror=', 'onclick=', 'onmouseover=', 'onfocus=', 'onblur=', 'onchange=', 'onsubmit=',
  'eval(', 'expression(', 'url(', '@import', '<!--', '-->',
];

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const codePoints = (text: string) => [...text].length;

export function hasSuspiciousPattern(text: string): boolean {
  const lower = text.toLowerCase();
  return SUSPICIOUS.some((pattern) => lower.includes(pattern));
}

/**
 * Decodes HTML character references until none is left, so `&lt;script&gt;` and `&amp;lt;script&amp;gt;` are judged
 * as the `<script>` a browser may eventually render (docs/api.md#validation, hostile input). Each pass that changes
 * the text shortens it, so the loop ends.
 */
function decodeReferences(text: string): string {
  let current = text;
  for (let next = decodeHTML(current); next !== current; next = decodeHTML(current)) current = next;
  return current;
}

/** C0 and C1 controls except TAB, LF and CR, which multi-line fields keep. */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const LINE_BREAK_OR_TAB = /[\t\n\r]/u;
/** Bidi embeddings, overrides and isolates, and zero-width characters: text that displays as something else. */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]/u;

/** The problem with a text field's characters, if any: hostile input of docs/api.md#validation. */
export function hostileCharacters(text: string, lines: 'single-line' | 'multi-line'): string | undefined {
  if (CONTROL.test(text) || (lines === 'single-line' && LINE_BREAK_OR_TAB.test(text))) {
    return lines === 'single-line' ? 'must not contain control characters, tabs or line breaks' : 'must not contain control characters';
  }
  if (INVISIBLE.test(text)) return 'must not contain bidirectional control or zero-width characters';
  return undefined;
}

/**
 * The rules every stored text passes, judged on the raw input, on its decoded form (a reference such as `&#0;` or
 * `&lt;iframe` hides what it stands for) and again on the text to be stored, whatever the HTML policy turned it into.
 */
function screen(raw: string, lines: 'single-line' | 'multi-line', policy: (text: string) => string): Checked<string> {
  const decoded = decodeReferences(raw);
  const characters = hostileCharacters(raw, lines) ?? hostileCharacters(decoded, lines);
  if (characters !== undefined) return fail(characters);
  if (hasSuspiciousPattern(decoded)) return fail('contains a forbidden pattern');
  const stored = policy(raw).trim();
  if (hasSuspiciousPattern(decodeReferences(stored))) return fail('contains a forbidden pattern');
  return pass(stored);
}

/** Removes every tag, keeping the text (entities decoded back so the stored text is plain). */
function stripHtml(text: string): string {
  return sanitizeHtml(text, { allowedTags: [], allowedAttributes: {}, parser: { decodeEntities: true } })
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"');
}

/** The rich-text policy of descriptions: a, b, i, em, strong; http(s) links only, with rel="noreferrer". */
function restrictHtml(text: string): string {
  return sanitizeHtml(text, {
    allowedTags: ['a', 'b', 'i', 'em', 'strong'],
    allowedAttributes: { a: ['href', 'rel'] },
    allowedSchemes: ['http', 'https'],
    allowProtocolRelative: false,
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noreferrer' }) },
  });
}

export function username(raw: string): Checked<string> {
  const value = raw.trim();
  if (!/^[a-z0-9]{3,30}$/.test(value)) return fail('must be 3–30 lowercase letters or digits');
  return pass(value);
}

/** Plain single-line text: every tag removed; empty afterwards is refused. */
function plainText(raw: string): Checked<string> {
  const screened = screen(raw, 'single-line', stripHtml);
  if (screened.ok && screened.value === '') return fail('must not be empty');
  return screened;
}

/** Uniqueness and reserved names are compared by the domain (NFKC + case folding), which also owns that rule. */
export function displayName(raw: string): Checked<string> {
  if (bytes(raw) < 1 || bytes(raw) > 50) return fail('must be 1–50 bytes');
  return plainText(raw);
}

function richText(raw: string, maxBytes: number): Checked<string> {
  if (bytes(raw) > maxBytes) return fail(`must be at most ${maxBytes} bytes`);
  return screen(raw, 'multi-line', restrictHtml);
}

export const userDescription = (raw: string) => richText(raw, 2000);
export const marketDescription = (raw: string) => richText(raw, 2000);

/**
 * An amendment body (docs/api.md#amendments): markdown-lite text, multi-line, under the description's HTML policy;
 * 1–2000 code points once sanitised.
 */
export function amendmentBody(raw: string): Checked<string> {
  const screened = screen(raw, 'multi-line', restrictHtml);
  if (!screened.ok) return screened;
  const length = codePoints(screened.value);
  return length < 1 || length > 2000 ? fail('must be 1–2000 characters') : screened;
}

/** A review or submit reason: multi-line plain text of at most 500 code points; `required` refuses an empty one. */
export function amendmentReason(raw: string, required: boolean): Checked<string> {
  const screened = screen(raw, 'multi-line', stripHtml);
  if (!screened.ok) return screened;
  const length = codePoints(screened.value);
  if (length > 500 || (required && length === 0)) return fail(required ? 'must be 1–500 characters' : 'must be at most 500 characters');
  return screened;
}

export function questionTitle(raw: string): Checked<string> {
  // Checked before trimming, which would silently drop a leading byte-order mark or a trailing line break.
  const characters = hostileCharacters(raw, 'single-line');
  if (characters !== undefined) return fail(characters);
  const trimmed = raw.trim();
  if (bytes(trimmed) < 1 || bytes(trimmed) > 160) return fail('must be 1–160 bytes');
  return plainText(trimmed);
}

/** Tag display names and descriptions (docs/api.md#market-tags): plain text, every tag removed. */
export function tagText(raw: string, lines: 'single-line' | 'multi-line'): Checked<string> {
  return screen(raw, lines, stripHtml);
}

/**
 * Site content shown as text (docs/api.md#site-content): discovery titles, descriptions and pin labels, share-card
 * texts. Every tag is removed, so nothing stored can become markup wherever it is shown.
 */
export function contentText(raw: string, lines: 'single-line' | 'multi-line'): Checked<string> {
  return screen(raw, lines, stripHtml);
}

/** Text kept as written and made safe elsewhere (the home page source, sanitised on render): characters only. */
export function contentSource(raw: string, lines: 'single-line' | 'multi-line'): Checked<string> {
  const problem = hostileCharacters(raw, lines);
  return problem === undefined ? pass(raw) : fail(problem);
}

export function outcomeLabel(raw: string | undefined, fallback: string): Checked<string> {
  if (raw === undefined) return pass(fallback);
  const screened = screen(raw, 'single-line', stripHtml);
  if (!screened.ok) return screened;
  if (codePoints(screened.value) < 1 || codePoints(screened.value) > 20) return fail('must be 1–20 characters');
  return screened;
}

export function searchQuery(raw: string): Checked<string> {
  const characters = hostileCharacters(raw, 'single-line');
  if (characters !== undefined) return fail(characters);
  const value = raw.trim();
  if (codePoints(value) > 100) return fail('must be at most 100 characters');
  return screen(value, 'single-line', stripHtml);
}

/** A reason kept for the audit log and shown to administrators: one line of plain text, at most 500 characters, may be empty. */
export function reasonText(raw: string): Checked<string> {
  const screened = screen(raw, 'single-line', stripHtml);
  if (screened.ok && codePoints(screened.value) > 500) return fail('must be at most 500 characters');
  return screened;
}

const RFC3339_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/i;

/**
 * An RFC 3339 date-time with an offset, as epoch milliseconds. Every field must exist on the calendar and the clock:
 * `Date.parse` would roll 2027-02-30 over to March 2 (docs/api.md#validation, hostile input).
 */
export function rfc3339Time(raw: string): Checked<number> {
  const match = RFC3339_WITH_OFFSET.exec(raw.trim());
  if (match === null) return fail('must be an RFC 3339 date-time with an offset');
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [offsetHours, offsetMinutes] = [Number(match[9] ?? 0), Number(match[10] ?? 0)];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  const exists =
    day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 &&
    offsetHours <= 23 && offsetMinutes <= 59;
  if (!exists) return fail('must be a date and time that exist');
  return pass(Date.parse(raw.trim()));
}

const EMOJI_RANGES: readonly (readonly [number, number])[] = [
  [0x1f600, 0x1f64f], [0x1f300, 0x1f5ff], [0x1f680, 0x1f6ff], [0x2600, 0x26ff], [0x2700, 0x27bf],
  [0xfe00, 0xfe0f], [0x1f900, 0x1f9ff], [0x1f1e6, 0x1f1ff],
];
const EMOTICON_ASCII = new Set(':;=8xX()-[]{}\\/^\'",.<>*oOPpD|');

export function emoji(raw: string): Checked<string> {
  if (raw === '') return fail('must not be empty');
  const points = [...raw];
  if (bytes(raw) > 20 || points.length > 20) return fail('must be at most 20 bytes and 20 characters');
  let previousWasEmoji = false;
  for (const point of points) {
    const code = point.codePointAt(0) ?? 0;
    const isEmoji = EMOJI_RANGES.some(([low, high]) => code >= low && code <= high);
    if (isEmoji) {
      previousWasEmoji = true;
      continue;
    }
    if (!EMOTICON_ASCII.has(point)) return fail('must be emoji or an ASCII emoticon');
    if (previousWasEmoji) return fail('an ASCII character may not follow an emoji');
  }
  return pass(raw);
}

const SHORTENERS = ['bit.ly', 'tinyurl.com', 't.co', 'localhost'];

export function personalLink(raw: string): Checked<string> {
  if (raw === '') return pass('');
  if (raw.length > 200) return fail('must be at most 200 characters');
  const characters = hostileCharacters(raw, 'single-line');
  if (characters !== undefined) return fail(characters);
  if (/\s/.test(raw)) return fail('must not contain spaces');
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return fail('must be a valid web address');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('must use http or https');
  if (url.username !== '' || url.password !== '') return fail('must not contain user information');
  // One trailing dot names the same host (`localhost.` is `localhost`); an empty label is no usable host at all.
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === '') return fail('must name a host');
  if (host.startsWith('.') || host.endsWith('.') || host.includes('..')) return fail('must be a valid web address');
  if (SHORTENERS.some((blocked) => host === blocked || host.endsWith(`.${blocked}`))) return fail('this host is not allowed');
  if (isIP(host) !== 0 && isNonPublicAddress(host)) return fail('private or local addresses are not allowed');
  return pass(url.toString());
}

function isNonPublicAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  const lower = address.toLowerCase();
  if (lower === '::' || lower === '::1') return true;
  if (lower.startsWith('::ffff:')) return isNonPublicAddress(lower.slice('::ffff:'.length)) || !lower.includes('.');
  return /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower);
}

/** An enum-like value looked up among the table's own keys only: `__proto__` or `toString` name nothing (docs/api.md#validation). */
export function ownEntry<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

type CleanValues<T> = { [K in keyof T]: T[K] extends Checked<infer V> ? V : never };

/**
 * Runs the checks of one request without deciding: the clean values (a refused field keeps an empty string) and the
 * problems by field. For use cases that must report the body after their own steward check (docs/api.md#request-pipeline).
 */
export function screenFields<T extends Record<string, Checked<string>>>(
  checks: T,
): { values: CleanValues<T>; problems: Record<string, string[]> } {
  const problems: Record<string, string[]> = {};
  const values: Record<string, string> = {};
  for (const [field, result] of Object.entries(checks)) {
    if (result.ok) values[field] = result.value;
    else {
      values[field] = '';
      problems[field] = [result.problem];
    }
  }
  return { values: values as CleanValues<T>, problems };
}

/** Runs the checks of one request and either returns every clean value or throws one VALIDATION_FAILED listing all. */
export function sanitizeFields<T extends Record<string, Checked<unknown>>>(checks: T): CleanValues<T> {
  const fields: Record<string, string[]> = {};
  const values: Record<string, unknown> = {};
  for (const [field, result] of Object.entries(checks)) {
    if (result.ok) values[field] = result.value;
    else fields[field] = [result.problem];
  }
  const failed = Object.keys(fields);
  if (failed.length > 0) {
    const summary = failed.map((field) => `${field} ${fields[field]?.[0] ?? ''}`).join('; ');
    throw new HttpProblem(400, 'VALIDATION_FAILED', `Invalid input: ${summary}.`, { details: { fields } });
  }
  return values as CleanValues<T>;
}

const LATEST_RESOLUTION = Date.UTC(2100, 0, 1);

/** A market's or group's resolution time: RFC 3339 with offset, before 2100 (docs/api.md#validation). */
export function resolutionTime(raw: string): Checked<number> {
  const time = rfc3339Time(raw);
  if (time.ok && time.value >= LATEST_RESOLUTION) return fail('must be before 2100-01-01T00:00:00Z');
  return time;
}
