/**
 * socket.io for live decisions and presence. Sockets are authenticated at the
 * handshake with the NextAuth session cookie; a socket joins a draft's room only
 * after the server checked it may read the draft. Every payload is parsed with zod.
 */
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import type { PresenceUser } from '@/lib/domain/identity';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { commentTeam } from '@/lib/comments/comment-visibility';
import {
  draftRoom,
  joinDraftSchema,
  notificationsSubscribeSchema,
  notifyRoom,
  teamRoom,
  leaveDraftSchema,
  type ClientToServerEvents,
  type PresencePayload,
  type RealtimeErrorPayload,
  type ServerToClientEvents,
} from '@/lib/realtime/events';
import type { SessionResolver } from '../auth/request-identity';
import { TokenBucket } from '../collab/limits';
import { tooManySocketsMessage, type ConnectionLimits } from '../collab/connection-limits';
import type { DraftStore } from '../drafts/draft-store';
import type { StoredIdentity } from '../users/user-store';

interface SocketData {
  identity: StoredIdentity;
  /** The session the socket was opened with: signing it out disconnects the socket. */
  sessionId: string;
  presence: PresenceUser;
}

export type AccordIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type AccordSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketServerOptions {
  logger: Logger;
  sessions: SessionResolver;
  drafts: DraftStore;
  colorOf(delegation: string | null): string;
  /** Events per second one socket may send (bursts of 3×). */
  eventsPerSecond?: number;
  /** Whether a browser origin may connect (cross-site protection). */
  allowOrigin(origin: string | undefined, host: string | undefined): boolean;
  /** The socket.io Redis adapter when several instances serve the same drafts. */
  adapter?: Parameters<AccordIo['adapter']>[0];
  /** The bound on open sockets per person. */
  limits?: ConnectionLimits;
}

function toErrorPayload(err: unknown, event: string): RealtimeErrorPayload {
  if (isAppError(err)) return { code: err.code, message: err.message, event };
  return { code: 'internal', message: 'Something went wrong on the server.', event };
}

export function userRoom(userId: string): string {
  return `user:${userId}`;
}

/** A room per session, so that signing it out disconnects its sockets on every instance. */
export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}

export function createSocketServer(httpServer: HttpServer, options: SocketServerOptions): AccordIo {
  const io: AccordIo = new Server(httpServer, {
    path: '/socket.io',
    // The Yjs upgrade is authenticated asynchronously; socket.io must not kill it after 1 s.
    destroyUpgrade: false,
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    allowRequest: (req, callback) => callback(null, options.allowOrigin(req.headers.origin, req.headers.host)),
    ...(options.adapter ? { adapter: options.adapter } : {}),
  });

  io.use((socket, next) => {
    options.sessions
      .fromCookieHeader(socket.request.headers.cookie)
      .then((identity) => {
        if (!identity) return next(new Error('unauthenticated: sign in to receive live updates'));
        const slot = options.limits ? options.limits.reserveSocket(identity.userId) : () => undefined;
        if (!slot) {
          options.logger.warn({ userId: identity.userId }, 'refused socket: too many open for one person');
          return next(new Error(tooManySocketsMessage(options.limits?.maxSocketsPerUser ?? 0)));
        }
        // The engine connection closes in every case (also when the client left before the handshake ended).
        socket.conn.once('close', slot);
        socket.once('disconnect', slot);
        socket.data.identity = identity;
        socket.data.sessionId = identity.sessionId;
        socket.data.presence = {
          userId: identity.userId,
          name: identity.name,
          role: identity.role,
          delegation: identity.delegation,
          color: options.colorOf(identity.delegation),
        };
        next();
      })
      .catch((err: unknown) => {
        options.logger.error({ err }, 'socket.io handshake failed');
        next(new Error('unavailable: could not check your session'));
      });
  });

  async function presenceOf(draftId: string): Promise<PresencePayload> {
    const sockets = await io.in(draftRoom(draftId)).fetchSockets();
    const byUser = new Map<string, PresenceUser>();
    for (const s of sockets) if (s.data.presence) byUser.set(s.data.presence.userId, s.data.presence);
    const users = [...byUser.values()].sort((a, b) => (a.delegation ?? '').localeCompare(b.delegation ?? '') || a.name.localeCompare(b.name));
    return { draftId, users };
  }

  async function broadcastPresence(draftId: string): Promise<PresencePayload> {
    const presence = await presenceOf(draftId);
    io.to(draftRoom(draftId)).emit('presence', presence);
    return presence;
  }

  io.on('connection', (socket: AccordSocket) => {
    const log = options.logger.child({ socket: socket.id, userId: socket.data.identity.userId });
    // A room per person, so that a change of rights can disconnect all their sockets on every instance.
    void socket.join([userRoom(socket.data.identity.userId), sessionRoom(socket.data.sessionId)]);

    // Per-socket rate limit: excess events are dropped with an error event; a socket that keeps
    // flooding is disconnected.
    const bucket = new TokenBucket(options.eventsPerSecond ?? 20, (options.eventsPerSecond ?? 20) * 3);
    let dropped = 0;
    socket.use((packet, next) => {
      if (bucket.take()) return next();
      dropped += 1;
      if (dropped === 1 || dropped % 50 === 0) {
        socket.emit('error', { code: 'rate_limited', message: 'Too many events; some were ignored. Slow down.', event: String(packet[0]) });
      }
      if (dropped > 500) socket.disconnect(true);
    });

    socket.on('draft:join', async (payload, ack) => {
      try {
        const parsed = joinDraftSchema.safeParse(payload);
        if (!parsed.success) throw new AppError('bad_request', { message: 'draft:join needs { draftId } with a draft id.' });
        await options.drafts.requireAccess(socket.data.identity, parsed.data.draftId);
        await socket.join(draftRoom(parsed.data.draftId));
        // Internal notes of the person's team (delegation or secretariat) reach only this room.
        const team = commentTeam(socket.data.identity);
        if (team) await socket.join(teamRoom(parsed.data.draftId, team));
        const presence = await broadcastPresence(parsed.data.draftId);
        if (typeof ack === 'function') ack({ ok: true, data: presence });
      } catch (err) {
        const error = toErrorPayload(err, 'draft:join');
        if (error.code === 'internal') log.error({ err }, 'draft:join failed');
        if (typeof ack === 'function') ack({ ok: false, error });
        else socket.emit('error', error);
      }
    });

    // Notifications are pushed per person: a socket that asks receives its own person's.
    socket.on('notifications:subscribe', async (payload, ack) => {
      const parsed = notificationsSubscribeSchema.safeParse(payload ?? {});
      if (!parsed.success) {
        const error = { code: 'bad_request' as const, message: 'notifications:subscribe takes an empty object.', event: 'notifications:subscribe' };
        if (typeof ack === 'function') ack({ ok: false, error });
        else socket.emit('error', error);
        return;
      }
      const delegation = socket.data.identity.delegation;
      await socket.join(notifyRoom(socket.data.identity.userId));
      if (typeof ack === 'function') ack({ ok: true, data: { delegation } });
    });

    socket.on('draft:leave', async (payload) => {
      const parsed = leaveDraftSchema.safeParse(payload);
      if (!parsed.success) return;
      await socket.leave(draftRoom(parsed.data.draftId));
      const team = commentTeam(socket.data.identity);
      if (team) await socket.leave(teamRoom(parsed.data.draftId, team));
      await broadcastPresence(parsed.data.draftId).catch(() => undefined);
    });

    socket.on('disconnecting', () => {
      const drafts = [...socket.rooms].filter((r) => r.startsWith('draft:')).map((r) => r.slice('draft:'.length));
      // Rooms are left after this event: recompute presence on the next tick.
      setImmediate(() => {
        for (const draftId of drafts) void broadcastPresence(draftId).catch(() => undefined);
      });
    });
  });

  return io;
}
