/**
 * One publisher for every server-to-client socket.io event. Services are built before
 * the HTTP server (and so before socket.io): events published before `attach` reach
 * nobody, as no client can be connected yet. The service-facing adapters below only
 * choose the room; the emit itself is the same for all.
 */
import type { ServerToClientEvents } from '@/lib/realtime/events';
import { draftRoom, notifyRoom, teamRoom } from '@/lib/realtime/events';
import type { CommentPublisher } from '../comments/comment-service';
import type { NotificationPublisher } from '../notifications/notification-service';
import { userRoom, type AccordIo } from './socket-server';

/** The payload of each server-to-client event. */
export type EventPayloads = { [E in keyof ServerToClientEvents]: Parameters<ServerToClientEvents[E]>[0] };

export interface RealtimePublisher {
  /** Start delivering: from now on events reach the sockets in the room. */
  attach(io: AccordIo): void;
  /** Emit to a room (with the Redis adapter, on every instance), leaving out the sockets of `except` (a room). */
  emit<E extends keyof EventPayloads>(room: string, event: E, payload: EventPayloads[E], options?: { except?: string }): void;
  /** Disconnect every socket of a person (their rights changed; the client reconnects and is checked again). */
  disconnectUser(userId: string): void;
}

export function createRealtimePublisher(): RealtimePublisher {
  let io: AccordIo | undefined;
  return {
    attach(server) {
      io = server;
    },
    emit(room, event, payload, options) {
      if (!io) return;
      const target = options?.except ? io.to(room).except(options.except) : io.to(room);
      // socket.io types emit per literal event name; this publisher is generic over the map.
      (target.emit as (event: string, payload: unknown) => boolean)(event, payload);
    },
    disconnectUser(userId) {
      io?.in(userRoom(userId)).disconnectSockets(true);
    },
  };
}

/** A publisher of draft-wide events (negotiation, annotations, history): everyone in the draft's room. */
export function draftPublisher(realtime: RealtimePublisher) {
  return {
    publish<E extends keyof EventPayloads>(draftId: string, event: E, payload: EventPayloads[E]): void {
      realtime.emit(draftRoom(draftId), event, payload);
    },
  };
}

/** Comments: public threads to the whole draft, internal notes to their team's room only. */
export function commentPublisher(realtime: RealtimePublisher): CommentPublisher {
  return {
    publish: (draftId, audience, event, payload) =>
      realtime.emit(audience.team ? teamRoom(draftId, audience.team) : draftRoom(draftId), event, payload as EventPayloads[typeof event]),
  };
}

/** Notifications: to one person's subscribed sockets (the service chose who, by audience and preferences). */
export function notificationPublisher(realtime: RealtimePublisher): NotificationPublisher {
  return {
    toUser: (userId, payload) => realtime.emit(notifyRoom(userId), 'notification:new', payload),
  };
}
