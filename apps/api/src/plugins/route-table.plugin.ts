// Records every route as it is registered. The not-found handler uses it to tell an unknown path (404) from a known
// path asked with the wrong method (405 + Allow, docs/api.md#router-behaviour); the OpenAPI parity test reads it too.
import type { FastifyInstance } from 'fastify';
import { nonEncapsulated } from './non-encapsulated.ts';

export interface RouteEntry {
  method: string;
  url: string;
  hidden: boolean;
  /** the declared response schema per status, for contract tests */
  responses: Readonly<Record<string, unknown>>;
  /** the declared body schema, for the OpenAPI example checks */
  body: unknown;
}

export interface RouteTable {
  readonly entries: readonly RouteEntry[];
  /** Methods registered for any route pattern matching a concrete path, in a stable order. */
  allowedMethods(path: string): string[];
  /** The route a concrete request would reach, literal segments first (as the router decides). */
  match(method: string, path: string): RouteEntry | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteTable;
  }
}

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export const routeTablePlugin = nonEncapsulated('route-table', async (app: FastifyInstance) => {
  const entries: RouteEntry[] = [];
  const patterns: { method: string; pattern: RegExp; entry: RouteEntry }[] = [];

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const entry = {
        method,
        url: route.url,
        hidden: route.schema?.hide === true,
        responses: (route.schema?.response ?? {}) as Record<string, unknown>,
        body: route.schema?.body,
      };
      entries.push(entry);
      // The CORS preflight catch-all would make every path "known"; OPTIONS is answered by CORS anyway.
      if (method !== 'OPTIONS') patterns.push({ method, pattern: toPattern(route.url), entry });
    }
  });

  app.decorate('routeTable', {
    entries,
    allowedMethods(path: string): string[] {
      const found = new Set(patterns.filter((entry) => entry.pattern.test(path)).map((entry) => entry.method));
      return METHOD_ORDER.filter((method) => found.has(method));
    },
    match(method: string, path: string): RouteEntry | undefined {
      const candidates = patterns.filter((entry) => entry.method === method && entry.pattern.test(path));
      // Fewer parameters = more literal segments = the route the router prefers.
      const params = (url: string) => url.split('/').filter((segment) => segment.startsWith(':')).length;
      return candidates.sort((a, b) => params(a.entry.url) - params(b.entry.url))[0]?.entry;
    },
  });
});

function toPattern(url: string): RegExp {
  const body = url
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${body}$`);
}
