'use client';

import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, PresencePayload, RealtimeErrorPayload, ServerToClientEvents } from '@/lib/realtime/events';
import { SOCKET_OPTIONS } from './socket-options';

export type DraftSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The answer to `draft:join`. */
export type JoinResult = { ok: true; data: PresencePayload } | { ok: false; error: RealtimeErrorPayload };

/**
 * One socket.io connection per draft for the whole page, shared by every hook that
 * needs it (presence, negotiation state): one handshake, one room membership, one
 * copy of each event. The channel joins the draft's room on every (re)connect and
 * tells its subscribers each time it has, so they can (re)load what they need.
 */
export interface DraftChannel {
  readonly draftId: string;
  readonly socket: DraftSocket;
  /** The answer to the latest `draft:join` on the current connection; null until it comes, and after a disconnect. */
  readonly lastJoin: JoinResult | null;
  /** Called after every join (first connect and each reconnect). Returns the unsubscribe function. */
  onJoin(listener: (result: JoinResult) => void): () => void;
}

class Channel implements DraftChannel {
  readonly socket: DraftSocket;
  lastJoin: JoinResult | null = null;
  refs = 0;
  closeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<(result: JoinResult) => void>();

  constructor(readonly draftId: string) {
    this.socket = io(SOCKET_OPTIONS);
    this.socket.on('connect', () => {
      this.lastJoin = null;
      this.socket.emit('draft:join', { draftId }, (result) => {
        this.lastJoin = result;
        for (const listener of [...this.listeners]) listener(result);
      });
    });
    this.socket.on('disconnect', () => {
      this.lastJoin = null;
    });
  }

  onJoin(listener: (result: JoinResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close() {
    this.listeners.clear();
    if (this.socket.connected) this.socket.emit('draft:leave', { draftId: this.draftId });
    this.socket.disconnect();
  }
}

const channels = new Map<string, Channel>();

/**
 * Takes a share of the page's connection to a draft, opening it for the first user.
 * `release` gives it back; the connection closes when the last share is released
 * (a moment later, so that a component that remounts at once, as React's strict mode
 * does, keeps the same connection).
 */
export function acquireDraftChannel(draftId: string): { channel: DraftChannel; release: () => void } {
  let channel = channels.get(draftId);
  if (!channel) {
    channel = new Channel(draftId);
    channels.set(draftId, channel);
  }
  if (channel.closeTimer) {
    clearTimeout(channel.closeTimer);
    channel.closeTimer = null;
  }
  channel.refs += 1;
  const ch = channel;
  let released = false;
  return {
    channel: ch,
    release: () => {
      if (released) return;
      released = true;
      ch.refs -= 1;
      if (ch.refs > 0) return;
      ch.closeTimer = setTimeout(() => {
        ch.closeTimer = null;
        if (ch.refs > 0) return;
        channels.delete(draftId);
        ch.close();
      }, 0);
    },
  };
}
