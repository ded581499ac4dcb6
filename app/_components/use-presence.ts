'use client';

import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { PresenceUser } from '@/lib/domain/identity';
import type { ClauseStatus } from '@/lib/domain/vocabulary';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/realtime/events';

export interface PresenceState {
  /** socket.io is connected and the draft room joined. */
  live: boolean;
  users: PresenceUser[];
  /** A refusal or failure in words, when there is one. */
  error: string | null;
  /** Clause statuses changed since the page was rendered (clause id → status), pushed by the server. */
  clauseStatuses: Readonly<Record<string, ClauseStatus>>;
}

/**
 * Who has the draft open right now, from socket.io. Joins the draft's room on every
 * (re)connect; the server answers with the full list and pushes a new one on change.
 * Also follows clause status changes, so that a clause locks (or opens) for everyone
 * the moment the secretariat changes it.
 */
export function usePresence(draftId: string): PresenceState {
  const [state, setState] = useState<PresenceState>({ live: false, users: [], error: null, clauseStatuses: {} });

  useEffect(() => {
    let disposed = false;
    const set = (patch: Partial<PresenceState>) => {
      if (!disposed) setState((prev) => ({ ...prev, ...patch }));
    };
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      path: '/socket.io',
      withCredentials: true,
    });

    socket.on('connect', () => {
      socket.emit('draft:join', { draftId }, (result) => {
        if (result.ok) {
          if (result.data.draftId === draftId) set({ live: true, users: result.data.users, error: null });
        } else {
          set({ live: false, error: result.error.message });
        }
      });
    });
    socket.on('presence', (payload) => {
      if (payload.draftId === draftId) set({ live: true, users: payload.users, error: null });
    });
    socket.on('clause:status', (payload) => {
      if (payload.draftId !== draftId || disposed) return;
      setState((prev) => ({
        ...prev,
        clauseStatuses: { ...prev.clauseStatuses, [payload.clause.clauseId]: payload.clause.status },
      }));
    });
    socket.on('error', (payload) => {
      if (!payload.event || payload.event.startsWith('draft:')) set({ error: payload.message });
    });
    socket.on('disconnect', () => set({ live: false }));
    socket.on('connect_error', () => set({ live: false }));

    return () => {
      disposed = true;
      if (socket.connected) socket.emit('draft:leave', { draftId });
      socket.disconnect();
    };
  }, [draftId]);

  return state;
}
