// Security headers of docs/api.md#security-headers on every response, errors and 404s included (SEC-6). helmet's options
// below are the one source: `securityHeaders` runs helmet once against a collector and the onRequest hook puts that
// set on every reply through Fastify's own headers, so Node writes them with the status line without a setHeader call
// each (docs/performance.md#security-headers-once). The docs UI gets a relaxed CSP, and only while the docs are served.
// Responses written before Fastify has a reply (Node's HTTP parser errors, see server.ts) get the same set.
import helmetPlugin, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { SecurityConfig } from '@socialpredict/config';
import { nonEncapsulated } from './non-encapsulated.ts';

const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), gyroscope=(), magnetometer=(), usb=()';
/** Helmet only knows the value 0 for this legacy header; the contract asks for the blocking mode. */
const XSS_PROTECTION = '1; mode=block';

export const DOCS_PREFIX = '/docs';

function helmetOptions(config: SecurityConfig): FastifyHelmetOptions {
  const { frameAncestors, hsts } = config;
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        mediaSrc: ["'self'"],
        frameSrc: ["'none'"],
        workerSrc: ["'none'"],
        childSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: frameAncestors.split(/\s+/),
        upgradeInsecureRequests: [],
      },
    },
    crossOriginEmbedderPolicy: { policy: 'require-corp' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // X-Frame-Options can only say DENY; it would contradict a frame-ancestors list that allows framing.
    xFrameOptions: frameAncestors === "'none'" ? { action: 'deny' } : false,
    strictTransportSecurity: hsts.enabled
      ? { maxAge: hsts.maxAgeSeconds, includeSubDomains: hsts.includeSubDomains, preload: hsts.preload }
      : false,
    xPermittedCrossDomainPolicies: { permittedPolicies: 'none' },
    xXssProtection: false,
  };
}

/** The headers every response carries: what helmet sets with these options, plus the two it does not emit as specified. */
export function securityHeaders(config: SecurityConfig): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  // The plugin's option type comes from helmet's CommonJS typings, this import from its ES module typings: the same
  // shape, declared twice.
  const options = helmetOptions(config) as Parameters<typeof helmet>[0];
  helmet(options)({} as never, collector as never, () => undefined);
  return { ...headers, 'x-xss-protection': XSS_PROTECTION, 'permissions-policy': PERMISSIONS_POLICY };
}

function isDocsPath(url: string): boolean {
  if (!url.startsWith(DOCS_PREFIX)) return false;
  const next = url.charAt(DOCS_PREFIX.length);
  return next === '' || next === '/' || next === '?';
}

export const securityHeadersPlugin = nonEncapsulated(
  'security-headers',
  async (app: FastifyInstance, opts: { config: SecurityConfig; docsEnabled: boolean }) => {
    // Registered without its global hook: the set below already carries its headers. It still gives routes that need
    // different ones its route `helmet` option and reply.helmet(), with these options as their defaults.
    await app.register(helmetPlugin, { ...helmetOptions(opts.config), global: false });

    const headers = securityHeaders(opts.config);
    const docsPolicy = [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: https:",
      "connect-src 'self'",
      "worker-src 'self' blob:",
      `frame-ancestors ${opts.config.frameAncestors}`,
    ].join('; ');
    const docsHeaders = { ...headers, 'content-security-policy': docsPolicy };

    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(opts.docsEnabled && isDocsPath(request.url) ? docsHeaders : headers);
      done();
    });
  },
);
