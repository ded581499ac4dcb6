/**
 * Request bodies are capped before they are read, on every route (NextAuth's included):
 * a declared length over the route's limit is answered 413 at once, and a streamed
 * (chunked) body is counted as it arrives and cut with 413 once it goes over. Nothing
 * over the limit is buffered: the counter sits where Node's HTTP parser hands body
 * bytes to the request stream, before Next or a route handler reads them.
 */
import type http from 'node:http';
import { AppError } from '@/lib/errors/app-error';

const KiB = 1024;
const MiB = 1024 * KiB;

export interface BodyLimit {
  /** Upper-case HTTP method, or undefined for any. */
  method?: string;
  /** Matches the path (without query string). */
  path: RegExp;
  bytes: number;
  /** For the log and the docs. */
  name: string;
}

/** First match wins; the last entry is the default. */
export const BODY_LIMITS: readonly BodyLimit[] = [
  { name: 'DOCX import', method: 'POST', path: /^\/api\/drafts\/import(\/preview)?\/?$/, bytes: 11 * MiB },
  { name: 'sign-in and session (NextAuth)', path: /^\/api\/auth(\/|$)/, bytes: 64 * KiB },
  { name: 'JSON API', path: /^\/api(\/|$)/, bytes: 1 * MiB },
  { name: 'pages and everything else', path: /^/, bytes: 1 * MiB },
];

/** The limit for a request (the default when nothing else matches). */
export function bodyLimitFor(method: string | undefined, pathname: string, limits: readonly BodyLimit[] = BODY_LIMITS): BodyLimit {
  const upper = (method ?? 'GET').toUpperCase();
  return limits.find((l) => (!l.method || l.method === upper) && l.path.test(pathname)) ?? limits[limits.length - 1];
}

function describe(bytes: number): string {
  return bytes >= MiB ? `${bytes / MiB} MiB` : `${bytes / KiB} KiB`;
}

/** How long a refused connection stays open, unread, so that the client reads the 413 before the connection is cut. */
const LINGER_MS = 2000;

/**
 * Answer 413 and close the connection without reading the rest of the body. The
 * response is complete (Content-Length) at once; the socket is destroyed after a short
 * linger rather than at once, because closing a socket with unread data sends a reset
 * that can make the client lose the answer. While lingering nothing is read (backpressure).
 * Whatever else later tries to answer the request (Next, still reading the body) is ignored.
 */
function refuse(req: http.IncomingMessage, res: http.ServerResponse, limit: BodyLimit): void {
  const error = new AppError('payload_too_large', {
    message: `The request body is larger than ${describe(limit.bytes)}, the limit for ${limit.name}. Send a smaller body.`,
  });
  const body = JSON.stringify(error.toBody());
  res.writeHead(413, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.write(body);
  sealResponse(res);
  const socket = req.socket;
  // A reader still waiting for the body (Next, for a streamed one) gets the 413 as its error.
  const cut = setTimeout(() => (req.complete ? socket.destroy() : req.destroy(error)), LINGER_MS);
  cut.unref();
  socket.once('close', () => clearTimeout(cut));
}

/** Make later attempts to answer a response no-ops (the answer has been written already). */
function sealResponse(res: http.ServerResponse): void {
  const self = () => res;
  const done = (...args: unknown[]) => {
    const callback = args.find((a): a is () => void => typeof a === 'function');
    if (callback) queueMicrotask(callback);
    return res;
  };
  Object.assign(res, {
    writeHead: self,
    setHeader: self,
    appendHeader: self,
    removeHeader: () => undefined,
    flushHeaders: () => undefined,
    write: (...args: unknown[]) => (done(...args), true),
    end: done,
  });
}

/**
 * Enforce the route's body limit. Returns false when the request was refused already
 * (its declared length is over the limit): the caller must not handle it further.
 */
export function enforceBodyLimit(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
  onRefused: (limit: BodyLimit, bytes: number) => void,
  limits: readonly BodyLimit[] = BODY_LIMITS,
): boolean {
  const limit = bodyLimitFor(req.method, pathname, limits);
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit.bytes) {
    onRefused(limit, Number(declared));
    refuse(req, res, limit);
    return false;
  }
  // Streamed bodies: count bytes where the HTTP parser pushes them into the request.
  let received = 0;
  let refused = false;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
    if (refused) return false;
    if (chunk !== null && chunk !== undefined) {
      received += (chunk as Buffer).length;
      if (received > limit.bytes) {
        refused = true;
        onRefused(limit, received);
        if (!res.headersSent) refuse(req, res, limit);
        else req.socket.destroy();
        // false stops the parser reading the socket: the rest of the body stays unread.
        return false;
      }
    }
    return push(chunk, encoding);
  };
  return true;
}
