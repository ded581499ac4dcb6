'use client';

import { useEffect, useState } from 'react';
import type { PresenceUser } from '@/lib/domain/identity';
import type { PresencePayload, RealtimeErrorPayload } from '@/lib/realtime/events';
import { acquireDraftChannel, type JoinResult } from './draft-socket';

export interface PresenceState {
  /** socket.io is connected and the draft room joined. */
  live: boolean;
  users: PresenceUser[];
  /** A refusal or failure in words, when there is one. */
  error: string | null;
}

/**
 * Who has the draft open right now, over the page's shared socket.io connection to the
 * draft (draft-socket.ts): the answer to each join gives the full list, and the server
 * pushes a new one on every change.
 */
export function usePresence(draftId: string): PresenceState {
  const [state, setState] = useState<PresenceState>({ live: false, users: [], error: null });

  useEffect(() => {
    let disposed = false;
    const set = (patch: Partial<PresenceState>) => {
      if (!disposed) setState((prev) => ({ ...prev, ...patch }));
    };
    const { channel, release } = acquireDraftChannel(draftId);
    const { socket } = channel;

    const onJoin = (result: JoinResult) => {
      if (result.ok) {
        if (result.data.draftId === draftId) set({ live: true, users: result.data.users, error: null });
      } else {
        set({ live: false, error: result.error.message });
      }
    };
    const onPresence = (payload: PresencePayload) => {
      if (payload.draftId === draftId) set({ live: true, users: payload.users, error: null });
    };
    const onError = (payload: RealtimeErrorPayload) => {
      if (!payload.event || payload.event.startsWith('draft:')) set({ error: payload.message });
    };
    const onDown = () => set({ live: false });

    const unsubscribe = channel.onJoin(onJoin);
    socket.on('presence', onPresence);
    socket.on('error', onError);
    socket.on('disconnect', onDown);
    socket.on('connect_error', onDown);
    // The connection may have joined before this hook subscribed.
    if (channel.lastJoin) onJoin(channel.lastJoin);

    return () => {
      disposed = true;
      unsubscribe();
      socket.off('presence', onPresence);
      socket.off('error', onError);
      socket.off('disconnect', onDown);
      socket.off('connect_error', onDown);
      release();
    };
  }, [draftId]);

  return state;
}
