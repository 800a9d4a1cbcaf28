// Fuzz suite over every operation of /openapi.json (docs/architecture.md#testing, docs/api.md#validation): requests
// generated from each route's schemas, mostly well-shaped, with the hostile classes of docs/api.md#validation and
// arbitrary noise mixed in, sent through inject as an admin, regular users, a gated user, or with no or a forged
// token. Every answer must be below 500, documented for its operation, and every 4xx must carry a documented reason;
// a request built from a rule with a known answer must get exactly that answer, never a 2xx. Afterwards the books
// pass the integrity check and no stored text holds live markup or hostile characters.
// Reproduce a run with FUZZ_SEED=<seed printed> (and FUZZ_RUNS=<n> to change its length).
import fc from 'fast-check';
import { decodeHTML } from 'entities';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIntegrity, storedTexts } from './helpers/memory-books.ts';
import { arbitraryOf, operationsOf, type Hints, type JsonSchema, type OpenApiDocument, type Operation } from './helpers/openapi-arbitraries.ts';
import { bearer, createTestApp, STRONG_PASSWORD, TEST_NOW, type TestApp } from './helpers/test-app.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_301);
const RUNS = Number(process.env.FUZZ_RUNS ?? 5_000);
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------------------------
// Callers

type AccountName = 'admin' | 'alice' | 'bob' | 'carol';
interface Account {
  role: 'ADMIN' | 'REGULAR';
  password: string;
  /** must change the password before anything else (docs/api.md#password-gate) */
  gated: boolean;
  token: string;
}
const FORGERIES = ['anonymous', 'tampered-signature', 'alg-none', 'escalated', 'not-a-jwt', 'basic-auth'] as const;
type Caller = AccountName | (typeof FORGERIES)[number];

const ADMIN_ONLY = new Set([
  'POST /v0/admin/createuser',
  'GET /v0/admin/audit',
  'GET /v0/admin/market-description-amendments/settings',
  'PUT /v0/admin/market-description-amendments/settings',
  'PUT /v0/admin/content/reporting-visibility',
  'GET /v0/admin/users',
  'PATCH /v0/admin/users/{username}/role',
  'PATCH /v0/admin/moderators/{username}/suspension',
  'GET /v0/admin/market-group-answer-additions',
  'GET /v0/admin/markets',
  'PATCH /v0/admin/markets/{id}/approve',
  'PATCH /v0/admin/markets/{id}/reject',
  'PATCH /v0/admin/markets/{id}/steward',
  'GET /v0/admin/market-tags',
  'POST /v0/admin/market-tags',
  'PATCH /v0/admin/market-tags/{slug}',
  'PATCH /v0/admin/markets/{id}/tags',
  'GET /v0/admin/market-description-amendments',
  'PATCH /v0/admin/market-description-amendments/grouped-review',
  'PATCH /v0/admin/market-description-amendments/{id}',
  'PATCH /v0/admin/market-group-answer-additions/{id}',
  'PATCH /v0/admin/market-groups/{id}/approve',
  'PATCH /v0/admin/market-groups/{id}/reject',
  'PATCH /v0/admin/market-groups/{id}/steward',
  'PATCH /v0/admin/market-groups/{id}/tags',
  'PUT /v0/admin/content/home',
  'PUT /v0/admin/content/market-discovery/{slug}',
  'PUT /v0/admin/content/market-discovery/{slug}/pins',
  'PUT /v0/admin/content/social-share',
  'POST /v0/admin/content/social-share/image',
]);
/** Statuses docs/api.md#reason-codes allows on every body route though the operations do not list them. */
const BODY_STATUSES = [413, 415];
const UNGATED = new Set(['POST /v0/changepassword']);
/** Reports that ask for a token once an administrator makes them private (docs/api.md#reporting-visibility). */
const GUARDED_REPORTS = new Map<string, 'systemMetricsPublic' | 'globalLeaderboardPublic'>([
  ['GET /v0/system/metrics', 'systemMetricsPublic'],
  ['GET /v0/global/leaderboard', 'globalLeaderboardPublic'],
]);
/** Follows the fuzzer's own saves of the visibility flags, so the rules know which reports are private. */
const reportingVisibility = { systemMetricsPublic: true, globalLeaderboardPublic: true };

// ---------------------------------------------------------------------------------------------------------------
// Requests and the rules with a known answer

interface Rule {
  name: string;
  status: number;
  reasons: readonly string[];
}
const invalidRequest = (name: string): Rule => ({ name, status: 400, reasons: ['INVALID_REQUEST'] });
const validationFailed = (name: string): Rule => ({ name, status: 400, reasons: ['VALIDATION_FAILED'] });

interface Draft {
  /** path segments, already URL-encoded */
  params: Record<string, string>;
  /** query values as the server should decode them */
  query: [string, string][];
  body: unknown;
  /** a body sent verbatim instead of `body` */
  raw?: { text: string; contentType: string };
}

interface Mutated {
  draft: Draft;
  rule?: Rule;
}

type Mutation = (draft: Draft) => Mutated;

interface FuzzRequest {
  operation: string;
  caller: Caller;
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  raw?: { text: string; contentType: string };
  rule?: Rule;
}

// ---------------------------------------------------------------------------------------------------------------
// Values: the hostile classes of docs/api.md#validation

/** Never a plain decimal integer, whatever a lenient parser makes of them. */
const LOOSE_INTEGERS = ['1.5', '1e3', '+1', ' 1', '1 ', '0x10', '01', '00', '172e9', '1e0', '9007199254740993', '١', 'Infinity', 'NaN', '.5', '5.', '0b1', '1_0', ''];
/** The same, written into a path segment; `%201` is ` 1` and `%D9%A1` the Arabic-Indic one. */
const LOOSE_PATH_INTEGERS = ['1.5', '1e3', '+1', '%201', '%2B1', '1%20', '0x10', '01', '00', '172e9', '1e0', '9007199254740993', '%D9%A1', 'Infinity', 'NaN', '.5', '5.', '0b1', '1_0'];
/** Refused in every text field, multi-line ones included. */
const HOSTILE_ANYWHERE = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f', '\u202a', '\u202e', '\u2066', '\u2069', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
/** Refused in single-line fields and query strings as well. */
const HOSTILE_SINGLE_LINE = [...HOSTILE_ANYWHERE, '\t', '\n', '\r'];
/** Hostile characters hidden in character references, decoded before the check. */
const HOSTILE_REFERENCES = ['&#x202E;', '&#8203;', '&#x1;', '&#xFEFF;', '&#x7f;', '&#8238;'];
const ENCODED_MARKUP = [
  '&lt;script&gt;alert(1)&lt;/script&gt;', '&#60;iframe src=x&#62;', '&amp;lt;script&amp;gt;', '&#x3c;script&#x3e;',
  '&LT;iframe&GT;', '&lt;ScRiPt&gt;', '&#0060;script&#0062;', '&#x003C;iframe&#x003E;', '<script>alert(1)</script>',
  '<iframe src=//evil.example>', '&amp;amp;lt;iframe&amp;amp;gt;',
];
const IMPOSSIBLE_DATES = [
  '2027-02-30T12:00:00Z', '2027-02-29T12:00:00Z', '2100-02-29T00:00:00Z', '2027-04-31T12:00:00Z', '2027-06-31T00:00:00+02:00',
  '2027-01-01T24:00:00Z', '2027-01-01T12:60:00Z', '2027-01-01T12:00:60Z', '2027-13-01T12:00:00Z', '2027-00-10T12:00:00Z',
  '2027-01-00T12:00:00Z', '2027-01-01T12:00:00+24:00', '2027-01-01T12:00:00+05:60',
];
const BLOCKED_LINKS = [
  'localhost.', 'http://localhost./', 'https://LOCALHOST./x', 'bit.ly.', 'https://bit.ly./abc', 'sub.bit.ly.', 't.co.',
  'https://tinyurl.com./a', 'http://127.0.0.1./', 'http://10.0.0.1./', 'https://192.168.1.1./', 'http://[::1]/',
  'https://example.com../', 'http://localhost../',
];
/** Path segments the URL resolves away, which would name another route. */
const DOT_SEGMENTS = new Set(['.', '..']);
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];
const MALFORMED_BODIES = ['{', '{"a":}', 'nul', '[]', '[{}]', '"text"', '42', 'null', '', '{"a":1}}', "{'a':1}", '\u0000', '{"a":1,}'];
const WRONG_MEDIA_TYPES = ['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'];

/** Routes whose `status` query value is looked up as a filter (the fixed-status lists ignore it). */
const STATUS_READERS = new Set(['GET /v0/markets', 'GET /v0/markets/search', 'GET /v0/profile/markets', 'GET /v0/read/market-discovery/{slug}']);
/** Body text run through the sanitisers (input-sanitizers.ts), single- or multi-line. */
const SCREENED_TEXT: Record<string, 'single-line' | 'multi-line'> = {
  displayName: 'single-line',
  questionTitle: 'single-line',
  yesLabel: 'single-line',
  noLabel: 'single-line',
  description: 'multi-line',
};
const OTHER_TEXT = ['emoji', 'personalLink1', 'personalLink2', 'personalLink3', 'personalLink4'];

// ---------------------------------------------------------------------------------------------------------------
// Well-shaped values per field: what the schemas cannot say

const CLEAN_ALPHABET = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', ' ', ' ', '?', '!', ',', '.', '-', "'", 'é', 'ß', 'ø', '中', '文', '😀', '∑'];
const cleanText = (maxLength: number, minLength = 1) => fc.string({ unit: fc.constantFrom(...CLEAN_ALPHABET), minLength, maxLength });
const ALLOWED_MARKUP = ['<b>bold</b>', '<i>it</i>', '<a href="https://example.com/x">link</a>', '<em>e</em> & <strong>s</strong>', 'a < b > c'];
const KNOWN_USERS = ['admin', 'alice', 'bob', 'carol', 'nobody'];
const anyUsername = fc.oneof(fc.constantFrom(...KNOWN_USERS), fc.stringMatching(/^[a-z0-9]{3,30}$/));

const hints: Hints = (name: string, schema: JsonSchema) => {
  switch (name) {
    case 'id':
    case 'marketId':
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(1, 2, 3) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 30 }) });
    case 'amount':
      return fc.oneof(
        { weight: 5, arbitrary: fc.integer({ min: Math.max(schema.minimum ?? 1, -5), max: 60 }) },
        { weight: 1, arbitrary: fc.constantFrom(1_000_000, Number.MAX_SAFE_INTEGER) },
      );
    case 'username':
    case 'created_by':
      return anyUsername;
    case 'outcome':
      return fc.constantFrom('YES', 'NO', 'yes', ' no ', 'Yes', 'MAYBE');
    case 'resolution':
      return fc.constantFrom('YES', 'NO', 'N/A', 'yes', ' n/a ', 'MAYBE', '');
    case 'status':
      return fc.constantFrom('active', 'closed', 'resolved', 'all', '', 'ACTIVE', ' resolved ', 'published', 'proposed', 'rejected', 'bogus');
    case 'limit':
    case 'offset':
      return fc.oneof(fc.integer({ min: -5, max: 150 }).map(String), fc.constantFrom('', 'abc', '1e2', '-1', '999999999999'));
    case 'query':
    case 'q':
      return cleanText(30, 0);
    case 'displayName':
      return cleanText(20);
    case 'questionTitle':
      return cleanText(60);
    case 'yesLabel':
    case 'noLabel':
      return cleanText(12);
    case 'description':
      return fc.oneof(cleanText(120, 0), fc.constantFrom(...ALLOWED_MARKUP));
    case 'tagSlug':
      return fc.oneof(fc.constant(''), fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8})?$/));
    case 'emoji':
      return fc.constantFrom('😀', '🎉🎉', ':-)', '(^_^)', '🇫🇷', '☀', 'x', '');
    case 'personalLink1':
    case 'personalLink2':
    case 'personalLink3':
    case 'personalLink4':
      return fc.constantFrom('', 'https://example.com/a', 'example.org/x', 'http://[2001:db8::1]/', 'ftp://example.com', 'https://user:pw@example.com', 'https://8.8.8.8/');
    case 'resolutionDateTime':
      return fc
        .tuple(fc.integer({ min: -2 * DAY, max: 400 * DAY }), fc.constantFrom('Z', '+02:00', '-05:30'))
        .map(([offset, zone]) => new Date(TEST_NOW + offset).toISOString().replace('Z', zone));
    case 'password':
    case 'currentPassword':
      return fc.oneof(fc.constantFrom(STRONG_PASSWORD, 'wrong-password'), cleanText(20));
    case 'newPassword':
      return fc.oneof(fc.constantFrom('Fresh5Password', 'Another7Secret', 'short', 'nodigitsHERE', 'ALLUPPER123'), cleanText(20));
    default:
      return undefined;
  }
};

// ---------------------------------------------------------------------------------------------------------------
// Drafts and mutations

/** Inserts between code points, so no surrogate pair is split (a URL cannot carry half of one). */
const insertAt = (text: string, position: number, inserted: string) => {
  const points = [...text];
  const at = position % (points.length + 1);
  return [...points.slice(0, at), inserted, ...points.slice(at)].join('');
};

const withParam = (draft: Draft, name: string, segment: string): Draft => ({ ...draft, params: { ...draft.params, [name]: segment } });
const withQuery = (draft: Draft, name: string, value: string): Draft => ({ ...draft, query: [...draft.query.filter(([key]) => key !== name), [name, value]] });
const withField = (draft: Draft, name: string, value: unknown): Draft => ({ ...draft, body: { ...(draft.body as object), [name]: value } });
const withRaw = (draft: Draft, text: string, contentType = 'application/json'): Draft => ({ ...draft, raw: { text, contentType } });
const bodyField = (draft: Draft, name: string) => (draft.body as Record<string, unknown>)[name];

/** Applies `change` to the `index`-th string (value or key) of a JSON value, counting depth first. */
function changeNthString(value: unknown, index: number, change: (text: string) => string): unknown {
  let seen = 0;
  const count = (node: unknown): number => {
    if (typeof node === 'string') return 1;
    if (Array.isArray(node)) return node.reduce((sum: number, item) => sum + count(item), 0);
    if (typeof node !== 'object' || node === null) return 0;
    return Object.values(node).reduce((sum: number, item) => sum + 1 + count(item), 0);
  };
  const target = index % Math.max(1, count(value));
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return seen++ === target ? change(node) : node;
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(Object.entries(node).map(([key, item]) => [seen++ === target ? change(key) : key, walk(item)]));
  };
  return walk(value);
}

/** The body's JSON with `prefix` members inserted first. */
const prefixedJson = (body: unknown, prefix: string) => {
  const rest = JSON.stringify(body).slice(1);
  return `{${prefix}${rest === '}' ? '' : ','}${rest}`;
};

const rule = (expected: Rule, apply: (draft: Draft) => Draft): Mutation => (draft) => ({ draft: apply(draft), rule: expected });
const noise = (apply: (draft: Draft) => Draft): Mutation => (draft) => ({ draft: apply(draft) });

/**
 * The rule-breaking mutations of an operation, one arbitrary per class of rule, so a route with many fields does not
 * drown its rarer classes (a bad date, a blocked link) among per-field variants.
 */
function ruleMutations(op: Operation): fc.Arbitrary<Mutation>[] {
  const classes = new Map<string, fc.Arbitrary<Mutation>[]>();
  const add: AddRule = (name, ...arbitraries) => {
    if (arbitraries.length > 0) classes.set(name, [...(classes.get(name) ?? []), ...arbitraries]);
  };

  for (const param of op.params) {
    if (param.schema.type === 'integer') {
      add('loose path integer', fc.constantFrom(...LOOSE_PATH_INTEGERS).map((value) => rule(invalidRequest(`loose integer in path ${param.name}`), (d) => withParam(d, param.name, value))));
      if (param.schema.minimum === 1) {
        add('non-positive path integer', fc.constantFrom('0', '-1', '-0').map((value) => rule(invalidRequest(`non-positive path ${param.name}`), (d) => withParam(d, param.name, value))));
      }
    }
    if (param.schema.pattern !== undefined) {
      const pattern = new RegExp(param.schema.pattern);
      add('path pattern', cleanText(40).filter((value) => !pattern.test(value) && !DOT_SEGMENTS.has(value)).map((value) => rule(invalidRequest(`pattern of path ${param.name}`), (d) => withParam(d, param.name, encodeURIComponent(value)))));
    }
  }
  if (op.key === 'GET /v0/markets/status/{status}') {
    add('path status', fc.constantFrom(...PROTOTYPE_KEYS).map((key) => rule(invalidRequest('prototype key as path status'), (d) => withParam(d, 'status', key))));
  }

  for (const param of op.query) {
    if (param.schema.type === 'integer') {
      add('loose query integer', fc.constantFrom(...LOOSE_INTEGERS).map((value) => rule(invalidRequest(`loose integer in query ${param.name}`), (d) => withQuery(d, param.name, value))));
    } else {
      add(
        'query characters',
        fc.tuple(cleanText(10, 0), fc.constantFrom(...HOSTILE_SINGLE_LINE), fc.nat()).map(([text, bad, at]) =>
          rule(validationFailed(`hostile character in query ${param.name}`), (d) => withQuery(d, param.name, insertAt(text, at, bad))),
        ),
      );
    }
  }
  if (op.query.length > 0) {
    add(
      'undeclared query characters',
      fc.tuple(fc.constantFrom(...HOSTILE_SINGLE_LINE), fc.constantFrom('x', 'utm_source', 'callback')).map(([bad, name]) =>
        rule(validationFailed('hostile character in an undeclared query parameter'), (d) => withQuery(d, name, `a${bad}b`)),
      ),
    );
  }
  if (STATUS_READERS.has(op.key)) {
    add('status filter', fc.constantFrom(...PROTOTYPE_KEYS).map((key) => rule(invalidRequest('prototype key as status filter'), (d) => withQuery(d, 'status', key))));
  }

  if (op.body !== undefined) bodyRules(op.body, op.key, add);
  return [...classes.values()].map((arbitraries) => fc.oneof(...arbitraries));
}

type AddRule = (name: string, ...arbitraries: fc.Arbitrary<Mutation>[]) => void;

function bodyRules(body: JsonSchema, key: string, add: AddRule): void {
  const properties = body.properties ?? {};
  add(
    'NUL',
    fc.tuple(fc.nat(), fc.nat()).map(([which, at]) =>
      rule(validationFailed('NUL in a body string or key'), (d) => {
        const changed = changeNthString(d.body, which, (text) => insertAt(text, at, '\u0000'));
        // A body without any string gets a key carrying the NUL.
        return JSON.stringify(changed) === JSON.stringify(d.body) ? withField(d, 'note\u0000', 1) : { ...d, body: changed };
      }),
    ),
  );
  add('depth', fc.integer({ min: 65, max: 400 }).map((depth) => rule(invalidRequest('JSON nested deeper than 64'), (d) => withRaw(d, prefixedJson(d.body, `"deep":${'['.repeat(depth)}${']'.repeat(depth)}`)))));
  add(
    'body prototype key',
    fc.constantFrom('"__proto__":{"polluted":1}', '"constructor":{"prototype":{"polluted":1}}').map((member) => rule(invalidRequest('prototype key in the body'), (d) => withRaw(d, prefixedJson(d.body, member)))),
  );
  add('malformed body', fc.constantFrom(...MALFORMED_BODIES).map((text) => rule(invalidRequest('malformed JSON body'), (d) => withRaw(d, text))));
  add(
    'media type',
    fc.constantFrom(...WRONG_MEDIA_TYPES).map((type) => rule({ name: 'body of another media type', status: 415, reasons: ['INVALID_REQUEST'] }, (d) => withRaw(d, JSON.stringify(d.body), type))),
  );

  for (const [name, property] of Object.entries(properties)) {
    const wrongTypes: unknown[] =
      property.type === 'integer'
        ? ['1', 1.5, true, null, [], {}, ...(property.maximum === Number.MAX_SAFE_INTEGER ? [2 ** 53, 1e300] : [])]
        : property.type === 'array'
          ? ['slug', 1, {}, null]
          : property.type === 'boolean'
            ? ['true', 1, 0, null, [], {}]
            : [1, true, null, [], {}, 1.5];
    add('wrong JSON type', fc.constantFrom(...wrongTypes).map((value) => rule(invalidRequest(`wrong JSON type for ${name}`), (d) => withField(d, name, value))));
    schemaViolations(body, name, property, add);

    const screened = SCREENED_TEXT[name];
    if (screened !== undefined) {
      const characters = screened === 'single-line' ? HOSTILE_SINGLE_LINE : HOSTILE_ANYWHERE;
      add(
        'body text characters',
        fc.tuple(fc.constantFrom(...characters, ...HOSTILE_REFERENCES), fc.nat()).map(([bad, at]) =>
          rule(validationFailed(`hostile character in ${name}`), (d) => withField(d, name, insertAt(String(bodyField(d, name) ?? 'text'), at, bad))),
        ),
      );
      add(
        'markup',
        fc.tuple(fc.constantFrom(...ENCODED_MARKUP), fc.nat()).map(([markup, at]) =>
          rule(validationFailed(`markup in ${name}`), (d) => withField(d, name, insertAt(String(bodyField(d, name) ?? 'text'), at, markup))),
        ),
      );
    }
    if (OTHER_TEXT.includes(name)) {
      add(
        'body text characters',
        fc.tuple(fc.constantFrom(...HOSTILE_SINGLE_LINE), fc.nat()).map(([bad, at]) =>
          rule(validationFailed(`hostile character in ${name}`), (d) => withField(d, name, insertAt(String(bodyField(d, name) || 'x'), at, bad))),
        ),
      );
    }
    if (key === 'POST /v0/admin/createuser' && name === 'username') {
      // Inside the name: a username is trimmed first (docs/api.md#validation), which drops a leading BOM or line break.
      add(
        'body text characters',
        fc.tuple(fc.constantFrom(...HOSTILE_SINGLE_LINE), fc.integer({ min: 1, max: 5 })).map(([bad, at]) =>
          rule(validationFailed('hostile character in username'), (d) => withField(d, name, insertAt('nobody', at, bad))),
        ),
      );
    }
    if (name === 'resolutionDateTime') {
      add('date', fc.constantFrom(...IMPOSSIBLE_DATES).map((date) => rule(validationFailed('impossible date'), (d) => withField(d, name, date))));
    }
    if (name.startsWith('personalLink')) {
      add('link', fc.constantFrom(...BLOCKED_LINKS).map((link) => rule(validationFailed('blocked link host'), (d) => withField(d, name, link))));
    }
  }
  if (body.additionalProperties === false) {
    add('strict body', fc.oneof(cleanText(10), fc.constantFrom('valueOf', 'toString', 'hasOwnProperty', 'constructor')).filter((key) => !Object.hasOwn(properties, key)).map((key) => rule(invalidRequest('unknown field on a strict body'), (d) => withField(d, key, 'x'))));
  }
}

/** Values just outside what the body schema itself states: 400 VALIDATION_FAILED, one class per kind of bound. */
function schemaViolations(body: JsonSchema, name: string, property: JsonSchema, add: AddRule): void {
  const refuse = (label: string, value: unknown) => rule(validationFailed(`${label} of ${name}`), (d) => withField(d, name, value));
  if ((body.required ?? []).includes(name)) {
    add('missing', fc.constant(rule(validationFailed(`missing ${name}`), (d) => ({ ...d, body: Object.fromEntries(Object.entries(d.body as object).filter(([key]) => key !== name)) }))));
  }
  const { minimum, maximum } = property;
  if (property.type === 'integer' && minimum !== undefined && minimum > Number.MIN_SAFE_INTEGER) {
    add('minimum', fc.integer({ min: minimum - 1000, max: minimum - 1 }).map((value) => refuse('below the minimum', value)));
  }
  if (property.type === 'integer' && maximum !== undefined && maximum < Number.MAX_SAFE_INTEGER) {
    add('maximum', fc.integer({ min: maximum + 1, max: maximum + 1000 }).map((value) => refuse('above the maximum', value)));
  }
  if (property.maxLength !== undefined) add('length', fc.constant(refuse('too long', 'a'.repeat(property.maxLength + 1))));
  if (property.minLength !== undefined && property.minLength > 0) add('length', fc.constant(refuse('too short', '')));
  if (property.pattern !== undefined) {
    const pattern = new RegExp(property.pattern);
    add('pattern', cleanText(20, 0).filter((text) => !pattern.test(text)).map((text) => refuse('pattern', text)));
  }
  if (property.enum !== undefined) add('enum', fc.constantFrom('MULTIPLE_CHOICE', 'binary', '').map((value) => refuse('enum', value)));
  if (property.maxItems !== undefined) {
    // Items of the right JSON type, so the only refusals are schema rules (400 VALIDATION_FAILED): an empty object
    // where objects are listed (pins), a string otherwise.
    const item = (i: number) => (property.items?.type === 'object' ? {} : `tag${i}`);
    add('items', fc.constant(refuse('too many items', Array.from({ length: property.maxItems + 1 }, (_, i) => item(i)))));
  }
  if (property.uniqueItems === true) add('unique items', fc.constant(refuse('repeated items', ['same', 'same'])));
}

function noiseMutations(op: Operation): fc.Arbitrary<Mutation>[] {
  // URLs carry only well-formed UTF-16, so lone surrogates ('binary') go into bodies alone.
  const text = (maxLength: number, minLength = 0) => fc.string({ unit: 'grapheme', minLength, maxLength });
  const anything = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.jsonValue({ maxDepth: 3 }));
  const mutations: fc.Arbitrary<Mutation>[] = [
    fc.tuple(fc.constantFrom('x', 'limit', 'offset', 'status', '__proto__'), text(30)).map(([name, value]) => noise((d) => withQuery(d, name, value))),
  ];
  for (const param of op.params) {
    mutations.push(text(30, 1).filter((value) => !DOT_SEGMENTS.has(value)).map((value) => noise((d) => withParam(d, param.name, encodeURIComponent(value)))));
  }
  for (const param of op.query) {
    mutations.push(text(120).map((value) => noise((d) => withQuery(d, param.name, value))));
  }
  if (op.body !== undefined) {
    mutations.push(fc.tuple(fc.string({ maxLength: 12 }), anything).map(([key, value]) => noise((d) => withField(d, key, value))));
    for (const name of Object.keys(op.body.properties ?? {})) {
      mutations.push(anything.map((value) => noise((d) => withField(d, name, value))));
    }
  }
  return mutations;
}

function callerFor(op: Operation): fc.Arbitrary<Caller> {
  const forged = fc.constantFrom(...FORGERIES);
  if (!op.secured) return fc.oneof({ weight: 4, arbitrary: fc.constant<Caller>('anonymous') }, { weight: 1, arbitrary: fc.constantFrom<Caller>('alice', 'tampered-signature', 'alg-none') });
  const accounts = ADMIN_ONLY.has(op.key) ? fc.constantFrom<Caller>('admin', 'admin', 'admin', 'alice', 'carol') : fc.constantFrom<Caller>('admin', 'alice', 'alice', 'bob', 'bob', 'carol');
  return fc.oneof({ weight: 5, arbitrary: accounts }, { weight: 1, arbitrary: forged });
}

function requestsFor(op: Operation): fc.Arbitrary<FuzzRequest> {
  const params = fc.record(Object.fromEntries(op.params.map((p) => [p.name, arbitraryOf(p.schema, hints, p.name).map((v) => encodeURIComponent(String(v)))])));
  const query = fc.record(Object.fromEntries(op.query.map((p) => [p.name, arbitraryOf(p.schema, hints, p.name).map(String)])), {
    requiredKeys: op.query.filter((p) => p.required).map((p) => p.name),
  });
  const body = op.body === undefined ? fc.constant(undefined) : arbitraryOf(op.body, hints);
  const draft: fc.Arbitrary<Draft> = fc.record({ params, query: query.map((q) => Object.entries(q)), body });
  const rules = ruleMutations(op);
  const mutation = fc.oneof(
    { weight: 2, arbitrary: fc.constant<Mutation>((d) => ({ draft: d })) },
    { weight: 1, arbitrary: fc.oneof(...noiseMutations(op)) },
    // Routes without input (probes, settings) have no rule to break.
    ...(rules.length === 0 ? [] : [{ weight: 7, arbitrary: fc.oneof(...rules) }]),
  );
  return fc.tuple(draft, mutation, callerFor(op)).map(([clean, mutate, caller]) => {
    const { draft: d, rule: applied } = mutate(clean);
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => d.params[name] ?? '');
    const search = d.query.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');
    return {
      operation: op.key,
      caller,
      method: op.method,
      url: search === '' ? path : `${path}?${search}`,
      ...(d.raw === undefined ? (d.body === undefined ? {} : { body: d.body }) : { raw: d.raw }),
      ...(applied === undefined ? {} : { rule: applied }),
    };
  });
}

/** Every class of rule above must come up in a default run, so a generator that stops producing one is noticed. */
const RULE_FAMILIES = [
  'loose integer in path', 'non-positive path', 'pattern of path', 'prototype key as path status', 'loose integer in query',
  'hostile character in query', 'hostile character in an undeclared', 'prototype key as status filter', 'NUL in a body',
  'JSON nested deeper', 'prototype key in the body', 'malformed JSON body', 'body of another media type', 'wrong JSON type',
  'missing ', 'below the minimum', 'above the maximum', 'too long', 'too short', 'pattern of', 'enum of', 'too many items',
  'repeated items', 'hostile character in', 'markup in', 'impossible date', 'blocked link host', 'unknown field on a strict body',
  'caller ', 'password gate', 'admin only',
];

// ---------------------------------------------------------------------------------------------------------------
// The run

let t: TestApp;
let operations: Operation[];
const accounts = {} as Record<AccountName, Account>;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function authorization(caller: Caller): Record<string, string> {
  const [header = '', payload = '', signature = ''] = accounts.alice.token.split('.');
  switch (caller) {
    case 'anonymous':
      return {};
    case 'tampered-signature':
      return bearer(`${header}.${payload}.${signature.split('').reverse().join('')}`);
    case 'alg-none':
      return bearer(`${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.`);
    case 'escalated': {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      return bearer(`${header}.${base64url({ ...claims, sub: 'admin', username: 'admin' })}.${signature}`);
    }
    case 'not-a-jwt':
      return bearer('not.a.jwt');
    case 'basic-auth':
      return { authorization: 'Basic YWxpY2U6cGFzc3dvcmQ=' };
    default:
      return bearer(accounts[caller].token);
  }
}

/** The answer the rules fix for this request, in the order of docs/api.md#request-pipeline; undefined when open. */
function expectedAnswer(op: Operation, request: FuzzRequest): Rule | undefined {
  if (op.secured) {
    if (!Object.hasOwn(accounts, request.caller)) return { name: `caller ${request.caller}`, status: 401, reasons: ['INVALID_TOKEN'] };
    const account = accounts[request.caller as AccountName];
    if (account.gated && !UNGATED.has(op.key)) return { name: 'password gate', status: 403, reasons: ['PASSWORD_CHANGE_REQUIRED'] };
    if (ADMIN_ONLY.has(op.key) && account.role !== 'ADMIN') return { name: 'admin only', status: 403, reasons: ['AUTHORIZATION_DENIED'] };
  }
  const visibilityFlag = GUARDED_REPORTS.get(op.key);
  if (visibilityFlag !== undefined && !reportingVisibility[visibilityFlag] && !Object.hasOwn(accounts, request.caller)) {
    return { name: `private report, caller ${request.caller}`, status: 401, reasons: ['INVALID_TOKEN'] };
  }
  return request.rule;
}

const stats = { requests: 0, byOperation: new Map<string, number>(), byRule: new Map<string, number>(), byStatus: new Map<number, number>() };
const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

async function send(op: Operation, request: FuzzRequest): Promise<void> {
  const response = await t.inject({
    method: request.method,
    url: request.url,
    headers: { ...authorization(request.caller), ...(request.raw === undefined ? {} : { 'content-type': request.raw.contentType }) },
    ...(request.raw !== undefined ? { payload: request.raw.text } : request.body === undefined ? {} : { payload: request.body as object }),
  });
  stats.requests += 1;
  bump(stats.byOperation, op.key);
  bump(stats.byStatus, response.statusCode);
  const expected = expectedAnswer(op, request);
  if (expected !== undefined) bump(stats.byRule, expected.name);

  const status = response.statusCode;
  const context = `${JSON.stringify(request)} → ${status} ${response.body.slice(0, 400)}`;
  if (status >= 500) throw new Error(`5xx: ${context}`);
  if (!op.statuses.has(status) && !(op.body !== undefined && BODY_STATUSES.includes(status))) throw new Error(`status ${status} is not documented for ${op.key}: ${context}`);
  if (status >= 400) {
    const body = JSON.parse(response.body) as { ok?: unknown; reason?: unknown; message?: unknown };
    if (body.ok !== false || typeof body.reason !== 'string' || !op.reasons.has(body.reason) || typeof body.message !== 'string') {
      throw new Error(`4xx without a documented reason: ${context}`);
    }
    if (expected !== undefined && (status !== expected.status || !expected.reasons.includes(body.reason))) {
      throw new Error(`expected ${expected.status} ${expected.reasons.join('|')} (${expected.name}): ${context}`);
    }
  } else if (expected !== undefined) {
    throw new Error(`${status} where the rule "${expected.name}" says ${expected.status}: ${context}`);
  }
  if (op.key === 'PUT /v0/admin/content/reporting-visibility' && status === 200) {
    const saved = JSON.parse(response.body) as { result: typeof reportingVisibility };
    reportingVisibility.systemMetricsPublic = saved.result.systemMetricsPublic;
    reportingVisibility.globalLeaderboardPublic = saved.result.globalLeaderboardPublic;
  }
  // A password change revokes the caller's token (docs/api.md#tokens): follow it, as the web app would.
  if (op.key === 'POST /v0/changepassword' && status === 200 && Object.hasOwn(accounts, request.caller)) {
    const name = request.caller as AccountName;
    const password = (request.body as { newPassword: string }).newPassword;
    accounts[name] = { ...accounts[name], password, gated: false, token: await t.login(name, password) };
  }
}

beforeAll(async () => {
  t = await createTestApp();
  accounts.admin = { role: 'ADMIN', password: STRONG_PASSWORD, gated: false, token: await t.user('admin', { role: 'ADMIN' }) };
  accounts.alice = { role: 'REGULAR', password: STRONG_PASSWORD, gated: false, token: await t.user('alice') };
  accounts.bob = { role: 'REGULAR', password: STRONG_PASSWORD, gated: false, token: await t.user('bob') };
  accounts.carol = { role: 'REGULAR', password: STRONG_PASSWORD, gated: true, token: await t.user('carol', { mustChangePassword: true }) };
  const seed = async (token: string, url: string, payload: object, status: number) => {
    const response = await t.inject({ method: 'POST', url, headers: bearer(token), payload });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(status);
  };
  const market = (questionTitle: string) => ({ questionTitle, description: 'Seeded', outcomeType: 'BINARY', resolutionDateTime: new Date(TEST_NOW + 30 * DAY).toISOString() });
  // Market 1 open with positions on both sides, market 2 resolved, market 3 open and stewarded by bob.
  await seed(accounts.alice.token, '/v0/markets', market('Will it rain?'), 201);
  await seed(accounts.alice.token, '/v0/markets', market('Will it snow?'), 201);
  await seed(accounts.bob.token, '/v0/markets', market('Will it hail?'), 201);
  await seed(accounts.bob.token, '/v0/bet', { marketId: 1, amount: 20, outcome: 'YES' }, 201);
  await seed(accounts.alice.token, '/v0/bet', { marketId: 1, amount: 10, outcome: 'NO' }, 201);
  await seed(accounts.admin.token, '/v0/bet', { marketId: 1, amount: 5, outcome: 'YES' }, 201);
  await seed(accounts.bob.token, '/v0/bet', { marketId: 2, amount: 5, outcome: 'NO' }, 201);
  await seed(accounts.alice.token, '/v0/markets/2/resolve', { resolution: 'YES' }, 204);

  const document = await t.inject({ method: 'GET', url: '/openapi.json' });
  operations = operationsOf(document.json() as OpenApiDocument);
});

afterAll(async () => {
  await t.close();
});

describe(`fuzzing every operation of /openapi.json (FUZZ_SEED=${SEED}, FUZZ_RUNS=${RUNS})`, () => {
  it('answers every generated request below 500 with a documented status and reason, and each rule with its answer', { timeout: 600_000 }, async () => {
    expect(operations.length).toBeGreaterThan(40);
    const started = performance.now();
    const byKey = new Map(operations.map((op) => [op.key, op]));
    await fc.assert(
      // An operation weighs by its classes of rules, so the writes, which carry most of them, get most requests.
      fc.asyncProperty(fc.oneof(...operations.map((op) => ({ weight: 1 + Math.ceil(ruleMutations(op).length / 2), arbitrary: requestsFor(op) }))), async (request) =>
        send(byKey.get(request.operation) as Operation, request),
      ),
      { seed: SEED, numRuns: RUNS },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.info(
      `fuzz: seed ${SEED}, ${stats.requests} requests over ${operations.length} operations in ${seconds} s; statuses ${JSON.stringify(Object.fromEntries(stats.byStatus))}; ` +
        `${[...stats.byRule.values()].reduce((a, b) => a + b, 0)} requests with a fixed answer across ${stats.byRule.size} rules`,
    );
    expect(stats.requests).toBeGreaterThanOrEqual(RUNS);
    expect(operations.filter((op) => !stats.byOperation.has(op.key)).map((op) => op.key)).toEqual([]);
    const ruleNames = [...stats.byRule.keys()];
    expect(RULE_FAMILIES.filter((family) => !ruleNames.some((name) => name.startsWith(family)))).toEqual([]);
  });

  it('documents 400 on every operation that takes input, since hostile input can reach any of them', () => {
    const taking = operations.filter((op) => op.params.length + op.query.length > 0 || op.body !== undefined);
    expect(taking.filter((op) => !op.statuses.has(400)).map((op) => op.key)).toEqual([]);
  });

  it('leaves books that pass the integrity check', () => {
    expect(memoryIntegrity(t.ports.database, t.config.setup.economics.user.maximumDebtAllowed)).toEqual([]);
  });

  it('stored no live markup and no hostile characters in any user or market text', () => {
    // eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
    const anywhere = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]/u;
    const offending = storedTexts(t.ports.database).filter(({ text, singleLine }) => {
      const decoded = decodeHTML(text);
      return /<\s*\/?\s*(script|iframe)/i.test(decoded) || anywhere.test(decoded) || (singleLine && /[\t\n\r]/.test(text));
    });
    expect(offending).toEqual([]);
  });
});
