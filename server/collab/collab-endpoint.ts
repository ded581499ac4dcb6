/**
 * The Yjs websocket endpoint at `/yjs/<draftId>`: standard y-websocket protocol, so
 * the stock `WebsocketProvider` connects unmodified. Authentication happens on the
 * HTTP upgrade (no Yjs byte is sent to a refused client); every message is then
 * decoded and checked by the draft's room. A bad message closes only its sender.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { ERROR_CODES, isAppError } from '@/lib/errors/app-error';
import { CLOSE_CODES } from '@/lib/errors/close-codes';
import type { DraftRoom, RoomConnection } from './draft-room';
import { decodeMessage, ProtocolError } from './protocol';
import type { RoomRegistry } from './room-registry';
import { ConnectionLimiter, type RateLimitConfig } from './limits';
import { TOO_MANY_PENDING_MESSAGE, tooManyYjsReason, type ConnectionLimits, type Release } from './connection-limits';
import type { UpgradeDecision } from './upgrade-auth';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};
const STATUS_CODE: Record<number, string> = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 429: 'rate_limited', 503: 'unavailable' };

/** Answer an upgrade with a plain HTTP error and close the socket (no websocket is created). */
export function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: { code: STATUS_CODE[status] ?? 'bad_request', message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

export interface CollabEndpointOptions {
  logger: Logger;
  registry: RoomRegistry;
  maxPayload: number;
  decide(req: IncomingMessage): Promise<UpgradeDecision>;
  colorOf(delegation: string | null): string;
  heartbeatMs?: number;
  rateLimit: RateLimitConfig;
  /** Counts refused messages by close code. */
  onRefused?: (code: number) => void;
  /** Bounds on pending upgrades per address and open connections per person. */
  limits?: ConnectionLimits;
}

interface LiveConnection extends RoomConnection {
  ws: WebSocket;
  alive: boolean;
  sessionId: string;
}

export class CollabEndpoint {
  private readonly wss: WebSocketServer;
  private readonly live = new Set<LiveConnection>();
  private nextId = 1;
  private readonly heartbeat: NodeJS.Timeout;
  private accepting = true;

  constructor(private readonly options: CollabEndpointOptions) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload, perMessageDeflate: false });
    this.heartbeat = setInterval(() => this.checkHeartbeats(), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  get connectionCount(): number {
    return this.live.size;
  }

  /** Handle an HTTP upgrade whose path starts with /yjs/. */
  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    if (!this.accepting) return rejectUpgrade(socket, 503, 'The server is shutting down; reconnect in a moment.');
    const { limits } = this.options;
    const address = limits?.addressOf(req) ?? '';
    const endPending = limits ? limits.beginPending(address) : () => undefined;
    if (!endPending) {
      this.options.onRefused?.(CLOSE_CODES.rateLimited);
      this.options.logger.warn({ address }, 'refused yjs upgrade: too many pending from one address');
      return rejectUpgrade(socket, 429, TOO_MANY_PENDING_MESSAGE);
    }
    let decision: UpgradeDecision;
    try {
      decision = await this.options.decide(req);
    } catch (err) {
      this.options.logger.error({ err }, 'upgrade authentication failed');
      return rejectUpgrade(socket, 503, 'The server could not check your access right now; retrying may help.');
    } finally {
      endPending();
    }
    if (!decision.ok) {
      this.options.logger.info({ status: decision.status, path: req.url?.split('?')[0] }, 'refused yjs upgrade');
      return rejectUpgrade(socket, decision.status, decision.message);
    }
    const slot = limits ? limits.reserveYjs(decision.identity.userId) : () => undefined;
    if (!slot) return this.refuseOverLimit(req, socket, head, decision.identity.userId);
    let room: DraftRoom;
    try {
      room = await this.options.registry.acquire(decision.draftId);
    } catch (err) {
      slot();
      this.options.logger.error({ err, draftId: decision.draftId }, 'could not load draft for a connection');
      return rejectUpgrade(socket, 503, 'The draft could not be loaded; retrying may help.');
    }
    if (socket.destroyed) {
      slot();
      this.options.registry.release(room);
      return;
    }
    // Also when the handshake itself fails (ws then never calls back); the release is idempotent.
    socket.once('close', slot);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, room, decision, slot));
  }

  /**
   * A person at the bound of open connections: accept the upgrade only to close it with
   * 4429 and a reason, which a browser can read (it never sees an HTTP status of a refused upgrade).
   */
  private refuseOverLimit(req: IncomingMessage, socket: Duplex, head: Buffer, userId: string): void {
    const max = this.options.limits?.maxYjsPerUser ?? 0;
    this.options.onRefused?.(CLOSE_CODES.rateLimited);
    this.options.logger.warn({ userId, max }, 'refused yjs connection: too many open for one person');
    if (socket.destroyed) return;
    this.wss.handleUpgrade(req, socket, head, (ws) => ws.close(CLOSE_CODES.rateLimited, tooManyYjsReason(max)));
  }

  private onConnection(ws: WebSocket, room: DraftRoom, decision: Extract<UpgradeDecision, { ok: true }>, slot: Release): void {
    const { identity } = decision;
    // ws closes oversize messages with 1009; the contract says 4413, so translate that one code.
    const close = ws.close.bind(ws);
    ws.close = ((code?: number, reason?: string | Buffer) =>
      code === 1009 ? close(CLOSE_CODES.tooLarge, 'Message too large') : close(code, reason)) as typeof ws.close;

    const conn: LiveConnection = {
      id: this.nextId++,
      ws,
      alive: true,
      sessionId: decision.sessionId,
      identity,
      access: decision.access,
      awarenessUser: {
        userId: identity.userId,
        name: `${identity.delegation ?? (identity.role === 'secretariat' ? 'Secretariat' : 'Observer')} · ${identity.name}`,
        color: this.options.colorOf(identity.delegation),
        delegation: identity.delegation,
        role: identity.role,
      },
      ownClientId: null,
      send: (message) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(message, (err) => err && ws.terminate());
      },
      close: (code, reason) => {
        if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(code, reason);
      },
    };
    this.live.add(conn);
    const limiter = new ConnectionLimiter(this.options.rateLimit);
    const log = this.options.logger.child({ conn: conn.id, draftId: room.draftId, userId: identity.userId });
    log.debug({ access: conn.access, via: decision.via }, 'yjs connection opened');

    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (room.isBroken) return;
      if (!isBinary) {
        conn.close(CLOSE_CODES.badMessage, 'Expected binary y-websocket messages');
        return;
      }
      const bytes = toUint8Array(data);
      if (!limiter.allow(bytes.byteLength)) {
        this.options.onRefused?.(CLOSE_CODES.rateLimited);
        log.info('closing yjs connection: rate limit exceeded');
        conn.close(CLOSE_CODES.rateLimited, 'Too many messages; slow down and reconnect');
        return;
      }
      try {
        room.receive(conn, decodeMessage(bytes));
      } catch (err) {
        const { code, reason } = closeFor(err);
        this.options.onRefused?.(code);
        if (code === 1011) log.error({ err }, 'unexpected error handling a yjs message');
        else log.info({ code, reason }, 'closing yjs connection after a refused message');
        conn.close(code, reason);
      }
    });
    ws.on('error', (err) => log.debug({ err }, 'yjs socket error'));
    ws.on('close', () => {
      slot();
      this.live.delete(conn);
      room.leave(conn);
      this.options.registry.release(room);
    });
    room.join(conn);
  }

  private checkHeartbeats(): void {
    for (const conn of this.live) {
      if (!conn.alive) {
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }

  /** Close every connection of a user (rights changed): clients reconnect and are checked again. */
  closeConnectionsOf(userId: string, code: number = CLOSE_CODES.reauthorise, reason = 'Access changed; reconnect'): number {
    let n = 0;
    for (const conn of this.live) {
      if (conn.identity.userId === userId) {
        conn.close(code, reason);
        n += 1;
      }
    }
    return n;
  }

  /** Close every connection of one session (signed out): the client's next upgrade is refused. */
  closeConnectionsOfSession(sessionId: string, code: number = CLOSE_CODES.reauthorise, reason = 'Signed out; sign in again'): number {
    let n = 0;
    for (const conn of this.live) {
      if (conn.sessionId === sessionId) {
        conn.close(code, reason);
        n += 1;
      }
    }
    return n;
  }

  /** Stop accepting and close every connection with "going away" so clients reconnect elsewhere. */
  async shutdown(): Promise<void> {
    this.accepting = false;
    clearInterval(this.heartbeat);
    for (const conn of this.live) conn.close(CLOSE_CODES.goingAway, 'Server restarting; reconnect');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function closeFor(err: unknown): { code: number; reason: string } {
  if (err instanceof ProtocolError) return { code: CLOSE_CODES.badMessage, reason: truncate(err.message) };
  if (isAppError(err)) {
    const code = ERROR_CODES[err.code].close;
    return { code, reason: truncate(err.message) };
  }
  return { code: 1011, reason: 'Internal error' };
}

/** Close reasons are limited to 123 bytes. */
function truncate(reason: string): string {
  const buf = Buffer.from(reason);
  return buf.length <= 120
    ? reason
    : `${buf
        .subarray(0, 117)
        .toString('utf8')
        .replace(/\uFFFD$/, '')}...`;
}
