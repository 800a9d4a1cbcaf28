// Security headers of docs/api.md#security-headers on every response, errors and 404s included (SEC-6). Helmet emits most of
// them; the onSend hook adds the two helmet does not emit as specified and relaxes the CSP for the docs UI only.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { SecurityConfig } from '@socialpredict/config';
import { nonEncapsulated } from './non-encapsulated.ts';

const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), gyroscope=(), magnetometer=(), usb=()';

export const DOCS_PREFIX = '/docs';

export const securityHeadersPlugin = nonEncapsulated(
  'security-headers',
  async (app: FastifyInstance, opts: { config: SecurityConfig }) => {
    const { frameAncestors, hsts } = opts.config;
    await app.register(helmet, {
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
    });

    const docsPolicy = [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: https:",
      "connect-src 'self'",
      "worker-src 'self' blob:",
      `frame-ancestors ${frameAncestors}`,
    ].join('; ');

    app.addHook('onSend', async (request, reply, payload) => {
      // Helmet only knows the value 0 for this legacy header; the contract asks for the blocking mode.
      reply.header('x-xss-protection', '1; mode=block');
      reply.header('permissions-policy', PERMISSIONS_POLICY);
      if (request.url === DOCS_PREFIX || request.url.startsWith(`${DOCS_PREFIX}/`)) {
        reply.header('content-security-policy', docsPolicy);
      }
      return payload;
    });
  },
);
