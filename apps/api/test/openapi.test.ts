// The OpenAPI document served at /openapi.json (API-2): valid OpenAPI 3.1, every operation documented with a
// plain-language summary, a description and examples that fit their schemas, shared shapes referenced instead of
// repeated, and an introduction whose reason table matches the HTTP error mapper.
import { Validator } from '@seriousme/openapi-schema-validator';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mappedUseCaseCodes } from '../src/openapi-introduction.ts';
import { COMPONENT_SCHEMAS } from '../src/schemas/components.schema.ts';
import { REASONS } from '../src/schemas/error.schema.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

/** Measured 135 758 bytes once the shapes were shared (407 246 before), 178 861 with the description amendment routes about 200 000 with the user-governance, proposal-review and tag routes 237 050 with the eleven market-group routes and 264 974 with the site content and sharing routes; the bound catches a shape inlined instead of shared, not growth route by route. */
const MAX_DOCUMENT_BYTES = 290_000;

interface Media {
  schema?: { $ref?: string };
  example?: unknown;
}
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { description: string; content?: Record<string, Media> }>;
}
interface Document {
  openapi: string;
  info: { description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

let t: TestApp;
let body: string;
let document: Document;
beforeAll(async () => {
  t = await createTestApp();
  body = (await t.inject({ method: 'GET', url: '/openapi.json' })).body;
  document = JSON.parse(body) as Document;
});
afterAll(async () => t.close());

const operations = () =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );
const mediaOf = (content: Record<string, Media> | undefined) => Object.values(content ?? {});

describe('OpenAPI document (API-2)', () => {
  it('is valid OpenAPI 3.1 with every $ref resolving', async () => {
    const result = await new Validator().validate(document as unknown as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect([document.openapi, result.valid]).toEqual(['3.1.0', true]);
  });

  it('gives every operation a tag, a plain-language summary and a description', () => {
    const undocumented = operations().filter(
      ({ operation }) => !operation.summary || !operation.description || (operation.tags ?? []).length === 0,
    );
    expect(undocumented.map(({ name }) => name)).toEqual([]);
    const internalIds = operations().filter(({ operation }) => /T1-\d|\([A-Z]+-\d/.test(operation.summary ?? ''));
    expect(internalIds.map(({ name }) => name)).toEqual([]);
  });

  it('gives every request body and every success body an example', () => {
    const missing = operations().flatMap(({ name, operation }) => {
      const bodies = operation.requestBody === undefined ? [] : [{ at: 'request', media: mediaOf(operation.requestBody.content) }];
      const successes = Object.entries(operation.responses)
        .filter(([status, response]) => status.startsWith('2') && response.content !== undefined)
        .map(([status, response]) => ({ at: status, media: mediaOf(response.content) }));
      return [...bodies, ...successes].filter(({ media }) => media.some((entry) => entry.example === undefined)).map(({ at }) => `${name} ${at}`);
    });
    expect(missing).toEqual([]);
    const withoutAny = operations().filter(({ operation }) =>
      [operation.requestBody?.content, ...Object.values(operation.responses).map((response) => response.content)].every((content) =>
        mediaOf(content).every((entry) => entry.example === undefined),
      ),
    );
    expect(withoutAny.map(({ name }) => name)).toEqual([]);
  });

  it('has examples that fit the route schemas', () => {
    const misfits = t.server.routeTable.entries.flatMap((entry) => {
      const schemas = [['body', entry.body] as const, ...Object.entries(entry.responses)];
      return schemas.flatMap(([at, schema]) => {
        const examples = (schema as { examples?: unknown[] } | undefined)?.examples ?? [];
        return examples
          .filter((example) => !Value.Check(schema as TSchema, COMPONENT_SCHEMAS, example))
          .map(() => `${entry.method} ${entry.url} ${at}`);
      });
    });
    expect(misfits).toEqual([]);
  });

  it('lists the shared shapes once and references them', () => {
    expect(Object.keys(document.components.schemas).sort()).toEqual(COMPONENT_SCHEMAS.map((schema) => schema.$id).sort());
    const errorRefs = operations().flatMap(({ operation }) =>
      Object.entries(operation.responses).filter(([status]) => /^(4\d\d|500)$/.test(status)).flatMap(([, response]) => mediaOf(response.content)),
    );
    expect(errorRefs.length).toBeGreaterThan(100);
    expect(errorRefs.every((media) => media.schema?.$ref === '#/components/schemas/ErrorBody')).toBe(true);
  });

  it(`stays below ${MAX_DOCUMENT_BYTES} bytes`, () => {
    expect(Buffer.byteLength(body)).toBeLessThan(MAX_DOCUMENT_BYTES);
  });
});

describe('OpenAPI introduction', () => {
  it('covers authentication, envelopes, rate limits and idempotency', () => {
    for (const topic of ['## Authentication', 'POST /v0/login', 'PASSWORD_CHANGE_REQUIRED', '"ok": true', 'Retry-After', 'Idempotency-Key']) {
      expect(document.info.description).toContain(topic);
    }
  });

  it('has one reason-table row per reason, with every status and use-case code the error mapper gives it', () => {
    const rows = new Map(
      [...document.info.description.matchAll(/^\| `([A-Z_]+)` \| ([\d, ]+) \| .* \| (.*) \|$/gm)].map((match) => [match[1], match]),
    );
    expect([...rows.keys()]).toEqual([...REASONS]);
    for (const { code, status, reason } of mappedUseCaseCodes()) {
      const row = rows.get(reason);
      expect(row?.[2]?.split(', ').map(Number), `${code} → ${reason}`).toContain(status);
      expect(row?.[3], `${code} → ${reason}`).toContain(`\`${code}\``);
    }
  });

  it('names the possible reasons on each error response', () => {
    const login = document.paths['/v0/login']?.post;
    expect(login?.responses['401']?.description).toBe('Failure: `INVALID_TOKEN`, `AUTHORIZATION_DENIED`.');
    expect(login?.responses['429']?.description).toContain('`LOGIN_RATE_LIMITED`');
  });
});
