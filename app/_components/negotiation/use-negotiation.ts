'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClauseStatusDto, MandateDto, PositionDto, SilenceProcedureDto } from '@/lib/api/types';
import type {
  ClauseStatusPayload,
  ConsensusUpdatedPayload,
  MandateUpdatedPayload,
  PositionUpdatedPayload,
  RealtimeErrorPayload,
  SilenceUpdatedPayload,
} from '@/lib/realtime/events';
import { acquireDraftChannel, type JoinResult } from '../draft-socket';
import { fetchNegotiation } from './negotiation-api';
import {
  applyEvent,
  applyMandate,
  applyPosition,
  applySilence,
  applyStatus,
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
  mergeMandate: (mandate: MandateDto) => void;
  /** Merge a clause status at once (e.g. the response of a status change). */
  mergeStatus: (status: ClauseStatusDto) => void;
  /** Load the whole snapshot again. */
  refresh: () => void;
}

export interface UseNegotiationOptions {
  /** A snapshot rendered on the server, so the first paint has the data. It is refreshed once live. */
  initial?: NegotiationSnapshot;
}

/**
 * The negotiation state of a draft, kept live over the page's shared socket.io
 * connection to the draft (draft-socket.ts, also used by presence). Once the draft's room is joined it
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

    const { channel, release } = acquireDraftChannel(draftId);
    const { socket } = channel;
    const onJoin = (result: JoinResult) => {
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
    };
    const onPosition = (payload: PositionUpdatedPayload) => deliver({ type: 'position:updated', payload });
    const onStatus = (payload: ClauseStatusPayload) => deliver({ type: 'clause:status', payload });
    const onSilence = (payload: SilenceUpdatedPayload) => deliver({ type: 'silence:updated', payload });
    const onConsensus = (payload: ConsensusUpdatedPayload) => deliver({ type: 'consensus:updated', payload });
    const onMandate = (payload: MandateUpdatedPayload) => deliver({ type: 'mandate:updated', payload });
    const onError = (payload: RealtimeErrorPayload) => {
      if (!disposed && (!payload.event || payload.event.startsWith('draft:'))) setJoinError(payload.message);
    };
    const onDown = () => {
      if (!disposed) setLive(false);
    };

    const unsubscribe = channel.onJoin(onJoin);
    socket.on('position:updated', onPosition);
    socket.on('clause:status', onStatus);
    socket.on('silence:updated', onSilence);
    socket.on('consensus:updated', onConsensus);
    socket.on('mandate:updated', onMandate);
    socket.on('error', onError);
    socket.on('disconnect', onDown);
    socket.on('connect_error', onDown);
    // The shared connection may have joined before this hook subscribed: load now.
    if (channel.lastJoin) onJoin(channel.lastJoin);

    return () => {
      disposed = true;
      loadRef.current = () => undefined;
      unsubscribe();
      socket.off('position:updated', onPosition);
      socket.off('clause:status', onStatus);
      socket.off('silence:updated', onSilence);
      socket.off('consensus:updated', onConsensus);
      socket.off('mandate:updated', onMandate);
      socket.off('error', onError);
      socket.off('disconnect', onDown);
      socket.off('connect_error', onDown);
      release();
    };
  }, [draftId]);

  const mergePosition = useCallback((position: PositionDto) => {
    setData((prev) => (prev ? applyPosition(prev, position) : prev));
  }, []);
  const mergeMandate = useCallback((mandate: MandateDto) => {
    setData((prev) => (prev ? applyMandate(prev, mandate) : prev));
  }, []);
  const mergeSilence = useCallback((procedure: SilenceProcedureDto) => {
    setData((prev) => (prev ? applySilence(prev, procedure) : prev));
  }, []);
  const mergeStatus = useCallback((status: ClauseStatusDto) => {
    setData((prev) => (prev ? applyStatus(prev, status) : prev));
  }, []);
  const refresh = useCallback(() => loadRef.current(), []);

  return { data, live, error: joinError ?? loadError, mergePosition, mergeSilence, mergeMandate, mergeStatus, refresh };
}
