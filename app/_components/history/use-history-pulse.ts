'use client';

import { useEffect, useState } from 'react';
import type { HistoryChangedPayload } from '@/lib/realtime/events';
import { acquireDraftChannel } from '../draft-socket';

/** What the history page knows of the draft's live state. */
export interface HistoryPulse {
  /** The newest indexed update-log id announced since the page opened (0: none yet). */
  upToId: number;
  /**
   * Bumped whenever the history may have grown: new edits indexed, a restore, a new
   * revision, a decision (status, silence, position), a comment (also the secretariat's
   * comment on a clause), a bracket or an alternative, and after each (re)join of the
   * draft's room, when events may have been missed.
   */
  tick: number;
}

/** Listens to the draft's room for anything that adds to its history. */
export function useHistoryPulse(draftId: string): HistoryPulse {
  const [pulse, setPulse] = useState<HistoryPulse>({ upToId: 0, tick: 0 });

  useEffect(() => {
    let disposed = false;
    const { channel, release } = acquireDraftChannel(draftId);
    const bump = (upToId = 0) => {
      if (!disposed) setPulse((prev) => ({ upToId: Math.max(prev.upToId, upToId), tick: prev.tick + 1 }));
    };
    const onChanged = (payload: HistoryChangedPayload) => {
      if (payload.draftId === draftId) bump(payload.upToId);
    };
    const onOther = (payload: { draftId: string }) => {
      if (payload.draftId === draftId) bump();
    };
    // Events sent before a join (the page's first, or after a reconnect) were not heard: check.
    const unsubscribe = channel.onJoin((result) => {
      if (result.ok) bump();
    });
    const others = [
      'history:restored',
      'revision:created',
      'clause:status',
      'silence:updated',
      'position:updated',
      'bracket:updated',
      'alternatives:updated',
      'comment:created',
      'comment:reply',
      'clause:comment',
    ] as const;
    channel.socket.on('history:changed', onChanged);
    for (const event of others) channel.socket.on(event, onOther);
    return () => {
      disposed = true;
      unsubscribe();
      channel.socket.off('history:changed', onChanged);
      for (const event of others) channel.socket.off(event, onOther);
      release();
    };
  }, [draftId]);

  return pulse;
}
