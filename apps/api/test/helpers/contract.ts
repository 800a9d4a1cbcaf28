// Checks a response body against the TypeBox schema its route declares for that status (API-3 golden shapes).
import { expect } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { COMPONENT_SCHEMAS } from '../../src/schemas/components.schema.ts';

export function expectContract(server: FastifyInstance, method: string, url: string, response: LightMyRequestResponse): void {
  const path = url.split('?')[0] ?? url;
  const route = server.routeTable.match(method, path);
  expect(route, `no route for ${method} ${path}`).toBeDefined();
  const schema = route?.responses[String(response.statusCode)] as TSchema | undefined;
  expect(schema, `${method} ${route?.url} declares no schema for ${response.statusCode}`).toBeDefined();
  if (schema === undefined || response.statusCode === 204) return;
  const body: unknown = response.headers['content-type']?.toString().startsWith('application/json') ? response.json() : response.body;
  const errors = [...Value.Errors(schema, COMPONENT_SCHEMAS, body)].map((error) => `${error.path}: ${error.message}`);
  expect(errors, `${method} ${url} → ${response.statusCode}`).toEqual([]);
  // fast-json-stringify drops unknown keys, so also make sure nothing declared as required was lost.
  expect(Value.Check(schema, COMPONENT_SCHEMAS, body)).toBe(true);
  // SEC-9: only createuser's one-time password may leave the server.
  if (route?.url !== '/v0/admin/createuser') expect(secretKeys(body), `${method} ${url}`).toEqual([]);
}

function secretKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(secretKeys);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(/password|hash|token/i.test(key) && key !== 'mustChangePassword' && key !== 'token' ? [key] : []),
    ...secretKeys(child),
  ]);
}
