'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { PositionDto, SilenceProcedureDto } from '@/lib/api/types';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/realtime/events';
import { fetchNegotiation } from './negotiation-api';
import {
  applyEvent,
  applyPosition,
  applySilence,
  fromSnapshot,
  type NegotiationData,
  type NegotiationEvent,
  type NegotiationSnapshot,
} from './negotiation-state';

export interface Negotiation {
  /** Null until the first snapshot arrives (never null when an initial snapshot was given). */
  data: NegotiationData | null;
  /** socket.io is connected and the draft's room joined: changes arrive as they happen. */
  live: boolean;
  /** Why the state could not be loaded or kept live, in words; null when all is well. */
  error: string | null;
  /** Merge a position at once (e.g. the response of a PUT), before its event comes back. */
  mergePosition: (position: PositionDto) => void;
  /** Merge a silence procedure at once (e.g. the response of a break). */
  mergeSilence: (procedure: SilenceProcedureDto) => void;
  /** Load the whole snapshot again. */
  refresh: () => void;
}

export interface UseNegotiationOptions {
  /** A snapshot rendered on the server, so the first paint has the data. It is refreshed once live. */
  initial?: NegotiationSnapshot;
}

/**
 * The negotiation state of a draft, kept live. Joins the draft's socket.io room, then
 * loads `GET /api/drafts/:id/negotiation` (again after every reconnect, to catch up on
 * what was missed) and merges `position:updated`, `clause:status`, `silence:updated`
 * and `consensus:updated` into it. Events that arrive while a snapshot is loading are
 * queued and replayed on top of it, in order, so nothing is lost or undone by the
 * snapshot.
 */
export function useNegotiation(draftId: string, options: UseNegotiationOptions = {}): Negotiation {
  const { initial } = options;
  const [data, setData] = useState<NegotiationData | null>(() => (initial ? fromSnapshot(initial) : null));
  const [live, setLive] = useState(false);
  const [joinError, setJoinError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const loadRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    let disposed = false;
    // Non-null while a snapshot is on its way: events wait here instead of being applied to stale data.
    let queue: NegotiationEvent[] | null = null;
    let loadSeq = 0;

    const deliver = (event: NegotiationEvent) => {
      if (disposed || event.payload.draftId !== draftId) return;
      if (queue) queue.push(event);
      else setData((prev) => (prev ? applyEvent(prev, event) : prev));
    };

    const load = async () => {
      const seq = ++loadSeq;
      queue = [];
      try {
        const snapshot = await fetchNegotiation(draftId);
        if (disposed || seq !== loadSeq) return;
        const pending = queue ?? [];
        queue = null;
        setData(pending.reduce(applyEvent, fromSnapshot(snapshot)));
        setLoadError(null);
      } catch (err) {
        if (disposed || seq !== loadSeq) return;
        const pending = queue ?? [];
        queue = null;
        setData((prev) => (prev ? pending.reduce(applyEvent, prev) : prev));
        setLoadError(err instanceof Error ? err.message : 'The negotiation state could not be loaded.');
      }
    };
    loadRef.current = () => void load();

    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ path: '/socket.io', withCredentials: true });
    socket.on('connect', () => {
      socket.emit('draft:join', { draftId }, (result) => {
        if (disposed) return;
        if (result.ok) {
          setLive(true);
          setJoinError(null);
          // Load after joining: every change from now on arrives as an event, so the snapshot plus the events is complete.
          void load();
        } else {
          setLive(false);
          setJoinError(result.error.message);
        }
      });
    });
    socket.on('position:updated', (payload) => deliver({ type: 'position:updated', payload }));
    socket.on('clause:status', (payload) => deliver({ type: 'clause:status', payload }));
    socket.on('silence:updated', (payload) => deliver({ type: 'silence:updated', payload }));
    socket.on('consensus:updated', (payload) => deliver({ type: 'consensus:updated', payload }));
    socket.on('error', (payload) => {
      if (!disposed && (!payload.event || payload.event.startsWith('draft:'))) setJoinError(payload.message);
    });
    socket.on('disconnect', () => {
      if (!disposed) setLive(false);
    });
    socket.on('connect_error', () => {
      if (!disposed) setLive(false);
    });

    return () => {
      disposed = true;
      loadRef.current = () => undefined;
      if (socket.connected) socket.emit('draft:leave', { draftId });
      socket.disconnect();
    };
  }, [draftId]);

  const mergePosition = useCallback((position: PositionDto) => {
    setData((prev) => (prev ? applyPosition(prev, position) : prev));
  }, []);
  const mergeSilence = useCallback((procedure: SilenceProcedureDto) => {
    setData((prev) => (prev ? applySilence(prev, procedure) : prev));
  }, []);
  const refresh = useCallback(() => loadRef.current(), []);

  return { data, live, error: joinError ?? loadError, mergePosition, mergeSilence, refresh };
}
