// fast-check arbitraries read off the generated OpenAPI document (API-2): each operation's path parameters, query and
// JSON body schema become generators of well-shaped values, so a route added to the API is fuzzed without editing the
// suite. Field-name hints supply values a schema cannot express (existing ids, known users, future dates).
import fc from 'fast-check';

/** The subset of JSON Schema the TypeBox request schemas emit (literal unions, as in the error body, are anyOf). */
export interface JsonSchema {
  type?: string;
  enum?: readonly unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: JsonSchema;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean;
  anyOf?: readonly JsonSchema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** `METHOD /path/{param}` as in the document */
  key: string;
  method: 'GET' | 'POST';
  path: string;
  params: Parameter[];
  query: Parameter[];
  body: JsonSchema | undefined;
  secured: boolean;
  /** every status the operation documents */
  statuses: Set<number>;
  /** the reasons its documented error bodies allow */
  reasons: Set<string>;
}

interface OpenApiOperation {
  parameters?: (Parameter & { in: string })[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
  responses: Record<string, { description?: string; content?: Record<string, { schema: JsonSchema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const parameters = operation.parameters ?? [];
      const reasons = new Set<string>();
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        // Error bodies share one component; the reasons a status can carry are listed in its description.
        for (const [, reason] of (response.description ?? '').matchAll(/`([A-Z_]+)`/g)) reasons.add(reason as string);
      }
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase() as 'GET' | 'POST',
        path,
        params: parameters.filter((parameter): parameter is Parameter => parameter.in === 'path'),
        query: parameters.filter((parameter): parameter is Parameter => parameter.in === 'query'),
        body: operation.requestBody?.content['application/json']?.schema,
        secured: (operation.security ?? []).length > 0,
        statuses: new Set(Object.keys(operation.responses).map(Number)),
        reasons,
      };
    }),
  );
}

/** A generator for the field `name`, or undefined to fall back on its schema. */
export type Hints = (name: string, schema: JsonSchema) => fc.Arbitrary<unknown> | undefined;

/** Values the schema accepts, or the hint's values for the fields it knows. */
export function arbitraryOf(schema: JsonSchema, hints: Hints, name = ''): fc.Arbitrary<unknown> {
  const hinted = hints(name, schema);
  if (hinted !== undefined) return hinted;
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.anyOf !== undefined) return fc.oneof(...schema.anyOf.map((option) => arbitraryOf(option, hints, name)));
  switch (schema.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integerOf(schema);
    case 'array': {
      const items = arbitraryOf(schema.items ?? {}, hints, `${name}[]`);
      const constraints = { maxLength: schema.maxItems ?? 5 };
      return schema.uniqueItems === true ? fc.uniqueArray(items, { ...constraints, selector: (item) => JSON.stringify(item) }) : fc.array(items, constraints);
    }
    case 'object':
      return objectOf(schema, hints);
    default:
      return stringOf(schema);
  }
}

function integerOf(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? Number.MIN_SAFE_INTEGER;
  const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
  // Mostly small values, where the business rules are; the bounds themselves now and then.
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: Math.max(min, -50), max: Math.min(max, Math.max(min, -50) + 200) }) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
    { weight: 1, arbitrary: fc.integer({ min, max }) },
  );
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const maxLength = schema.maxLength ?? 40;
  const minLength = schema.minLength ?? 0;
  if (schema.pattern !== undefined) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length >= minLength && text.length <= maxLength);
  }
  return fc.string({ minLength, maxLength: Math.min(maxLength, minLength + 40), unit: 'grapheme' });
}

function objectOf(schema: JsonSchema, hints: Hints): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const model = Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, arbitraryOf(property, hints, key)]));
  return fc.record(model, { requiredKeys: [...(schema.required ?? [])] as string[] });
}
