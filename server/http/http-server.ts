/**
 * Accord's one HTTP server: every request gets a request id, the security headers and
 * the client's address; liveness is answered here; everything else goes to Next. It
 * also tracks every TCP connection (HTTP and websockets) so that a shutdown can cut
 * the ones still open when its grace period is over.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { CLIENT_ADDRESS_HEADER } from '../auth/auth-options';
import { clientAddress } from './client-address';
import { redactUrl } from '../logger';
import { hideMetrics } from '../observability/metrics-access';
import { bodyLimitFor, enforceBodyLimit } from './body-limits';
import { securityHeaders } from './security-headers';

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

export interface HttpServerOptions {
  logger: Logger;
  /** Take the client's address from X-Forwarded-For (only behind a trusted proxy). */
  /** How many trusted proxies append to X-Forwarded-For (0: use the peer address). */
  trustedHops: number;
  /** Served over HTTPS: adds HSTS. */
  https: boolean;
  /** True once the server accepts work; /api/health answers 503 until then and during shutdown. */
  isReady(): boolean;
  /** Next's request handler. */
  handle: RequestHandler;
  /** Without a token, production serves /metrics only to direct local requests (see metrics-access.ts). */
  metrics: { production: boolean; token?: string };
}

export interface AccordHttpServer {
  server: http.Server;
  /** TCP connections open now (HTTP, Yjs and socket.io websockets). */
  openConnections(): number;
  /** Listen and resolve with the port (useful with port 0). */
  listen(port: number, host: string): Promise<number>;
  /** Stop keeping connections alive: answers carry `Connection: close`, idle keep-alive connections are closed. */
  beginShutdown(): void;
  /** After `seconds`, destroy every connection still open (until `close` finishes). */
  armGrace(seconds: number): void;
  /** Close the server and every connection; resolves when it is closed. */
  close(): Promise<void>;
}

function isHealthProbe(req: http.IncomingMessage): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && (req.url === '/api/health' || (req.url?.startsWith('/api/health?') ?? false));
}

function createRequestHandler(options: HttpServerOptions, isShuttingDown: () => boolean) {
  const { logger, handle } = options;
  const headers = securityHeaders(options.https);
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    // A request id for correlating logs: the proxy's when it sends one, else ours.
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
    res.setHeader('x-request-id', requestId);
    for (const [name, value] of headers) res.setHeader(name, value);
    // The client's address for login throttling: the proxy's X-Forwarded-For only when trusted.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, { trustedHops: options.trustedHops });
    // Liveness is answered here, not by Next: probes come every few seconds from load
    // balancers and need no session, page or framework work (and must not queue behind it).
    if (isHealthProbe(req)) {
      const ready = options.isReady();
      const body = JSON.stringify({ ok: ready });
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    if (hideMetrics(req, redactUrl(req.url), options.metrics)) {
      const body = JSON.stringify({ error: { code: 'not_found', message: 'There is no page at this address.' } });
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    // Bodies over the route's limit are refused before anything reads them.
    const refused = (limit: { name: string; bytes: number }, bytes: number) =>
      logger.warn({ requestId, method: req.method, path: redactUrl(req.url), limit: limit.bytes, bytes }, 'request body over the limit: 413');
    if (!enforceBodyLimit(req, res, redactUrl(req.url), refused)) return;
    // While shutting down, no connection is kept for another request.
    if (isShuttingDown()) res.setHeader('connection', 'close');
    const started = performance.now();
    res.on('finish', () => {
      const path = redactUrl(req.url);
      if (path.startsWith('/_next/static')) return;
      logger.info({ requestId, method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'http');
    });
    handle(req, res).catch((err: unknown) => {
      logger.error({ err, requestId, path: redactUrl(req.url) }, 'request failed');
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      }
    });
  };
}

export function createHttpServer(options: HttpServerOptions): AccordHttpServer {
  const { logger } = options;
  let shuttingDown = false;
  const handler = createRequestHandler(options, () => shuttingDown);
  const server = http.createServer(handler);
  // "Expect: 100-continue": the client waits for our go-ahead before sending the body, so
  // a body over the limit is refused before a byte of it is sent.
  server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared <= bodyLimitFor(req.method, redactUrl(req.url)).bytes) res.writeContinue();
    handler(req, res);
  });
  const openSockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    openSockets.add(socket);
    socket.once('close', () => openSockets.delete(socket));
  });
  // Idle keep-alive connections stay open longer than a proxy's or client's own idle
  // timeout (60 s is common): otherwise the server may close one just as a request is
  // sent on it, and that request fails with "socket hang up".
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  let idleSweep: NodeJS.Timeout | undefined;
  let graceOver: NodeJS.Timeout | undefined;
  return {
    server,
    openConnections: () => openSockets.size,
    async listen(port, host) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.address();
      return typeof address === 'object' && address ? address.port : port;
    },
    beginShutdown() {
      shuttingDown = true;
      // Keep-alive connections that go idle during the shutdown (a request was in flight)
      // would otherwise hold the HTTP server open for keepAliveTimeout.
      idleSweep = setInterval(() => server.closeIdleConnections(), 250);
      idleSweep.unref();
    },
    armGrace(seconds) {
      // A peer that never answers a close frame, or a connection that never sent a whole
      // request, would otherwise hold the exit.
      graceOver = setTimeout(() => {
        if (openSockets.size === 0) return;
        logger.warn({ connections: openSockets.size, graceSeconds: seconds }, 'shutdown grace period over: closing the remaining connections');
        for (const socket of openSockets) socket.destroy();
      }, seconds * 1000);
      graceOver.unref();
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      clearInterval(idleSweep);
      clearTimeout(graceOver);
    },
  };
}
