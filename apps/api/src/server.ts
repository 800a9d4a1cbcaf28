// Server construction with explicit limits and timeouts (SEC-11) and the graceful shutdown sequence of DEP-2.
import { STATUS_CODES } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import type { Logger } from 'pino';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { AppConfig, ServerConfig } from '@socialpredict/config';
import { buildApp, type AppDeps } from './app.ts';
import { HttpProblem } from './http-problem.ts';
import { sendProblem } from './plugins/error-handler.plugin.ts';
import { securityHeaders } from './plugins/security-headers.plugin.ts';
import { newRequestId, requestId, traceFields } from './request-id.ts';
import type { ErrorBodyType } from './schemas/error.schema.ts';

export function serverOptions(config: Pick<AppConfig, 'server' | 'security'>, logger: Logger | false): FastifyServerOptions {
  const headers = securityHeaders(config.security);
  return {
    loggerInstance: logger === false ? undefined : logger,
    logger: logger === false ? false : undefined,
    // One completion line per request comes from request-context.plugin.ts instead of Fastify's two lines.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'request_id' }),
    genReqId: requestId,
    requestIdHeader: false,
    childLoggerFactory: (parent, bindings, options, rawRequest) =>
      parent.child({ ...bindings, ...traceFields(rawRequest as Parameters<typeof traceFields>[0]) }, options),
    bodyLimit: config.server.bodyLimitBytes,
    connectionTimeout: config.server.connectionTimeoutMs,
    keepAliveTimeout: config.server.keepAliveTimeoutMs,
    requestTimeout: config.server.requestTimeoutMs,
    trustProxy: trustProxy(config.server.trustProxy),
    // Closing is answered by the load-shedding hook with the JSON error body instead.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { ignoreTrailingSlash: false, caseSensitive: true },
    // Requests rejected before routing (undecodable URL, bad content type header) run no hook, so the request id
    // and the security headers are set here with the JSON error body.
    frameworkErrors: (_error, request, reply) => {
      sendProblem(
        (reply as unknown as FastifyReply).headers(headers).header('x-request-id', request.id),
        new HttpProblem(400, 'INVALID_REQUEST', 'The request URL or headers are malformed.'),
      );
    },
    clientErrorHandler(error, socket) {
      answerClientError(error, socket, headers, (this as unknown as FastifyInstance).log);
    },
  };
}

/**
 * Node's HTTP parser rejects some requests before Fastify sees them (malformed request line, headers too large, bad
 * chunking, a request timeout): they still get the JSON error body, the security headers and a request id
 * (docs/api.md#validation, hostile input). The connection is closed afterwards, as Node itself does.
 */
function answerClientError(
  error: Error & { code?: string },
  socket: Socket,
  headers: Readonly<Record<string, string>>,
  log: Pick<Logger, 'debug'>,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const id = newRequestId();
  log.debug({ event: 'http.client_error', code: error.code, request_id: id }, 'request rejected by the HTTP parser');
  // Only a connection that has not started a response can take one without corrupting it.
  if (socket.writable && socket.bytesWritten === 0) {
    const message =
      status === 431 ? 'The request headers are too large.' : status === 408 ? 'The request took too long to arrive.' : 'The request is malformed.';
    const body = JSON.stringify({ ok: false, reason: 'INVALID_REQUEST', message } satisfies ErrorBodyType);
    const lines = [
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
      'content-type: application/json; charset=utf-8',
      `content-length: ${Buffer.byteLength(body)}`,
      'connection: close',
      `x-request-id: ${id}`,
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

/** docs/api.md#client-address: a hop count trusts that many proxies nearest to us; a list trusts those addresses. */
function trustProxy(setting: ServerConfig['trustProxy']): FastifyServerOptions['trustProxy'] {
  if (setting === false) return false;
  if (typeof setting === 'number') return (_address: string, hop: number) => hop < setting;
  return [...setting];
}

/** A ready application, not listening: `inject` in tests, `listen` in main. */
export async function createServer(deps: AppDeps, logger: Logger | false): Promise<FastifyInstance> {
  const server = Fastify(serverOptions(deps.config, logger));
  await server.register(buildApp(deps));
  await server.ready();
  return server as unknown as FastifyInstance;
}

export interface RunningServer {
  server: FastifyInstance;
  /** DEP-2: close readiness, drain, stop listening, hand keep-alive clients over, then destroy leftovers. */
  shutdown(): Promise<void>;
}

/**
 * How long, after the listener closed, a keep-alive connection may stay idle before it is closed. A busy client sends
 * its next request within this, receives `Connection: close` with the answer and moves on; only a quiet one has its
 * idle connection closed, where a client about to reuse it could be cut.
 */
const KEEP_ALIVE_HANDOVER_MS = 2000;

export async function listen(server: FastifyInstance, deps: Pick<AppDeps, 'config' | 'lifecycle'>): Promise<RunningServer> {
  const { config, lifecycle } = deps;
  await server.listen({ port: config.server.port, host: config.server.host });
  // Slow-loris guard: headers must arrive within the request timeout too.
  server.server.headersTimeout = Math.min(config.server.requestTimeoutMs, server.server.headersTimeout || Infinity);
  lifecycle.markReady();
  server.log.info({ event: 'readiness.opened', port: config.server.port }, 'ready to serve');

  const shutdown = async () => {
    lifecycle.beginDrain();
    server.log.info({ event: 'readiness.closed' }, 'draining before shutdown');
    await sleep(config.server.readinessDrainSeconds * 1000);
    // From here every answer says `Connection: close` (load-shedding plugin).
    lifecycle.beginClose();
    const force = setTimeout(() => server.server.closeAllConnections(), config.server.shutdownTimeoutSeconds * 1000);
    force.unref();
    // Stop listening first, so a cluster primary hands new connections to the other workers. net.Server's own close,
    // because http.Server.close would also cut every idle keep-alive connection at once, racing the clients' next
    // requests on them; resolves once every connection has ended.
    const connectionsEnded = new Promise<void>((resolve) => NetServer.prototype.close.call(server.server, () => resolve()));
    await Promise.race([connectionsEnded, sleep(Math.min(KEEP_ALIVE_HANDOVER_MS, config.server.shutdownTimeoutSeconds * 1000))]);
    // Closes the idle connections left, waits for the busy ones, and runs the app's close hooks.
    await server.close();
    clearTimeout(force);
  };
  return { server, shutdown };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
